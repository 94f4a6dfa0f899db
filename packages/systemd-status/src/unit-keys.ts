/**
 * The `Key:` labels `print_status_info()` has printed from v208 to v258 (`Act. Units:` of slices
 * is new in v258), including renamed ones
 * (`Follow:`→`Follows:`, `Control:`→`Cntrl PID:`) and the manager block's labels.
 */
const KEYS = [
  'Follow', 'Follows', 'Loaded', 'Transient', 'Drop-In', 'Active', 'Until', 'Duration', 'Invocation',
  'TriggeredBy', 'Job', 'Trigger', 'Triggers', 'Condition', 'Assert', 'Device', 'Where', 'What',
  'Docs', 'Listen', 'Accepted', 'Process', 'Main PID', 'Cntrl PID', 'Control', 'Status', 'Error',
  'Act. Units', 'IP', 'IO', 'Tasks', 'FD Store', 'Memory', 'Mem peak', 'CPU', 'CGroup',
  'State', 'Units', 'Jobs', 'Failed', 'Since', 'systemd', 'Tainted',
];

/** The labels by length, so a line's label is compared in place instead of cut out first. */
const KEYS_BY_LENGTH: string[][] = [];
for (const key of KEYS) (KEYS_BY_LENGTH[key.length] ??= []).push(key);

/** Keys whose value can continue on the following lines. */
export const CONTINUED = new Set(['Drop-In', 'Docs', 'TriggeredBy', 'Triggers', 'Condition', 'Assert', 'CGroup']);

/**
 * Splits `     Loaded: loaded (…)` into key and value, matching the label by name rather than
 * column because pastes lose or shift the indentation. `null` for lines that are not a key.
 */
export function splitKeyLine(line: string): { key: string; value: string } | null {
  let start = 0;
  while (start < line.length && (line[start] === ' ' || line[start] === '\t')) start++;
  // The longest label is `TriggeredBy` (11 characters); a colon further right is not a label.
  const colon = line.indexOf(':', start);
  if (colon <= start || colon - start > 11) return null;
  const after = line[colon + 1];
  if (after !== undefined && after !== ' ') return null;
  const key = knownKey(line, start, colon - start);
  if (key === null) return null;
  return { key, value: line.slice(colon + 2) };
}

/** The label of `KEYS` that `line` holds at `start`, `length` characters long; the shared string. */
function knownKey(line: string, start: number, length: number): string | null {
  const candidates = KEYS_BY_LENGTH[length];
  if (candidates === undefined) return null;
  for (const key of candidates) if (line.startsWith(key, start)) return key;
  return null;
}
