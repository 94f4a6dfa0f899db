import { preview } from './describe.js';
import { IssoConfigError } from './errors.js';

/**
 * An Isso release the config is written for, as `major.minor` or `major.minor.patch`
 * (`'0.14.0'`, `'0.12.6'`, `'0.13'`). A two-part version means the first release of that line
 * (`'0.13'` is `0.13.0`), so that a key added in a patch release is never assumed present.
 * Supported: 0.12.0 up to any 0.14.x.
 */
export type IssoVersion = `${number}.${number}` | `${number}.${number}.${number}`;

/** The newest Isso release this package knows; what `parse` assumes when no version is given. */
export const LATEST_ISSO_VERSION = '0.14.0' satisfies IssoVersion;

/** A version as comparable numbers. */
export type VersionTuple = readonly [number, number, number];

const VERSION_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?$/;
const OLDEST: VersionTuple = [0, 12, 0];
const NEWEST_LINE: VersionTuple = [0, 14, 0];

/** Parses any `major.minor[.patch]` release number, supported or not; undefined for other input. */
function releaseTuple(version: unknown): VersionTuple | undefined {
  if (typeof version !== 'string') return undefined;
  const match = VERSION_PATTERN.exec(version);
  if (!match) return undefined;
  const tuple: VersionTuple = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  return tuple.every(Number.isSafeInteger) ? tuple : undefined;
}

/** Parses a supported version, or returns undefined for anything else. */
export function toVersionTuple(version: unknown): VersionTuple | undefined {
  const tuple = releaseTuple(version);
  if (!tuple || compareVersions(tuple, OLDEST) < 0) return undefined;
  // Any patch release of the newest known line is accepted; a newer line may change the format.
  if (tuple[0] !== NEWEST_LINE[0] || tuple[1] > NEWEST_LINE[1]) return undefined;
  return tuple;
}

/** Negative, zero or positive as `a` is older than, equal to or newer than `b`. */
export function compareVersions(a: VersionTuple, b: VersionTuple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** True when `version` is at least `since` (a `major.minor.patch` string from the schema). */
export function atLeast(version: VersionTuple, since: string): boolean {
  let tuple = SINCE_CACHE.get(since);
  if (!tuple) {
    const [major = 0, minor = 0, patch = 0] = since.split('.').map(Number);
    tuple = [major, minor, patch];
    SINCE_CACHE.set(since, tuple);
  }
  return compareVersions(version, tuple) >= 0;
}

// Called for every value written; the schema has only a handful of distinct release strings.
const SINCE_CACHE = new Map<string, VersionTuple>();

/** What `toVersionTuple` accepts, for error messages. */
export const ACCEPTED_VERSIONS = 'a version string from "0.12.0" to "0.14.x", e.g. "0.14.0"';

/** Isso expands `$VAR` and `${VAR}` in every value from 0.14.0 on. */
export function expandsEnvironment(version: VersionTuple): boolean {
  return atLeast(version, '0.14.0');
}

/** Up to 0.12.5 Isso's parser used configparser's `%` interpolation, so `%` had to be doubled. */
export function interpolatesPercent(version: VersionTuple): boolean {
  return !atLeast(version, '0.12.6');
}

/** What `releaseTuple` accepts, for error messages. */
const ACCEPTED_RELEASE = 'a release number major.minor or major.minor.patch without leading zeros, e.g. "0.14.0" or "0.13"';

function requireRelease(version: unknown): VersionTuple {
  const tuple = releaseTuple(version);
  if (tuple) return tuple;
  const message = `version ${preview(version)} is not an Isso release number; accepted: ${ACCEPTED_RELEASE}`;
  throw new IssoConfigError([{ severity: 'error', code: 'invalid-version', path: [], value: version, accepted: ACCEPTED_RELEASE, message }]);
}

/**
 * True when this package writes configs for `version`: a release number from 0.12.0 up to any
 * 0.14.x, in the {@link IssoVersion} form (`'0.14.0'`, `'0.13'`). Use it to check a version that
 * arrives as plain data before handing it to `serialize`, `validate` or `toNixosSettings`.
 */
export function isSupportedIssoVersion(version: unknown): version is IssoVersion {
  return toVersionTuple(version) !== undefined;
}

/**
 * Compares two Isso release numbers (`major.minor` or `major.minor.patch`) numerically, so that
 * `0.12.10` is newer than `0.12.9` and `'0.13'` equals `'0.13.0'`. Returns a negative number,
 * zero or a positive number as `a` is older than, equal to or newer than `b`; any release number
 * is compared, supported or not. Throws {@link IssoConfigError} for text that is not one.
 */
export function compareIssoVersions(a: string, b: string): number {
  return compareVersions(requireRelease(a), requireRelease(b));
}

/**
 * True when Isso `version` expands `$NAME` and `${NAME}` in config values from the environment
 * (0.14.0 and later), so `{ env: 'NAME' }` references can keep secrets out of the file. Throws
 * {@link IssoConfigError} for text that is not a release number.
 */
export function supportsEnvExpansion(version: string): boolean {
  return expandsEnvironment(requireRelease(version));
}
