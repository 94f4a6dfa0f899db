/**
 * The rules a piece of text must pass to reach Isso unchanged through configparser: what makes a
 * string unrepresentable (newlines, blanks Isso strips, lone surrogates, `$NAME` Isso would
 * expand) and what a list item additionally must avoid.
 */
import { findExpandable } from './secret-ref.js';
import { hasOuterSpace, isPythonSpace } from './python-whitespace.js';

/** Index of the first Python whitespace character in `text`, or its length. */
function skipToPythonSpace(text: string): number {
  let at = 0;
  while (at < text.length && !isPythonSpace(text[at] as string)) at++;
  return at;
}

/** Why a text cannot be written, or undefined when it can. */
export interface TextProblem {
  readonly code: string;
  readonly reason: string;
  readonly accepted: string;
}

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Checks a scalar value or list item. `expandsEnv` is true when the target Isso expands `$VAR`. */
export function checkText(text: string, expandsEnv: boolean): TextProblem | undefined {
  if (/[\r\n]/.test(text)) {
    return {
      code: 'newline',
      reason: 'contains a line break, which would end the value or start a new key',
      accepted: 'a single line (use a list type for several items)',
    };
  }
  if (hasOuterSpace(text)) {
    return {
      code: 'outer-space',
      reason: 'has leading or trailing blanks, which Isso strips',
      accepted: 'text without leading or trailing whitespace',
    };
  }
  if (LONE_SURROGATE.test(text)) {
    return { code: 'lone-surrogate', reason: 'contains a lone UTF-16 surrogate, which UTF-8 cannot encode', accepted: 'well-formed Unicode text' };
  }
  const reference = expandsEnv ? findExpandable(text) : undefined;
  if (reference !== undefined) {
    return {
      code: 'env-expansion',
      reason: `contains ${reference}, which Isso 0.14+ replaces with an environment variable (there is no escape)`,
      accepted: 'text without $NAME or ${...}, or a { env: "NAME" } reference',
    };
  }
  return undefined;
}

/** Checks one item of a newline or comma list, beyond {@link checkText}. */
export function checkItem(item: string, list: 'newline-list' | 'comma-list'): TextProblem | undefined {
  if (item === '') {
    return { code: 'empty-item', reason: 'is an empty list item, which Isso drops or misreads', accepted: 'a non-empty item' };
  }
  if (list === 'newline-list' && (item.startsWith('#') || item.startsWith(';'))) {
    return {
      code: 'comment-item',
      reason: 'starts with # or ;, so Isso would read the line as a comment and drop the item',
      accepted: 'an item not starting with # or ;',
    };
  }
  if (list === 'comma-list' && item.includes(',')) {
    return { code: 'comma-in-item', reason: 'contains a comma, which Isso splits on', accepted: 'an item without commas' };
  }
  return undefined;
}

/** Checks a key or section name that is not in the schema (only written in lenient mode). */
export function checkName(name: string, what: 'key' | 'section'): TextProblem | undefined {
  const bad =
    name === '' ||
    skipToPythonSpace(name) < name.length ||
    LONE_SURROGATE.test(name) ||
    (what === 'key'
      ? name !== name.toLowerCase() || /[=:]/.test(name) || /^[#;[]/.test(name)
      : /[[\]]/.test(name) || name === 'DEFAULT');
  if (!bad) return undefined;
  return {
    code: `invalid-${what}-name`,
    reason: `is not a ${what} name configparser reads back unchanged`,
    accepted:
      what === 'key'
        ? 'a non-empty lower-case name without whitespace, = or :, not starting with #, ; or ['
        : 'a non-empty name without whitespace or brackets, other than DEFAULT',
  };
}
