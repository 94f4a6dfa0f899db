/**
 * Removes terminal escapes from one line: SGR colours (`ESC [ … m`, including the `38:5:245`
 * colon form), other CSI sequences, and OSC 8 hyperlinks (`ESC ] 8 ;; url ESC \` or BEL), which
 * systemd prints around paths and URLs on terminals. A single forward scan keeps it linear.
 */
export function stripEscapes(line: string): string {
  if (line.indexOf('\x1b') < 0) return line;
  let out = '';
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c !== 0x1b) {
      const next = line.indexOf('\x1b', i);
      const end = next < 0 ? n : next;
      out += line.slice(i, end);
      i = end;
      continue;
    }
    const kind = line[i + 1];
    if (kind === '[') {
      i += 2;
      // Parameter and intermediate bytes run until a final byte in @–~.
      while (i < n) {
        const b = line.charCodeAt(i++);
        if (b >= 0x40 && b <= 0x7e) break;
      }
    } else if (kind === ']') {
      i += 2;
      while (i < n) {
        const b = line.charCodeAt(i);
        if (b === 0x07) { i++; break; }
        if (b === 0x1b && line[i + 1] === '\\') { i += 2; break; }
        i++;
      }
    } else {
      i += 2;
    }
  }
  return out;
}
