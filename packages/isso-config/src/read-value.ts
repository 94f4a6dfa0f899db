/**
 * Turns one raw string from the file into the typed value, using the accessor Isso calls for the
 * key: `getboolean`, `getint` (timedelta first), `getlist` (commas), `getiter` (newlines).
 */
import { readIssoInt } from './duration.js';
import type { IssoKeySchema } from './schema.js';
import { wholeReference } from './secret-ref.js';
import { pythonStrip } from './python-whitespace.js';

export type ReadResult =
  | { readonly ok: true; readonly value: unknown; readonly warning?: { readonly code: string; readonly message: string } }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly accepted: string };

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  '1': true, yes: true, true: true, on: true,
  '0': false, no: false, false: false, off: false,
};

/** Reads `text` as Isso would for `key`; `expandsEnv` turns a whole `${NAME}` into a secret reference. */
export function readValue(key: IssoKeySchema, text: string, expandsEnv: boolean): ReadResult {
  if (key.kind === 'newline-list') {
    return { ok: true, value: text.split('\n').map((item) => pythonStrip(item)).filter((item) => item !== '') };
  }
  if (key.kind === 'comma-list') {
    return { ok: true, value: text === '' ? [] : text.split(',').map((item) => pythonStrip(item)) };
  }
  const reference = expandsEnv ? wholeReference(text) : undefined;
  if (reference !== undefined) return { ok: true, value: { env: reference } };
  switch (key.kind) {
    case 'bool': {
      const word = text.toLowerCase();
      return Object.hasOwn(BOOLEAN_WORDS, word)
        ? { ok: true, value: BOOLEAN_WORDS[word] }
        : { ok: false, code: 'invalid-bool', message: 'is not a boolean, so Isso raises ValueError when it reads it', accepted: '1, yes, true, on, 0, no, false or off (any case)' };
    }
    case 'int':
    case 'duration': {
      const reading = readIssoInt(text);
      if (reading.kind === 'invalid') {
        return { ok: false, code: `invalid-${key.kind}`, message: 'is neither a duration nor an integer, so Isso raises ValueError when it reads it', accepted: 'an integer or a duration such as 15m, 1h30m, 3w 2d' };
      }
      if (!Number.isSafeInteger(reading.seconds)) {
        return { ok: false, code: 'int-out-of-range', message: 'is an integer too large to hold exactly in JavaScript', accepted: `an integer up to ${Number.MAX_SAFE_INTEGER}` };
      }
      return reading.ignoredTail === ''
        ? { ok: true, value: reading.seconds }
        : { ok: true, value: reading.seconds, warning: { code: 'ignored-duration-tail', message: `Isso reads only the start of the value (${reading.seconds} seconds) and ignores "${reading.ignoredTail}"` } };
    }
    case 'enum':
      return key.values?.includes(text)
        ? { ok: true, value: text }
        : { ok: false, code: 'invalid-enum', message: 'is not one of the words Isso compares against', accepted: `one of ${key.values?.map((v) => JSON.stringify(v)).join(', ')}` };
    default:
      return { ok: true, value: text };
  }
}
