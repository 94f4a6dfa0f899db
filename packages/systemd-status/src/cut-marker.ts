/**
 * Recognizes where a line was cut off. Pagers (`less -S`, systemd's default) chop at the terminal
 * width and put `>` in the last column (some tools use `$`); systemd itself ellipsizes CGroup
 * command lines at the end with `…` (`...` in non-UTF-8 locales) and journal messages in the
 * middle. A trailing `>` counts only when the text has no `<`, so `<html>`-like endings survive.
 */
export interface CutText {
  /** The text without the cut marker. */
  text: string;
  cut: boolean;
}

/** A value of a `Key: value` line: `>`, `$` or `…` at the end mark a cut. */
export function cutKeyValue(value: string): CutText {
  const last = value[value.length - 1];
  if (last === '…') return { text: value.slice(0, -1), cut: true };
  if (last === '>' && value.indexOf('<') < 0) return { text: value.slice(0, -1), cut: true };
  if (last === '$' && value.indexOf('$') === value.length - 1) return { text: value.slice(0, -1), cut: true };
  return { text: value, cut: false };
}

/** A command line in the CGroup tree: `…`, `...` or an unbalanced `>` at the end. */
export function cutCommand(command: string): CutText {
  if (command.endsWith('…')) return { text: command.slice(0, -1), cut: true };
  if (command.endsWith('...')) return { text: command.slice(0, -3), cut: true };
  if (command.endsWith('>') && command.indexOf('<') < 0) return { text: command.slice(0, -1), cut: true };
  return { text: command, cut: false };
}

/**
 * A journal message: systemd's ellipsis sits inside the text (`HTTP/1.… Not Found`), so any `…`
 * marks it; a pager cut shows as an unbalanced trailing `>`. A trailing `...` is left alone,
 * because messages such as `Starting nginx...` end that way on their own.
 */
export function cutMessage(message: string): CutText {
  if (message.endsWith('>') && message.indexOf('<') < 0) return { text: message.slice(0, -1), cut: true };
  return { text: message, cut: message.indexOf('…') >= 0 };
}

/**
 * `cutMessage` for a message that runs from `start` to the end of `line`, without cutting it
 * out: the end of the text that survives the pager's marker (`line.length` when there is none).
 */
export function messageEndAt(line: string, start: number): number {
  const n = line.length;
  return n > start && line.charCodeAt(n - 1) === 62 && line.indexOf('<', start) < 0 ? n - 1 : n;
}

/** Whether the message from `start` to the end of `line` was cut (see `cutMessage`). */
export function messageCutAt(line: string, start: number): boolean {
  return messageEndAt(line, start) < line.length || line.indexOf('…', start) >= 0;
}
