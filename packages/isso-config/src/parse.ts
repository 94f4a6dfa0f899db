import { checkConfig } from './check-config.js';
import { checkOptions } from './check-options.js';
import { clip, describe, preview } from './describe.js';
import { createIssueSink, type IssueSink } from './issue-sink.js';
import { closeDiagnostics, parseRaw, type RawEntry } from './parse-raw.js';
import { readValue } from './read-value.js';
import { ISSO_SCHEMA, schemaKey, schemaSection } from './schema.js';
import type { IssoConfig, IssoDiagnostic } from './types.js';
import { ACCEPTED_VERSIONS, atLeast, expandsEnvironment, interpolatesPercent, LATEST_ISSO_VERSION, toVersionTuple, type IssoVersion, type VersionTuple } from './version.js';

/** Options for {@link parse}. */
export interface ParseOptions {
  /** The Isso release the file is for; decides known keys, `%` and `$NAME` handling. Default: latest. */
  readonly version?: IssoVersion;
}

/** What {@link parse} returns: the typed config Isso would see, and everything worth knowing. */
export interface ParseResult {
  readonly config: IssoConfig;
  readonly diagnostics: readonly IssoDiagnostic[];
}

/**
 * Reads isso.conf text the way Isso does (configparser semantics, then Isso's list, duration and
 * boolean rules) into a typed config. Errors mark what makes Isso fail to start or fail when it
 * reads the key (BOM, missing section header, duplicates, bad booleans); warnings mark what Isso
 * ignores or reads differently than it looks (unknown keys, `30m1h`, `$NAME`) or what `serialize`
 * would refuse. Unknown and invalid values are left out of `config` but kept in the diagnostics.
 * Never throws; linear in the length of the text.
 */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  const diagnostics = createIssueSink<IssoDiagnostic>();
  for (const issue of checkOptions(options, {}, ['version'])) diagnostics.push({ ...issue, line: 0 });
  const given = optionsValid(options) ? options.version : undefined;
  let version = toVersionTuple(given ?? LATEST_ISSO_VERSION);
  if (!version) {
    diagnostics.push({ severity: 'error', code: 'invalid-version', line: 0, path: [], value: options.version, accepted: ACCEPTED_VERSIONS, message: `version ${preview(options.version)} is not supported, read as ${LATEST_ISSO_VERSION}; accepted: ${ACCEPTED_VERSIONS}` });
    version = toVersionTuple(LATEST_ISSO_VERSION)!;
  }
  if (typeof text !== 'string') {
    diagnostics.push({ severity: 'error', code: 'wrong-type', line: 0, path: [], value: text, accepted: 'the text of an isso.conf file', message: 'the input is not a string; accepted: the text of an isso.conf file' });
    return { config: {}, diagnostics: closeDiagnostics(diagnostics) };
  }
  const raw = parseRaw(text);
  // One push per item: spreading an array as arguments overflows the stack past ~100k items.
  for (const diagnostic of raw.diagnostics) diagnostics.push(diagnostic);
  const config: Record<string, Record<string, unknown>> = {};
  const lines = new Map<string, number>();
  for (const section of raw.sections) {
    const schema = schemaSection(section.name);
    const sectionKnown = schema !== undefined && atLeast(version, schema.since);
    if (!sectionKnown && section.name !== 'DEFAULT' && section.entries.length > 0) {
      // Isso warns once per key; one diagnostic per section says the same without the noise.
      const value = Object.fromEntries(section.entries.map((entry) => [entry.key, entry.value]));
      const accepted = schema ? `a section of this Isso version ([${clip(section.name)}] is read from ${schema.since})` : `a section Isso reads: ${Object.keys(ISSO_SCHEMA).join(', ')}`;
      diagnostics.push({ severity: 'warning', code: schema ? 'unsupported-section' : 'unknown-section', line: section.line, path: [section.name], value, accepted, message: `line ${section.line}: section [${clip(section.name)}] and its ${section.entries.length} key(s) are ignored by Isso ("no such option"); accepted: ${accepted}` });
      continue;
    }
    if (section.name === 'DEFAULT') continue;
    for (const entry of section.entries) {
      lines.set(`${section.name}\u0000${entry.key}`, entry.line);
      const path = [section.name, entry.key];
      const key = schemaKey(section.name, entry.key);
      if (!key || !atLeast(version, key.since) || (key.until !== undefined && atLeast(version, key.until))) {
        const accepted = key ? `a key of this Isso version (this one is read from ${key.since}${key.until ? ` to before ${key.until}` : ''})` : `a key of [${clip(section.name)}] that Isso reads`;
        diagnostics.push({ severity: 'warning', code: key ? 'unsupported-key' : 'unknown-key', line: entry.line, path, value: entry.value, accepted, message: `line ${entry.line}: ${describe(path, entry.value, 'is ignored by Isso ("no such option")', accepted)}` });
        continue;
      }
      const value = readEntry(entry, version, path, diagnostics);
      if (value === undefined) continue;
      const result = readValue(key, value, expandsEnvironment(version));
      if (!result.ok) {
        diagnostics.push({ severity: 'error', code: result.code, line: entry.line, path, value, accepted: result.accepted, message: `line ${entry.line}: ${describe(path, value, result.message, result.accepted)}` });
        continue;
      }
      if (result.warning) {
        diagnostics.push({ severity: 'warning', code: result.warning.code, line: entry.line, path, value, accepted: 'the full value in canonical form', message: `line ${entry.line}: ${describe(path, value, result.warning.message, 'a value Isso reads completely')}` });
      }
      (config[section.name] ??= {})[entry.key] = result.value;
    }
  }
  const ordered = orderLikeSchema(config);
  // What serialize would refuse (hosts without scheme, $NAME on 0.14+, multi-line scalars) is
  // reported as a warning: Isso starts, but probably not as intended.
  const recheck = checkConfig(ordered, { version: versionText(version), lenient: true });
  for (const issue of recheck.issues) {
    const line = lines.get(`${issue.path[0]}\u0000${issue.path[1]}`) ?? 0;
    diagnostics.push({ ...issue, severity: 'warning', line, message: `line ${line}: ${issue.message}` });
  }
  const list = closeDiagnostics(diagnostics);
  // Stable, so diagnostics of one line keep their order; the closing count (line 0) goes last.
  const closing = list[list.length - 1]?.code === 'too-many-diagnostics' ? list.pop() : undefined;
  list.sort((a, b) => a.line - b.line);
  if (closing) list.push(closing);
  return { config: ordered, diagnostics: list };
}

