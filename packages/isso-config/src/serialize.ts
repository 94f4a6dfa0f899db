import { checkConfig, type CheckOptions, type RenderedSection } from './check-config.js';
import { throwIfErrors } from './errors.js';
import type { IssoConfig } from './types.js';

/** Options for {@link serialize}. */
export type SerializeOptions = CheckOptions;

/** Indentation of newline-list items; any indentation deeper than the key works. */
const ITEM_INDENT = '    ';

/**
 * Writes `config` as the isso.conf text for `options.version`: sections and keys in schema
 * order, `key = value`, newline lists as `key =` followed by indented items, comma lists as
 * `a, b`, canonical durations (`1h30m`), `true`/`false`, secret references as `${NAME}`. Nothing
 * is quoted or escaped, because Isso keeps both literally (only for Isso < 0.12.6 is `%` doubled,
 * as its parser then interpolated). Throws {@link IssoConfigError} when a value cannot be written
 * so that Isso reads it back exactly; call `validate` first to see warnings.
 */
export function serialize(config: IssoConfig, options: SerializeOptions): string {
  const checked = checkConfig(config, options);
  throwIfErrors(checked.issues);
  return checked.sections.map(renderSection).join('\n');
}

function renderSection(section: RenderedSection): string {
  let out = `[${section.name}]\n`;
  for (const { key, value } of section.entries) {
    if (value.kind === 'lines') {
      out += `${key} =\n`;
      for (const item of value.items) out += `${ITEM_INDENT}${item}\n`;
    } else {
      out += value.text === '' ? `${key} =\n` : `${key} = ${value.text}\n`;
    }
  }
  return out;
}
