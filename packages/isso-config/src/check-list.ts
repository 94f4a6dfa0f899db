/**
 * Lists as Isso reads them: `getiter` splits a value into lines (so an item must not look like a
 * comment), `getlist` splits on commas (so an item must not contain one). Both see the joined
 * value through `$NAME` expansion on 0.14+.
 */
import { checkItem, checkText, type TextProblem } from './check-text.js';
import { checkFormat } from './check-format.js';
import type { CheckContext, CheckedValue, RenderedValue } from './check-value.js';
import { describe, preview } from './describe.js';
import { escapePercent } from './escape-percent.js';
import type { IssoKeySchema } from './schema.js';
import { findExpandable } from './secret-ref.js';
import { expandsEnvironment } from './version.js';

/** Checks and renders a newline or comma list: every item, then the joined value. */
export function checkList(key: IssoKeySchema, value: unknown, { path, version, report }: CheckContext): CheckedValue | undefined {
  const list = key.kind as 'newline-list' | 'comma-list';
  const accepted = key.values
    ? `an array of ${key.values.map((v) => JSON.stringify(v)).join(', ')}`
    : list === 'newline-list'
      ? 'an array of strings (written one per line)'
      : 'an array of strings (written comma-separated)';
  if (!Array.isArray(value)) {
    report({ code: 'wrong-type', path, value, accepted, message: describe(path, value, 'is not an array', accepted) });
    return undefined;
  }
  const items: string[] = [];
  // An index loop, not forEach: holes in a sparse array must be reported, not skipped.
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    const itemPath = [...path, index];
    const problem: TextProblem | undefined =
      typeof item !== 'string'
        ? { code: 'wrong-type', reason: 'is not a string', accepted }
        : key.values && !key.values.includes(item)
          ? { code: 'unknown-item', reason: 'is not an accepted item', accepted }
          : (checkText(item, expandsEnvironment(version)) ?? checkItem(item, list) ?? checkFormat(key.format, item));
    if (problem) {
      report({ code: problem.code, path: itemPath, value: item, accepted: problem.accepted, message: describe(itemPath, item, problem.reason, problem.accepted) });
    } else {
      items.push(escapePercent(item as string, version));
    }
  }
  if (list === 'newline-list' && path.join('.') === 'general.host' && value.length === 0) {
    const hostAccepted = 'at least one origin';
    report({ code: 'empty-host', path, value, accepted: hostAccepted, message: describe(path, value, 'is empty, so Isso exits with "No website(s) configured"', hostAccepted) });
  }
  if (items.length !== value.length) return undefined;
  const rendered: RenderedValue = list === 'newline-list' ? { kind: 'lines', items } : { kind: 'line', text: items.join(', ') };
  // Isso expands the whole joined value, so `${` in one item and `}` in a later one form a reference.
  const joined = rendered.kind === 'lines' ? rendered.items.join('\n') : rendered.text;
  const spanning = expandsEnvironment(version) ? findExpandable(joined) : undefined;
  if (spanning !== undefined) {
    const spanAccepted = 'items that together contain no $NAME or ${...}';
    report({ code: 'env-expansion', path, value, accepted: spanAccepted, message: describe(path, value, `contains ${preview(spanning)} across items, which Isso 0.14+ replaces with an environment variable`, spanAccepted) });
    return undefined;
  }
  return { value: [...(value as string[])], rendered };
}
