/**
 * Walks a config given as plain JS/JSON data: known sections and keys in schema order, then
 * (lenient mode only) unknown ones in input order. Produces the validated typed config, the
 * sections to write, and every issue found.
 */
import { checkName } from './check-text.js';
import { checkValue, type RenderedValue } from './check-value.js';
import { BOOLEAN_OPTION, checkOptions } from './check-options.js';
import { clip, describe, preview } from './describe.js';
import { ISSO_SCHEMA, type IssoSchema, type IssoSectionSchema } from './schema.js';
import { createIssueSink, omittedMessage, type IssueSink } from './issue-sink.js';
import type { IssoConfig, IssoIssue } from './types.js';
import { ACCEPTED_VERSIONS, atLeast, toVersionTuple, type IssoVersion, type VersionTuple } from './version.js';

/** Options shared by `validate` and `serialize`. */
export interface CheckOptions {
  /** The Isso release the file is for; decides which keys exist and how values are written. */
  readonly version: IssoVersion;
  /**
   * Unknown sections and keys, and keys the target version does not read, become warnings
   * instead of errors; scalar values of such keys are still written (Isso logs "no such option"
   * and ignores them).
   */
  readonly lenient?: boolean;
}

export interface RenderedSection {
  readonly name: string;
  readonly entries: readonly { readonly key: string; readonly value: RenderedValue }[];
}

export interface CheckedConfig {
  readonly config: IssoConfig;
  readonly sections: readonly RenderedSection[];
  readonly issues: readonly IssoIssue[];
}

const SCHEMA: IssoSchema = ISSO_SCHEMA;
const KNOWN_SECTIONS = `a section Isso reads: ${Object.keys(SCHEMA).join(', ')}`;

/** Free-form schema used for unknown keys in lenient mode: a single-line string, number or boolean. */
const UNKNOWN_KEY = { kind: 'string', since: '0.0.0', default: '', description: '' } as const;

/** Checks `input` for `options.version`; never throws. */
export function checkConfig(input: unknown, options: CheckOptions): CheckedConfig {
  const issues = createIssueSink<IssoIssue>();
  const sections: RenderedSection[] = [];
  const config: Record<string, Record<string, unknown>> = {};
  const optionIssues = checkOptions(options, { lenient: BOOLEAN_OPTION }, ['version']);
  if (optionIssues.length > 0) return { config: {}, sections, issues: optionIssues };
  const version = toVersionTuple(options.version);
  if (!version) {
    const value = options.version;
    issues.push({ severity: 'error', code: 'invalid-version', path: [], value, accepted: ACCEPTED_VERSIONS, message: `version ${preview(value)} is not supported; accepted: ${ACCEPTED_VERSIONS}` });
    return { config: {}, sections, issues: closeIssues(issues) };
  }
  const lenient = options.lenient === true;
  const unknownSeverity = lenient ? 'warning' : 'error';
  if (!isPlainObject(input)) {
    const accepted = 'an object of sections, e.g. { general: { host: ["https://example.org"] } }';
    issues.push({ severity: 'error', code: 'wrong-type', path: [], value: input, accepted, message: `the config ${describeType(input)} is not an object; accepted: ${accepted}` });
    return { config: {}, sections, issues: closeIssues(issues) };
  }

  const sectionNames = [...Object.keys(SCHEMA), ...Object.keys(input).filter((name) => !Object.hasOwn(SCHEMA, name))];
  for (const name of sectionNames) {
    const body = input[name];
    if (body === undefined) continue;
    const schema = Object.hasOwn(SCHEMA, name) ? SCHEMA[name] : undefined;
    if (!schema) {
      const problem = checkName(name, 'section');
      const accepted = KNOWN_SECTIONS;
      if (problem) issues.push({ severity: 'error', code: problem.code, path: [name], value: body, accepted: problem.accepted, message: `section ${preview(name)} ${problem.reason}; accepted: ${problem.accepted}` });
      else issues.push({ severity: unknownSeverity, code: 'unknown-section', path: [name], value: body, accepted, message: `section [${clip(name)}] is not read by Isso; accepted: ${accepted}` });
      if (problem || !lenient) continue;
    } else if (!atLeast(version, schema.since)) {
      const accepted = `a section of Isso ${options.version}, or a version ≥ ${schema.since}`;
      issues.push({ severity: unknownSeverity, code: 'unsupported-section', path: [name], value: body, accepted, message: `section [${name}] is read only by Isso ≥ ${schema.since}, not ${options.version}; accepted: ${accepted}` });
      if (!lenient) continue;
    }
    if (!isPlainObject(body)) {
      const accepted = 'an object of keys';
      issues.push({ severity: 'error', code: 'wrong-type', path: [name], value: body, accepted, message: `section [${clip(name)}] ${describeType(body)} is not an object; accepted: ${accepted}` });
      continue;
    }
    const rendered = checkSection(name, body, schema, version, options.version, lenient, issues);
    config[name] = rendered.values;
    if (rendered.entries.length > 0) sections.push({ name, entries: rendered.entries });
  }
  return { config: config as IssoConfig, sections, issues: closeIssues(issues) };
}

