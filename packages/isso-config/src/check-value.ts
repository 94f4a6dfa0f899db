/**
 * Checks one typed value against its schema key and renders it as the text Isso must read.
 * Rendering and checking are one step so that what is checked is exactly what is written.
 */
import { checkFormat } from './check-format.js';
import { checkList } from './check-list.js';
import { checkText } from './check-text.js';
import { describe } from './describe.js';
import { durationSeconds, formatDuration, MAX_DURATION_SECONDS } from './duration.js';
import { escapePercent } from './escape-percent.js';
import type { IssoKeySchema } from './schema.js';
import { ENV_NAME, isSecretRef } from './secret-ref.js';
import type { IssoIssue } from './types.js';
import { expandsEnvironment, type VersionTuple } from './version.js';

/** A value ready to write: one line, or (for newline lists) an empty first line plus items. */
export type RenderedValue =
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'lines'; readonly items: readonly string[] };

export interface CheckedValue {
  /** The value as the typed config holds it after validation (durations in seconds). */
  readonly value: unknown;
  readonly rendered: RenderedValue;
}

/** Where a value sits, which Isso it is for, and where problems go. */
export interface CheckContext {
  readonly path: readonly (string | number)[];
  readonly version: VersionTuple;
  readonly report: (issue: Omit<IssoIssue, 'severity'>) => void;
}

/** Checks and renders `value` for `key`; reports problems through `context.report` and returns undefined on error. */
export function checkValue(key: IssoKeySchema, value: unknown, context: CheckContext): CheckedValue | undefined {
  if (key.kind === 'newline-list' || key.kind === 'comma-list') return checkList(key, value, context);
  const { path, version, report } = context;
  if (isSecretRef(value)) return checkSecret(value.env, context);
  const text = scalarText(key, value);
  if (text === undefined) {
    report({ code: 'wrong-type', path, value, accepted: acceptedScalar(key), message: describe(path, value, 'has the wrong type', acceptedScalar(key)) });
    return undefined;
  }
  const problem = checkText(text, expandsEnvironment(version)) ?? checkFormat(key.format, text);
  if (problem) {
    report({ code: problem.code, path, value, accepted: problem.accepted, message: describe(path, value, problem.reason, problem.accepted) });
    return undefined;
  }
  const normalized = key.kind === 'duration' ? durationSeconds(text) : value;
  return { value: normalized, rendered: { kind: 'line', text: escapePercent(text, version) } };
}

/** The text of a scalar of the right type, or undefined when the type or form is wrong. */
function scalarText(key: IssoKeySchema, value: unknown): string | undefined {
  switch (key.kind) {
    case 'bool':
      return typeof value === 'boolean' ? String(value) : undefined;
    case 'int':
      return isCount(value) ? String(value) : undefined;
    case 'duration': {
      const seconds = isCount(value) ? (value <= MAX_DURATION_SECONDS ? value : undefined) : typeof value === 'string' ? durationSeconds(value) : undefined;
      return seconds === undefined ? undefined : formatDuration(seconds);
    }
    case 'enum':
      return typeof value === 'string' && key.values?.includes(value) ? value : undefined;
    default:
      return typeof value === 'string' ? value : undefined;
  }
}

function acceptedScalar(key: IssoKeySchema): string {
  switch (key.kind) {
    case 'bool':
      return 'true or false, or { env: "NAME" }';
    case 'int':
      return 'a whole number ≥ 0, or { env: "NAME" }';
    case 'duration':
      return 'whole seconds from 0 to 999999999 days, or a duration such as "15m", "1h30m", "3w 2d" (units w d h m s in that order), or { env: "NAME" }';
    case 'enum':
      return `one of ${key.values?.map((v) => JSON.stringify(v)).join(', ')}, or { env: "NAME" }`;
    default:
      return 'a string, or { env: "NAME" }';
  }
}

function checkSecret(name: string, { path, version, report }: CheckContext): CheckedValue | undefined {
  const value = { env: name };
  if (!ENV_NAME.test(name)) {
    const accepted = 'an environment variable name: letters, digits and _, not starting with a digit';
    report({ code: 'invalid-env-name', path, value, accepted, message: describe(path, value, 'names an invalid variable', accepted) });
    return undefined;
  }
  if (!expandsEnvironment(version)) {
    const accepted = 'a literal value, or target Isso 0.14.0 or later';
    report({ code: 'env-unsupported', path, value, accepted, message: describe(path, value, 'needs environment expansion, which Isso added in 0.14.0', accepted) });
    return undefined;
  }
  return { value, rendered: { kind: 'line', text: `\${${name}}` } };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
