/**
 * What Isso's accessors should return for a validated typed config, so interop tests of every
 * writer (`serialize`, `toNixosSettings` through toINI) compare Python's reading with one oracle.
 */
import { ISSO_SCHEMA, type IssoSchema, type IssoValueKind, type IssoVersion } from '../src/index.js';

const SCHEMA: IssoSchema = ISSO_SCHEMA;

/** How the target release reads the file: `%` interpolation before 0.12.6, `$VAR` from 0.14.0. */
export function readingRules(v: IssoVersion): { interpolation: boolean; expand: boolean } {
  const [, minor = 0, patch = 0] = v.split('.').map(Number);
  return { interpolation: minor < 12 || (minor === 12 && patch < 6), expand: minor >= 14 };
}

function isRef(value: unknown): value is { env: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'env' in value;
}

/** What Isso's accessor returns for a typed value. */
function expectedRead(kind: IssoValueKind, value: unknown, env: Record<string, string>): unknown {
  if (isRef(value)) return env[value.env];
  if (kind === 'comma-list') return (value as string[]).length === 0 ? [''] : value;
  if (kind === 'int' || kind === 'duration') return typeof value === 'string' ? Number(value) : value;
  return value;
}

/** The accessor kind of every key of a validated config (unknown keys read as strings). */
export function kindsOf(config: Record<string, Record<string, unknown>>): Record<string, Record<string, IssoValueKind>> {
  const kinds: Record<string, Record<string, IssoValueKind>> = {};
  for (const [section, values] of Object.entries(config)) {
    for (const key of Object.keys(values)) {
      (kinds[section] ??= {})[key] = SCHEMA[section]?.keys[key]?.kind ?? 'string';
    }
  }
  return kinds;
}

/** The value Python should read for `[section] key` of a validated config. */
export function expectedValue(section: string, key: string, value: unknown, kind: IssoValueKind, env: Record<string, string>): unknown {
  return SCHEMA[section]?.keys[key] ? expectedRead(kind, value, env) : typeof value === 'string' ? value : String(value);
}
