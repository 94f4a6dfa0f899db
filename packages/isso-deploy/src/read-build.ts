import { isSupportedIssoVersion, type IssoVersion } from '@nixkit/isso-config';
import type { ResolvedDeployment } from './deployment.js';
import { ARTICLE_PYTHON, ARTICLE_SOURCE, NIXPKGS_ISSO_VERSION } from './defaults.js';
import { IssoDeploymentError } from './errors.js';
import { fail, optional, readEnum, readObject, readString, type FieldPath } from './read-json.js';
import { DRV_VERSION, GIT_REV, GITHUB_NAME, HASH, VERSION, nixAttrList } from './read-values.js';

// Readers for what Isso is built from: the source and the Python inputs.

/** `source`: a GitHub fetch or the nixpkgs package, with the Isso release it corresponds to. */
export function readSource(value: unknown, path: FieldPath): ResolvedDeployment['source'] {
  const kind = readEnum(readObject(value, path, ['kind', 'owner', 'repo', 'rev', 'hash', 'version', 'issoVersion']).kind, [...path, 'kind'], ['github', 'nixpkgs']);
  const versionOf = (o: Record<string, unknown>, fallback: IssoVersion) =>
    optional(o, 'issoVersion', path, (x, p) => {
      const text = readString(x, p, VERSION, 'an Isso release from "0.12.0" to "0.14.x", such as "0.14.0"');
      if (!isSupportedIssoVersion(text)) fail(p, x, 'an Isso release from "0.12.0" to "0.14.x", such as "0.14.0"');
      return text;
    }, fallback);
  if (kind === 'nixpkgs') {
    const o = readObject(value, path, ['kind', 'issoVersion']);
    return { kind, issoVersion: versionOf(o, NIXPKGS_ISSO_VERSION) };
  }
  const o = readObject(value, path, ['kind', 'owner', 'repo', 'rev', 'hash', 'version', 'issoVersion']);
  const required = (key: string, pattern: RegExp, what: string) => {
    if (o[key] === undefined) throw new IssoDeploymentError(`a github source needs "${key}" (${what})`, { path: [...path, key] });
    return readString(o[key], [...path, key], pattern, what);
  };
  return {
    kind,
    owner: required('owner', GITHUB_NAME, 'a GitHub user or organisation name'),
    repo: required('repo', GITHUB_NAME, 'a GitHub repository name'),
    rev: required('rev', GIT_REV, 'a branch, tag or commit'),
    hash: required('hash', HASH, 'an SRI hash "sha256-…" or a 52-character base-32 sha256'),
    version: optional(o, 'version', path, (x, p) => readString(x, p, DRV_VERSION, 'a derivation version such as "custom"'), ARTICLE_SOURCE.version),
    issoVersion: versionOf(o, ARTICLE_SOURCE.issoVersion),
  };
}

/** `python`: the derivation's inputs and the environment's extra libraries. */
export function readPython(value: unknown, path: FieldPath): ResolvedDeployment['python'] {
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
    dependencies: optional(o, 'dependencies', path, nixAttrList, ARTICLE_PYTHON.dependencies),
    buildDependencies: optional(o, 'buildDependencies', path, nixAttrList, ARTICLE_PYTHON.buildDependencies),
    check: optional(o, 'check', path, check, ARTICLE_PYTHON.check),
    environment: optional(o, 'environment', path, nixAttrList, ARTICLE_PYTHON.environment),
  };
}

