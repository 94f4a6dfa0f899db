/**
 * The config as the value of NixOS `services.isso.settings`. That option is a freeform
 * `pkgs.formats.ini {}` submodule: sections of INI atoms (null, bool, int, float or string; no
 * lists), written by `lib.generators.toINI {}` as `key=value` with strings raw, ints through
 * `toString` and booleans as `true`/`false`. So each value here is the exact text `serialize`
 * writes after `key = `, and toINI puts it back into the same place of the file.
 */
import { checkConfig, type CheckedConfig, type CheckOptions } from './check-config.js';
import type { RenderedValue } from './check-value.js';
import { describe, preview } from './describe.js';
import { throwIfErrors } from './errors.js';
import { schemaKey } from './schema.js';
import type { IssoConfig, IssoIssue } from './types.js';

/** Options for {@link toNixosSettings}. */
export type NixosSettingsOptions = CheckOptions;

/** One value of `services.isso.settings`: an INI atom NixOS accepts and toINI writes verbatim. */
export type NixosIniAtom = string | number | boolean;

/** The value of `services.isso.settings`: section → key → atom. Plain JSON-able data. */
export type NixosIssoSettings = Record<string, Record<string, NixosIniAtom>>;

/**
 * Indentation of newline-list items. Isso needs them on continuation lines, indented deeper than
 * the key (which toINI writes at column 0); any depth works.
 */
const ITEM_INDENT = '  ';

/**
 * Returns `config` as the value of NixOS `services.isso.settings` for Isso `options.version`,
 * after the same checks as `serialize` (and throwing the same {@link IssoConfigError}), such that
 * `lib.generators.toINI {}` writes a file Isso reads exactly as `serialize`'s output. Booleans
 * stay booleans and ints numbers; durations are canonical strings (`'15m'`); comma lists are one
 * string `'a, b'`; newline lists (`host`, `trusted-proxies`) are one string holding a line break
 * and an indented line per item (`'\n  https://a\n  https://b'`), because the INI format has no
 * lists and Isso would read an unindented second line as a new key; `{ env }` references are
 * `'${NAME}'`. Sections and keys are in schema order; empty sections are left out. The result is
 * plain data: render it with any Nix printer (for example `toNix` from `@nixkit/nix-expr`), which
 * must keep the strings' line breaks and leading blanks.
 */
export function toNixosSettings(config: IssoConfig, options: NixosSettingsOptions): NixosIssoSettings {
  const checked = checkConfig(config, options);
  throwIfErrors([...checked.issues, ...nulIssues(checked)]);
  const typed = checked.config as Record<string, Record<string, unknown>>;
  const settings: NixosIssoSettings = {};
  for (const section of checked.sections) {
    const values: Record<string, NixosIniAtom> = {};
    for (const { key, value } of section.entries) {
      values[key] = atom(typed[section.name]?.[key], value, schemaKey(section.name, key)?.kind);
    }
    settings[section.name] = values;
  }
  return settings;
}

function atom(typed: unknown, rendered: RenderedValue, kind: string | undefined): NixosIniAtom {
  if (rendered.kind === 'lines') return rendered.items.map((item) => `\n${ITEM_INDENT}${item}`).join('');
  // toINI writes a Nix bool or int exactly as `serialize` writes the JS one; a duration's typed
  // value is seconds, but its text is the canonical duration, so it stays a string.
  if (typeof typed === 'boolean') return typed;
  if (typeof typed === 'number' && kind !== 'duration') return Number(rendered.text);
  return rendered.text;
}

/**
 * Nix strings end at a NUL character (nix-instantiate silently drops the rest), so a value or name
 * holding one would reach Isso cut short, though `serialize` can write it.
 */
function nulIssues(checked: CheckedConfig): IssoIssue[] {
  const issues: IssoIssue[] = [];
  const accepted = 'text without NUL characters';
  const reason = 'contains a NUL character, where Nix strings end';
  for (const section of checked.sections) {
    if (section.name.includes('\0')) {
      issues.push({ severity: 'error', code: 'nul-character', path: [section.name], value: section.name, accepted, message: `section ${preview(section.name)} ${reason}; accepted: ${accepted}` });
    }
    for (const { key, value } of section.entries) {
      const text = value.kind === 'lines' ? value.items.join('\n') : value.text;
      if (!key.includes('\0') && !text.includes('\0')) continue;
      const path = [section.name, key];
      const given = (checked.config as Record<string, Record<string, unknown>>)[section.name]?.[key];
      issues.push({ severity: 'error', code: 'nul-character', path, value: given, accepted, message: describe(path, given, reason, accepted) });
    }
  }
  return issues;
}
