import { ISSO_SCHEMA, formatDuration, isSecretRef, validate, type IssoConfig, type IssoVersion } from '@nixkit/isso-config';
import { attrs, bind, bool, dquoted, int, str, type NixExpr } from '@nixkit/nix-expr';
import { underField } from './under-field.js';

// NixOS's services.isso takes `settings` as INI atoms and writes them with
// lib.generators.toINI: strings raw, one `key=value` line each. @nixkit/isso-config has no
// renderer for that form (only `serialize` to isso.conf text), so this maps its validated, typed
// config onto atoms by the schema's value kinds. The one layout rule that matters is Isso's
// newline lists: the items must sit on indented continuation lines, or configparser reads the
// second item as a new key.

const NEWLINE_LIST_INDENT = '  ';

function atom(kind: string | undefined, value: unknown): NixExpr {
  if (isSecretRef(value)) return str(`\${${value.env}}`);
  if (typeof value === 'boolean') return bool(value);
  if (typeof value === 'number') return kind === 'duration' ? str(formatDuration(value)) : int(value);
  if (Array.isArray(value)) {
    const items = value.map(String);
    // Double quotes keep the leading line break and indentation visible ("\n  a\n  b"); an
    // indented string would strip the indentation this value is made of.
    return kind === 'newline-list' ? dquoted(items.map((item) => `\n${NEWLINE_LIST_INDENT}${item}`).join('')) : str(items.join(', '));
  }
  return str(String(value));
}

/** The value of `services.isso.settings` for `config`, validated for `version` first. */
export function servicesIssoSettings(config: IssoConfig, version: IssoVersion): NixExpr {
  const checked = underField(['settings'], 'the Isso settings', () => validate(config, { version }).config, { keepInnerPath: true });
  const schema = ISSO_SCHEMA as Readonly<Record<string, { keys: Readonly<Record<string, { kind: string }>> }>>;
  return attrs(Object.entries(checked as Record<string, Record<string, unknown>>).map(([section, keys]) =>
    bind([section], attrs(Object.entries(keys).map(([key, value]) => bind([key], atom(schema[section]?.keys[key]?.kind, value)))))));
}
