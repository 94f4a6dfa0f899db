/**
 * Secret references and Isso's environment expansion. From 0.14.0 Isso passes every value
 * through Python's `os.path.expandvars`, which replaces `$NAME` (ASCII word characters) and
 * `${ANYTHING}` when the variable is set and has no escape syntax.
 */
import type { SecretRef } from './types.js';

/** Names `serialize` accepts in a {@link SecretRef}: what a systemd environment file can set. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What `os.path.expandvars` would replace (its own pattern, ASCII `\w`). */
const EXPANDABLE = /\$(?:[A-Za-z0-9_]+|\{[^}]*\})/;

/** Builds a {@link SecretRef}: `env('ISSO_SMTP_PASSWORD')` is written as `${ISSO_SMTP_PASSWORD}`. */
export function env(name: string): SecretRef {
  return { env: name };
}

/** True for a `{ env: string }` object with no other fields. */
export function isSecretRef(value: unknown): value is SecretRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'env' && typeof (value as { env: unknown }).env === 'string';
}

/** The first `$NAME`/`${…}` in `text` that Isso ≥ 0.14 would try to expand, if any. */
export function findExpandable(text: string): string | undefined {
  return EXPANDABLE.exec(text)?.[0];
}

/** The variable name when all of `text` is one reference (`$NAME` or `${NAME}`), else undefined. */
export function wholeReference(text: string): string | undefined {
  const match = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$/.exec(text);
  return match ? (match[1] ?? match[2]) : undefined;
}
