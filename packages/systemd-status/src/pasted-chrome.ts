import { parseTreeLine } from './parse-cgroup-line.js';
import { splitKeyLine } from './unit-keys.js';

/**
 * Lines that pastes of `systemctl status` carry around the real output: the shell prompt and
 * command that produced it, and the status line of the `less` pager the output was shown in.
 */

// A prompt ends in `$`, `#`, `%`, `>` or `❯` plus a space and holds at most a few words
// (`[root@web ~]# `, `core@core-01 ~ $ `, `ip-10-0-0-1 core # `); a journal line has more.
const PROMPT_END = /[$#%>❯] /;
const MAX_PROMPT = 100;
const MAX_PROMPT_SPACES = 3;
// `sudo -u x systemctl …`, `/usr/bin/systemctl …`, `build/systemctl …` without a prompt.
const BARE_COMMAND = /^(?:sudo +(?:-\S+ +){0,4})?(?:[\w.~-]{0,80}\/){0,8}(?:systemctl|journalctl)(?: |$)/;
const COMMAND_WORD = /(?:^|[\s/;&|(])(?:systemctl|journalctl)(?: |$)/;
// `lines 1-13/13 (END)`, `lines 1-13/13 (END)...skipping...`, `lines 14-26`, `(END)`.
// Matched against the trimmed line, so no leading or trailing `\s*` can backtrack.
const PAGER_STATUS = /^(?:lines \d{1,9}-\d{1,9}(?:\/\d{1,9})?(?: \(END\))?|\(END\))?(?:\.\.\.skipping\.\.\.)?$/;

/**
 * True for a pasted shell command line that runs `systemctl` or `journalctl`, with or without a
 * prompt before it (`bare: false` requires the prompt). Key lines and CGroup tree lines never
 * count, even when a command line shown in them contains `> systemctl`.
 */
export function isShellCommand(line: string, bare = true): boolean {
  // Checked before `trim` copies the line: almost no line mentions a `…ctl` command.
  if (line.indexOf('ctl') < 0) return false;
  const text = line.trim();
  if (bare && BARE_COMMAND.test(text)) return true;
  const head = text.slice(0, MAX_PROMPT);
  const end = PROMPT_END.exec(head);
  if (!end) return false;
  const prompt = head.slice(0, end.index);
  if (countSpaces(prompt) > MAX_PROMPT_SPACES) return false;
  if (!COMMAND_WORD.test(text.slice(end.index + 2))) return false;
  return splitKeyLine(line) === null && parseTreeLine(line) === null;
}

/** True for the status line `less` leaves in a paste (`lines 1-13/13 (END)`), not for blanks. */
export function isPagerStatus(line: string): boolean {
  // A status line starts with `l`, `(` or `.`; anything else printable rules it out before
  // `trim` copies the line.
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  const c = line.charCodeAt(i);
  if (c > 32 && c < 127 && c !== 108 && c !== 40 && c !== 46) return false;
  const text = line.trim();
  return text !== '' && PAGER_STATUS.test(text);
}

function countSpaces(text: string): number {
  let n = 0;
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) n++;
  return n;
}
