import { compareIssoVersions, type IssoVersion } from '@nixkit/isso-config';
import type { ResolvedDeployment } from './deployment.js';
import { ARTICLE_PYTHON } from './defaults.js';

// The Python inputs a custom Isso source (github, pypi) is built with, chosen by the Isso release
// it names, because each release imports different libraries:
// - 0.12.x renders Markdown with misaka and, under werkzeug >= 2 (every supported NixOS release
//   ships werkzeug 3), needs passlib for PBKDF2: it fails at import with "No PBKDF2
//   implementation found ... install passlib" otherwise.
// - 0.13.x: misaka, and werkzeug's own PBKDF2 (the nixpkgs isso 0.13.0 package lists no passlib).
// - 0.14.x renders with mistune and imports pkg_resources from setuptools at run time.
// The common part matches the propagatedBuildInputs of nixpkgs' isso package
// (pkgs/by-name/is/isso/package.nix @ 02d562cc47ca848a2c809608906662a5a17f3d2f).

/** The `dependencies` of a custom source at Isso `version`. */
export function issoDependencies(version: IssoVersion): string[] {
  const web = ['html5lib', 'werkzeug', 'bleach', 'flask-caching'];
  if (compareIssoVersions(version, '0.13.0') < 0) return ['itsdangerous', 'jinja2', 'misaka', ...web, 'passlib'];
  if (compareIssoVersions(version, '0.14.0') < 0) return ['itsdangerous', 'jinja2', 'misaka', ...web];
  return ['itsdangerous', 'jinja2', 'mistune', ...web, 'setuptools'];
}

/**
 * The PEP 517 backend and the build tools: setuptools builds Isso's setup.py project; cffi is
 * what nixpkgs' isso package also puts at build time.
 */
export const BUILD_SYSTEM: readonly string[] = ['setuptools', 'cffi'];

/**
 * gunicorn, the library of its default worker class, and setuptools: Isso up to 0.14 imports
 * `pkg_resources` at start, which nixpkgs no longer puts next to every Python package (the
 * nixpkgs bump to 0.14.0, NixOS/nixpkgs PR #504778, adds setuptools to isso for that reason).
 */
export const SERVER_LIBRARIES: readonly string[] = ['gunicorn', 'gevent', 'setuptools'];

/** The Python inputs when the description gives none, for its source and preset. */
export function defaultPython(issoVersion: IssoVersion, preset: ResolvedDeployment['preset']): ResolvedDeployment['python'] {
  if (preset === 'article-2020') return ARTICLE_PYTHON;
  return { dependencies: issoDependencies(issoVersion), buildDependencies: [...BUILD_SYSTEM], check: null, environment: [...SERVER_LIBRARIES] };
}
