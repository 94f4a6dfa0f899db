import { NginxVhostError, type FieldPath } from './errors.js';

// nginx parses times with a state machine: units in descending order, each at most once, a
// bare number only last (seconds, or milliseconds in msec fields), and it fails on overflow.
const UNITS: readonly (readonly [string, number])[] = [
  ['y', 31536000], ['M', 2592000], ['w', 604800], ['d', 86400], ['h', 3600], ['m', 60], ['s', 1], ['ms', 0.001],
];

/**
 * Checks an nginx time such as `1h30m`, `500ms` or `60`: `ms` only where milliseconds are
 * allowed, and a total of at most `maxSeconds` so nginx's own overflow check cannot trip.
 */
export function checkTime(text: string, path: FieldPath, options: { ms: boolean; maxSeconds: number }): void {
  const accepted = `a time such as 30s, 5m or 1h30m (units ${options.ms ? 'w d h m s ms' : 'y M w d h m s'}, largest first, each once), at most ${options.maxSeconds} seconds`;
  let rest = text;
  let next = 0;
  let total = 0;
  if (rest === '') throw new NginxVhostError(path, text, 'empty time', accepted);
  while (rest !== '') {
    const match = /^([0-9]{1,10})(ms|[yMwdhms])?/.exec(rest);
    if (!match) throw new NginxVhostError(path, text, 'not an nginx time', accepted);
    const unit = match[2];
    rest = rest.slice(match[0].length);
    if (unit === undefined) {
      if (rest !== '') throw new NginxVhostError(path, text, 'a number without unit must come last', accepted);
      total += Number(match[1]);
      break;
    }
    const index = UNITS.findIndex(([name]) => name === unit);
    // Millisecond fields take neither years nor months; second fields take no ms.
    if (index < next || (options.ms ? unit === 'y' || unit === 'M' : unit === 'ms')) throw new NginxVhostError(path, text, `unit "${unit}" out of order, repeated or not allowed here`, accepted);
    next = index + 1;
    total += Number(match[1]) * UNITS[index]![1];
  }
  if (total > options.maxSeconds) throw new NginxVhostError(path, text, 'time too large', accepted);
}