/** The raw value with `%%` decoded for versions that interpolate, or undefined after an error. */
function readEntry(entry: RawEntry, version: VersionTuple, path: readonly string[], diagnostics: IssueSink<IssoDiagnostic>): string | undefined {
  if (entry.value === null) {
    const accepted = 'key = value';
    diagnostics.push({ severity: 'error', code: 'valueless-key', line: entry.line, path, value: null, accepted, message: `line ${entry.line}: ${describe(path, null, 'has no = or :, so Isso fails when it reads the key', accepted)}` });
    return undefined;
  }
  if (!interpolatesPercent(version)) return entry.value;
  if (/%(?!%)/.test(entry.value.replaceAll('%%', ''))) {
    const accepted = '%% for a literal % (Isso < 0.12.6 interpolates %)';
    diagnostics.push({ severity: 'error', code: 'percent-interpolation', line: entry.line, path, value: entry.value, accepted, message: `line ${entry.line}: ${describe(path, entry.value, 'contains a single %, which Isso < 0.12.6 interpolates or rejects', accepted)}` });
    return undefined;
  }
  return entry.value.replaceAll('%%', '%');
}

function orderLikeSchema(config: Record<string, Record<string, unknown>>): IssoConfig {
  const ordered: Record<string, Record<string, unknown>> = {};
  for (const [name, section] of Object.entries(ISSO_SCHEMA)) {
    const values = config[name];
    if (!values) continue;
    ordered[name] = {};
    for (const key of Object.keys(section.keys)) {
      if (Object.hasOwn(values, key)) ordered[name][key] = values[key];
    }
  }
  return ordered as IssoConfig;
}

function versionText(version: VersionTuple): IssoVersion {
  return `${version[0]}.${version[1]}.${version[2]}`;
}

function optionsValid(options: unknown): options is ParseOptions {
  return checkOptions(options, {}, ['version']).length === 0;
}
