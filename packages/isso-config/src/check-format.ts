/** Checks of what a URL-like value means to Isso, beyond how it survives configparser. */
import type { TextProblem } from './check-text.js';
import type { IssoValueFormat } from './schema.js';

const FORMAT_RULES: Record<IssoValueFormat, { test: (text: string) => string | undefined; accepted: string }> = {
  listen: {
    test: (text) => (/^(?:http|unix):\/\/./.test(text) ? undefined : 'is not an http:// or unix:// address, so Isso exits'),
    accepted: 'http://host:port or unix:///path',
  },
  origin: {
    test: (text) =>
      /^https?:\/\/[^/,]/.test(text) && !/[\s,]/u.test(text)
        ? undefined
        : 'is not an http(s):// origin without commas or blanks, so CORS never matches it',
    accepted: 'one origin per item such as https://example.org (scheme required, no commas)',
  },
  endpoint: {
    test: (text) =>
      text === ''
        ? undefined
        : !/^https?:\/\/[^/\s]/u.test(text)
          ? 'is not an absolute http(s) URL'
          : text.endsWith('/')
            ? 'ends with /, which breaks admin URLs before 0.13 and is stripped with warnings after'
            : undefined,
    accepted: 'an absolute URL without a trailing slash, e.g. https://example.org/isso, or empty',
  },
};

/** Why `text` does not fit `format`, or undefined when it does (or there is no format). */
export function checkFormat(format: IssoValueFormat | undefined, text: string): TextProblem | undefined {
  if (!format) return undefined;
  const rule = FORMAT_RULES[format];
  const reason = rule.test(text);
  return reason === undefined ? undefined : { code: `invalid-${format}`, reason, accepted: rule.accepted };
}