function checkSection(
  name: string,
  body: Record<string, unknown>,
  schema: IssoSectionSchema | undefined,
  version: VersionTuple,
  versionText: string,
  lenient: boolean,
  issues: IssueSink<IssoIssue>,
): { values: Record<string, unknown>; entries: RenderedSection['entries'] } {
  const values: Record<string, unknown> = {};
  const entries: { key: string; value: RenderedValue }[] = [];
  const known = schema ? Object.keys(schema.keys) : [];
  const keys = [...known, ...Object.keys(body).filter((key) => !known.includes(key))];
  const unknownSeverity = lenient ? 'warning' : 'error';
  for (const key of keys) {
    const value = body[key];
    if (value === undefined) continue;
    const path = [name, key];
    let keySchema = schema && Object.hasOwn(schema.keys, key) ? schema.keys[key] : undefined;
    if (!keySchema) {
      const problem = checkName(key, 'key');
      if (problem) {
        issues.push({ severity: 'error', code: problem.code, path, value, accepted: problem.accepted, message: describe(path, value, problem.reason, problem.accepted) });
        continue;
      }
      const accepted = schema ? `a key of [${name}]: ${known.join(', ')}` : 'a key Isso reads';
      if (schema) issues.push({ severity: unknownSeverity, code: 'unknown-key', path, value, accepted, message: describe(path, value, 'is not a key Isso reads', accepted) });
      if (!lenient) continue;
      keySchema = UNKNOWN_KEY;
    } else if (!atLeast(version, keySchema.since) || (keySchema.until !== undefined && atLeast(version, keySchema.until))) {
      const range = keySchema.until ? `Isso ${keySchema.since} to before ${keySchema.until}` : `Isso ≥ ${keySchema.since}`;
      const accepted = `a key of Isso ${versionText}; this one is read by ${range}`;
      issues.push({ severity: unknownSeverity, code: 'unsupported-key', path, value, accepted, message: describe(path, value, `is not read by Isso ${versionText}`, accepted) });
      if (!lenient) continue;
    }
    const scalar = keySchema === UNKNOWN_KEY && (typeof value === 'number' || typeof value === 'boolean') ? unknownScalar(value) : value;
    const checked = checkValue(keySchema, scalar, { path, version, report: (issue) => issues.push({ severity: 'error', ...issue }) });
    if (!checked) continue;
    values[key] = keySchema === UNKNOWN_KEY ? value : checked.value;
    entries.push({ key, value: checked.rendered });
  }
  return { values, entries };
}

/** Unknown keys have no type; numbers and booleans are written the way Isso's own defaults are. */
function unknownScalar(value: number | boolean): unknown {
  if (typeof value === 'boolean') return String(value);
  return Number.isSafeInteger(value) ? String(value) : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describeType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : `(${typeof value})`;
}

function closeIssues(sink: IssueSink<IssoIssue>): IssoIssue[] {
  return sink.list((omitted, severity) => ({ severity, code: 'too-many-diagnostics', path: [], value: omitted, accepted: 'fewer problems', message: omittedMessage(omitted) }));
}
