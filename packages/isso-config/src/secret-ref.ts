/**
 * Secret references and Isso's environment expansion. From 0.14.0 Isso passes every value
 * through Python's `os.path.expandvars`, which replaces `$NAME` (ASCII word characters) and
 * `${ANYTHING}` when the variable is set and has no escape syntax.
 */
import { preview } from './describe.js';
import { operationMeter } from './operation-meter.js';
import { IssoConfigError } from './errors.js';
import type { SecretRef } from './types.js';

/** Names `serialize` accepts in a {@link SecretRef}: what a systemd environment file can set. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;


/**
 * Builds a {@link SecretRef}: `env('ISSO_SMTP_PASSWORD')` is written as `${ISSO_SMTP_PASSWORD}`.
 * Throws `IssoConfigError` for a name a systemd environment file cannot set.
 */
export function env(name: string): SecretRef {
  if (typeof name !== 'string' || !ENV_NAME.test(name)) {
    const accepted = 'an environment variable name: letters, digits and _, not starting with a digit';
    throw new IssoConfigError([{ severity: 'error', code: 'invalid-env-name', path: [], value: name, accepted, message: `env(${preview(name)}) names an invalid variable; accepted: ${accepted}` }]);
  }
  return { env: name };
}

/** True for a `{ env: string }` object with no other fields. */
export function isSecretRef(value: unknown): value is SecretRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'env' && typeof (value as { env: unknown }).env === 'string';
}

/**
 * The first `$NAME`/`${…}` in `text` that Isso ≥ 0.14 would try to expand, if any: what
 * `os.path.expandvars`'s pattern `\$(\w+|\{[^}]*\})` (ASCII `\w`) finds first. A scanner rather
 * than that regex, which rescans to the end of the text from every `${` without a `}`: the first
 * `${` either has a `}` after it (and is the answer) or proves that no later `${` has one.
 */
export function findExpandable(text: string): string | undefined {
  let closed = true;
  for (let at = text.indexOf('$'); at >= 0 && at + 1 < text.length; at = text.indexOf('$', at + 1)) {
    operationMeter.operations++;
    const next = text.charCodeAt(at + 1);
    if (isWordCode(next)) {
      let end = at + 2;
      while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
      operationMeter.operations += end - at;
      return text.slice(at, end);
    }
    if (next === 0x7b /* { */ && closed) {
      const close = text.indexOf('}', at + 2);
      if (close >= 0) {
        operationMeter.operations += close - at;
        return text.slice(at, close + 1);
      }
      closed = false;
    }
  }
  return undefined;
}

function isWordCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

/** The variable name when all of `text` is one reference (`$NAME` or `${NAME}`), else undefined. */
export function wholeReference(text: string): string | undefined {
  const match = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$/.exec(text);
  return match ? (match[1] ?? match[2]) : undefined;
}
