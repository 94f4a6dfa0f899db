/** The parts of an `Active:` value before the timestamp. */
export interface Active {
  activeState: string;
  subState: string | null;
  freezerState: string | null;
  result: string | null;
  /** Text after ` since `, or `null`. */
  since: string | null;
  /** The field the text ends in when the line was cut without a closing parenthesis. */
  openField: 'subState' | 'freezerState' | 'result' | null;
}

const FREEZER = new Set(['frozen', 'freezing', 'thawing', 'frozen-by-parent', 'freezing-by-parent']);

/**
 * Parses `active (running) since …`, `failed (Result: exit-code) since …`,
 * `activating (auto-restart) (Result: exit-code) since …`, `active (running) (frozen)`,
 * `inactive (dead)` and `active since …` (no sub-state when it equals the active state).
 */
export function parseActive(value: string): Active {
  const space = value.indexOf(' ');
  const active: Active = {
    activeState: space < 0 ? value : value.slice(0, space),
    subState: null, freezerState: null, result: null, since: null, openField: null,
  };
  let rest = space < 0 ? '' : value.slice(space);
  while (rest.startsWith(' (')) {
    const close = rest.indexOf(')');
    const group = close < 0 ? rest.slice(2) : rest.slice(2, close);
    const field = group.startsWith('Result:') ? 'result' : active.subState === null && active.result === null && !FREEZER.has(group) ? 'subState' : 'freezerState';
    active[field] = field === 'result' ? group.slice(7).trimStart() : group;
    if (close < 0) {
      active.openField = field;
      return active;
    }
    rest = rest.slice(close + 1);
  }
  if (rest.startsWith(' since ')) active.since = rest.slice(7);
  return active;
}
