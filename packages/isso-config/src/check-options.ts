/**
 * Options objects arrive as plain JS too, so they are checked like configs: an object with only
 * known keys, each of the right type. A misspelt `lenent: true` must not be silently ignored.
 */
import { preview } from './describe.js';
import type { IssoIssue } from './types.js';

/** How one option is checked: the accepted values in words, and the test. */
export interface OptionRule {
  readonly accepted: string;
  readonly test: (value: unknown) => boolean;
}

/** `lenient`-style flags. */
export const BOOLEAN_OPTION: OptionRule = { accepted: 'true or false', test: (value) => typeof value === 'boolean' };

/**
 * Problems with `options` against `rules` (keys not in `rules` are unknown). `undefined` values
 * count as absent, like missing keys. `skip` names options the caller checks itself.
 */
export function checkOptions(options: unknown, rules: Readonly<Record<string, OptionRule>>, skip: readonly string[] = []): IssoIssue[] {
  const known = Object.keys(rules).concat(skip);
  if (typeof options !== 'object' || options === null || Array.isArray(options) || !isPlain(options)) {
    const accepted = `an object with the options ${known.join(', ')}`;
    return [{ severity: 'error', code: 'invalid-options', path: ['options'], value: options, accepted, message: `options ${preview(options)} is not a plain object; accepted: ${accepted}` }];
  }
  const issues: IssoIssue[] = [];
  for (const key of Object.keys(options)) {
    const value = (options as Record<string, unknown>)[key];
    if (skip.includes(key)) continue;
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    if (!rule) {
      const accepted = `one of the options ${known.join(', ')}`;
      issues.push({ severity: 'error', code: 'unknown-option', path: ['options', key], value, accepted, message: `option ${preview(key)} is not known; accepted: ${accepted}` });
    } else if (value !== undefined && !rule.test(value)) {
      issues.push({ severity: 'error', code: 'invalid-option', path: ['options', key], value, accepted: rule.accepted, message: `option ${key} = ${preview(value)} is not accepted; accepted: ${rule.accepted}` });
    }
  }
  return issues;
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
