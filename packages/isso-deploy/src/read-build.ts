import { isSupportedIssoVersion, type IssoVersion } from '@nixkit/isso-config';
import type { ResolvedDeployment } from './deployment.js';
import { ARTICLE_SOURCE } from './defaults.js';
import { IssoDeploymentError } from './errors.js';
import type { NixosRelease } from './nixos-release.js';
import { fail, optional, readBoolean, readEnum, readObject, readString, type FieldPath } from './read-json.js';
import { releaseFacts } from './release-facts.js';
import { COMMIT, DRV_VERSION, GIT_REV, GITHUB_NAME, HASH, RELEASE_TAG, SRI_HASH, SUPPORTED_ISSO_VERSION, TAG, nixAttrList } from './read-values.js';

// Readers for what Isso is built from: the source and the Python inputs.

const ISSO_RELEASE = 'an Isso release from "0.12.0" to "0.14.x", such as "0.14.0"';


function readIssoVersion(x: unknown, p: FieldPath): IssoVersion {
  const text = readString(x, p, SUPPORTED_ISSO_VERSION, ISSO_RELEASE);
  if (!isSupportedIssoVersion(text)) fail(p, x, ISSO_RELEASE);
  return text;
}

/**
 * `source`: nixpkgs' package (the release's version), a GitHub fetch, or a PyPI release. A
 * branch as `rev` is refused unless `allowMovingRev` says it is meant: a branch moves, and the
 * fixed hash then stops matching, which is what broke the article's `vbe/master`.
 */
export function readSource(value: unknown, path: FieldPath, release: NixosRelease): ResolvedDeployment['source'] {
  const all = ['kind', 'owner', 'repo', 'rev', 'hash', 'version', 'issoVersion', 'allowMovingRev'];
  const kind = readEnum(readObject(value, path, all).kind, [...path, 'kind'], ['nixpkgs', 'github', 'pypi']);
  const shipped = releaseFacts(release).nixpkgsIssoVersion;
  if (kind === 'nixpkgs') {
    const o = readObject(value, path, ['kind', 'issoVersion']);
    const version = optional(o, 'issoVersion', path, readIssoVersion, shipped);
    if (version !== shipped) {
      throw new IssoDeploymentError(`pkgs.isso of NixOS ${release} is Isso ${shipped}; remove "issoVersion" or pick the release that ships ${version}`, { path: [...path, 'issoVersion'], value: version });
    }
    return { kind, issoVersion: version };
  }
  if (kind === 'pypi') {
    const o = readObject(value, path, ['kind', 'version', 'hash']);
    if (o.version === undefined) throw new IssoDeploymentError(`a pypi source needs "version" (${ISSO_RELEASE})`, { path: [...path, 'version'] });
    if (o.hash === undefined) throw new IssoDeploymentError('a pypi source needs "hash" (the sdist\'s SRI hash "sha256-…")', { path: [...path, 'hash'] });
    const version = readIssoVersion(o.version, [...path, 'version']);
    return { kind, version, hash: readString(o.hash, [...path, 'hash'], SRI_HASH, 'an SRI hash "sha256-…"'), issoVersion: version };
  }
  const o = readObject(value, path, all);
  const required = (key: string, pattern: RegExp, what: string) => {
    if (o[key] === undefined) throw new IssoDeploymentError(`a github source needs "${key}" (${what})`, { path: [...path, key] });
    return readString(o[key], [...path, key], pattern, what);
  };
  const owner = required('owner', GITHUB_NAME, 'a GitHub user or organisation name');
  const repo = required('repo', GITHUB_NAME, 'a GitHub repository name');
  const rev = required('rev', GIT_REV, 'a commit id or a release tag');
  const hash = required('hash', HASH, 'an SRI hash "sha256-…" or a 52-character base-32 sha256');
  const allowMovingRev = optional(o, 'allowMovingRev', path, readBoolean, false);
  if (!COMMIT.test(rev) && !TAG.test(rev) && !allowMovingRev) {
    throw new IssoDeploymentError(
      `"${rev}" looks like a branch: it moves, and the fixed hash stops matching when it does. ` +
        'Use a 40-digit commit id or a release tag, or set "allowMovingRev": true to keep it on purpose',
      { path: [...path, 'rev'], value: rev },
    );
  }
  const tagged = RELEASE_TAG.exec(rev)?.[1] as IssoVersion | undefined;
  if (o.issoVersion === undefined && tagged === undefined) {
    throw new IssoDeploymentError(
      `a github source at "${rev}" needs "issoVersion" (${ISSO_RELEASE}): it decides the Python dependencies and the config format`,
      { path: [...path, 'issoVersion'] },
    );
  }
  return {
    kind,
    owner,
    repo,
    rev,
    hash,
    version: optional(o, 'version', path, (x, p) => readString(x, p, DRV_VERSION, 'a derivation version such as "custom"'), tagged ?? ARTICLE_SOURCE.version),
    issoVersion: o.issoVersion === undefined ? tagged! : readIssoVersion(o.issoVersion, [...path, 'issoVersion']),
    allowMovingRev,
  };
}

/** `python`: the derivation's inputs and the environment's extra libraries, defaults by Isso version. */
export function readPython(value: unknown, path: FieldPath, defaults: ResolvedDeployment['python']): ResolvedDeployment['python'] {
  const o = readObject(value, path, ['dependencies', 'buildDependencies', 'check', 'environment']);
  const check = (x: unknown, p: FieldPath) => {
    if (x === null) return null;
    const c = readObject(x, p, ['inputs', 'setupPyCommand']);
    return {
      inputs: nixAttrList(c.inputs ?? [], [...p, 'inputs']),
      setupPyCommand: readString(c.setupPyCommand, [...p, 'setupPyCommand'], /^[A-Za-z0-9_-]+$/, 'a setup.py command name such as "test"'),
    };
  };
  return {
    dependencies: optional(o, 'dependencies', path, nixAttrList, defaults.dependencies),
    buildDependencies: optional(o, 'buildDependencies', path, nixAttrList, defaults.buildDependencies),
    check: optional(o, 'check', path, check, defaults.check),
    environment: optional(o, 'environment', path, nixAttrList, defaults.environment),
  };
}
