import type { ParseResult } from './port-spec.js';
import { expectArray, expectObject, expectString, fail } from './shape.js';

const MAX_VOLUME_SPEC_CHARS = 16384;

/**
 * A volume as `-v`/NixOS `volumes` take it: `source:target[:options]`. `source` is an absolute
 * host path (a bind mount) or a named volume; without it the volume is anonymous.
 */
export interface VolumeSpec {
  source?: string;
  target: string;
  options?: string[];
}

/** Mount options podman and docker accept after the second `:`. */
export const VOLUME_OPTIONS: readonly string[] = [
  'ro', 'rw', 'z', 'Z', 'U', 'O', 'copy', 'nocopy', 'exec', 'noexec', 'suid', 'nosuid', 'dev', 'nodev',
  'bind', 'rbind', 'private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave', 'idmap', 'consistent', 'cached', 'delegated',
];

const VOLUME_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Parses `source:target[:options]` (or a lone `/target` for an anonymous volume). A source must
 * be an absolute path or a volume name, the target an absolute path; `:` cannot appear inside
 * either because the runtime splits on it. Never throws.
 */
export function parseVolumeSpec(text: string): ParseResult<VolumeSpec> {
  if (typeof text !== 'string') return { ok: false, error: 'a volume spec must be a string' };
  // Two paths of at most PATH_MAX (4096) and the options: refuse more before splitting.
  if (text.length > MAX_VOLUME_SPEC_CHARS) return { ok: false, error: `a volume spec is at most ${MAX_VOLUME_SPEC_CHARS} characters` };
  const parts = text.split(':');
  if (parts.length > 3) return { ok: false, error: 'too many ":"; paths inside a volume spec cannot contain ":"' };
  const spec: VolumeSpec =
    parts.length === 1 ? { target: parts[0] as string } : { source: parts[0] as string, target: parts[1] as string };
  if (parts.length === 3) spec.options = (parts[2] as string).split(',');
  const problem = checkVolumeSpec(spec);
  return problem === undefined ? { ok: true, value: spec } : { ok: false, error: problem };
}

/**
 * The canonical text of a volume spec. The spec is checked first, like any input: unknown
 * fields, wrong types and what `parseVolumeSpec` would refuse throw `OciContainerError`.
 */
export function formatVolumeSpec(spec: VolumeSpec): string {
  const record = expectObject(spec, [], ['source', 'target', 'options']);
  const checked: VolumeSpec = { target: expectString(record['target'], ['target']) };
  if (record['source'] !== undefined) checked.source = expectString(record['source'], ['source']);
  if (record['options'] !== undefined) checked.options = expectArray(record['options'], ['options'], (v, p) => expectString(v, p));
  const problem = checkVolumeSpec(checked);
  if (problem !== undefined) fail([], spec, `invalid volume spec: ${problem}`, '{ source?, target, options? }');
  return formatCheckedVolumeSpec(checked);
}

/** `formatVolumeSpec` for a spec that already passed `checkVolumeSpec`. */
export function formatCheckedVolumeSpec(spec: VolumeSpec): string {
  const head = spec.source === undefined ? spec.target : `${spec.source}:${spec.target}`;
  return spec.options === undefined || spec.options.length === 0 ? head : `${head}:${spec.options.join(',')}`;
}

/** Checks a structured spec; returns the problem or `undefined`. */
export function checkVolumeSpec(spec: VolumeSpec): string | undefined {
  const badPath = (p: string) => p.includes(':') || p.includes('\0');
  if (spec.source !== undefined) {
    if (spec.source === '') return 'the source is empty; give an absolute host path or a volume name';
    if (badPath(spec.source)) return 'the source cannot contain ":" or NUL';
    if (!spec.source.startsWith('/') && !VOLUME_NAME.test(spec.source)) {
      return `source "${spec.source}" is neither an absolute host path nor a volume name ([A-Za-z0-9][A-Za-z0-9_.-]*); relative host paths are ambiguous`;
    }
  }
  if (!spec.target.startsWith('/')) return `target "${spec.target}" must be an absolute path inside the container`;
  if (badPath(spec.target)) return 'the target cannot contain ":" or NUL';
  if (spec.options !== undefined) {
    if (spec.source === undefined) return 'options need a source (write source:target:options)';
    for (const option of spec.options) {
      if (!VOLUME_OPTIONS.includes(option)) return `unknown volume option "${option}"; accepted: ${VOLUME_OPTIONS.join(', ')}`;
    }
    if (spec.options.includes('ro') && spec.options.includes('rw')) return 'a volume cannot be both ro and rw';
  }
  return undefined;
}
