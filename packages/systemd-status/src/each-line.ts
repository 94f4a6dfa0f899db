/**
 * Calls `visit` for every line of `text` with its 1-based number and its offset in `text`,
 * without a trailing `\r`
 * (pastes from Windows) and without building an array of all lines first, so a 20 MB output is
 * walked once. Counts the characters it passes over in `meter`.
 */
export function eachLine(text: string, meter: { operations: number }, visit: (line: string, lineNumber: number, start: number) => void): void {
  let position = 0;
  let lineNumber = 0;
  while (position < text.length) {
    const newline = text.indexOf('\n', position);
    const end = newline < 0 ? text.length : newline;
    let line = text.slice(position, end);
    const start = position;
    position = end + 1;
    lineNumber++;
    meter.operations += line.length + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    visit(line, lineNumber, start);
  }
}
