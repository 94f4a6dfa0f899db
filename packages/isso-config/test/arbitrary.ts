/**
 * Seeded generators of typed configs for property tests: every key the target version reads,
 * hostile strings made representable, random durations, lists and secret references.
 */
import { HOSTILE_FRAGMENTS, hostileString, intBetween, pick } from '../../../tools/test-helpers/index.js';
import { ISSO_SCHEMA, type IssoKeySchema, type IssoSchema, type IssoVersion } from '../src/index.js';

export const VERSIONS: readonly IssoVersion[] = ['0.12.0', '0.12.3', '0.12.5', '0.12.6', '0.13.0', '0.14.0', '0.14.1'];

/** Fragments plus characters Python strips or splits on that JavaScript does not treat alike. */
export const FRAGMENTS: readonly string[] = [
  ...HOSTILE_FRAGMENTS, '\u001c', '\u0085', '\u2029', '\u3000', '\ufeff', '\u000b', '\u000c', '[', ']', ',', '%(x)s', '%%', '$HOME', '${A}', '$1', 'https://',
];

const PY_SPACE = /^[\t\n\u000b\u000c\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\u000b\u000c\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** A hostile string changed just enough to be writable: no line breaks or outer blanks, no `$` on 0.14+. */
export function representable(text: string, expandsEnv: boolean): string {
  let out = text.replace(/[\r\n]/g, '');
  if (expandsEnv) out = out.replaceAll('$', '¤');
  return out.replace(PY_SPACE, '');
}

export interface Generated {
  readonly config: Record<string, Record<string, unknown>>;
  readonly env: Record<string, string>;
}

const ENV_NAMES = ['ISSO_SMTP_PASSWORD', 'ISSO_ADMIN_PASSWORD', 'SALT', '_X1'];

/** A random valid config for `version`. */
export function arbitraryConfig(random: () => number, version: IssoVersion, expandsEnv: boolean, lenient: boolean): Generated {
  const config: Record<string, Record<string, unknown>> = {};
  const env: Record<string, string> = {};
  for (const [name, section] of Object.entries(ISSO_SCHEMA as IssoSchema)) {
    if (random() < 0.2 || !at(version, section.since)) continue;
    const values: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(section.keys)) {
      if (random() < 0.3 || !at(version, schema.since) || (schema.until && at(version, schema.until))) continue;
      if (schema.kind === 'string' && expandsEnv && random() < 0.15) {
        const envName = pick(random, ENV_NAMES);
        env[envName] = hostileString(random, 6, FRAGMENTS);
        values[key] = { env: envName };
      } else {
        values[key] = arbitraryValue(random, schema, expandsEnv);
      }
    }
    if (lenient && random() < 0.3) values[`x-${intBetween(random, 0, 99)}_extra`] = representable(hostileString(random, 6, FRAGMENTS), expandsEnv);
    config[name] = values;
  }
  if (lenient && random() < 0.5) config[`custom.${intBetween(random, 0, 9)}`] = { key: intBetween(random, 0, 5), flag: random() < 0.5 };
  return { config, env };
}

function arbitraryValue(random: () => number, schema: IssoKeySchema, expandsEnv: boolean): unknown {
  const text = () => representable(hostileString(random, 8, FRAGMENTS), expandsEnv);
  switch (schema.kind) {
    case 'bool':
      return random() < 0.5;
    case 'int':
      return random() < 0.1 ? 2 ** intBetween(random, 31, 52) : intBetween(random, 0, 100000);
    case 'duration':
      return random() < 0.5
        ? random() < 0.1 ? 0 : intBetween(random, 1, 10 ** intBetween(random, 1, 9))
        : pick(random, ['15m', '1h30m', '3w 12h 57m', '30d', '90', '1h30m37s', '2w', '0', '1d 1s']);
    case 'enum':
      return pick(random, schema.values!);
    case 'newline-list':
      return Array.from({ length: intBetween(random, schema.format === 'origin' ? 1 : 0, 4) }, () => listItem(random, schema, text, /^[#;]/));
    case 'comma-list':
      return schema.values
        ? schema.values.filter(() => random() < 0.5)
        : Array.from({ length: intBetween(random, 0, 4) }, () => listItem(random, schema, () => representable(text().replaceAll(',', ''), expandsEnv), /^$/));
    default:
      return representable(formatted(schema, text()), expandsEnv);
  }
}

function listItem(random: () => number, schema: IssoKeySchema, text: () => string, bad: RegExp): string {
  if (schema.format === 'origin') return `${pick(random, ['http', 'https'])}://${text().replace(/[\s,/\u001c-\u001f\u0085\u2028\u2029]/gu, '') || 'h'}`;
  const item = text();
  return item === '' || bad.test(item) ? `i${item}` : item;
}

function formatted(schema: IssoKeySchema, text: string): string {
  switch (schema.format) {
    case 'listen':
      return `http://h${text}`;
    case 'endpoint':
      return `https://h${text.replaceAll('/', '')}`;
    default:
      return text;
  }
}

function at(version: IssoVersion, since: string): boolean {
  const a = version.split('.').map(Number);
  const b = since.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

const HOSTILE_FIELDS = [
  ['general', 'name', 'string'],
  ['smtp', 'password', 'string'],
  ['server', 'trusted-proxies', 'newline-list'],
  ['markup', 'allowed-elements', 'comma-list'],
] as const;

/** A raw hostile string for one of four fields: the value itself, or one item of a two-item list. */
export function hostileField(random: () => number, expandsEnv: boolean) {
  const [section, key, kind] = pick(random, HOSTILE_FIELDS);
  const raw = hostileString(random, 6, FRAGMENTS);
  const items = [raw, representable(hostileString(random, 3, FRAGMENTS), expandsEnv) || 'x'];
  if (random() < 0.5) items.reverse();
  return { section, key, kind, raw, items, value: kind === 'string' ? raw : items };
}
