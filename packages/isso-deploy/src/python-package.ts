import { attrs, bind, call, indented, interp, list, ref, select, str, type NixBindingItem, type NixExpr } from '@nixkit/nix-expr';
import type { ResolvedDeployment } from './deployment.js';

// The Python side of the deployment: Isso as a Python package and the environment that puts it
// next to gunicorn. Dependencies are selected from `pkgs.python3Packages` one by one rather than
// through `with`, because `with` never shadows a let binding: a dependency that happened to share
// a name with one of the module's own bindings would silently resolve to that binding.

const pythonPackages = ref('pkgs.python3Packages');

function pythonPackage(name: string): NixExpr {
  return select(pythonPackages, name);
}

function fetchExpr(source: Exclude<ResolvedDeployment['source'], { kind: 'nixpkgs' }>): NixExpr {
  if (source.kind === 'pypi') {
    return call(select(pythonPackages, 'fetchPypi'), attrs({ pname: str('isso'), version: str(source.version), hash: str(source.hash) }));
  }
  const sri = source.hash.includes('-');
  return call(ref('pkgs.fetchFromGitHub'), attrs({
    owner: str(source.owner),
    repo: str(source.repo),
    rev: str(source.rev),
    [sri ? 'hash' : 'sha256']: str(source.hash),
  }));
}

function checkPhase(command: string): NixExpr {
  return indented(select(pythonPackages, ['python', 'interpreter']), ` setup.py ${command}\n`);
}

/**
 * The reference article's 2020 derivation, kept verbatim for the `article-2020` preset:
 * `propagatedBuildInputs`, `buildInputs`, `checkInputs` and a `setup.py` check, no `format`.
 */
function article2020Package(d: ResolvedDeployment, source: Exclude<ResolvedDeployment['source'], { kind: 'nixpkgs' }>): NixExpr {
  const bindings: NixBindingItem[] = [
    bind('pname', str('isso')),
    bind('version', str(source.version)),
    bind('src', fetchExpr(source)),
    bind('propagatedBuildInputs', list(d.python.dependencies.map(pythonPackage))),
    bind('buildInputs', list(d.python.buildDependencies.map(pythonPackage))),
  ];
  if (d.python.check === null) {
    bindings.push(bind('doCheck', ref('false')));
  } else {
    bindings.push(bind('checkInputs', list(d.python.check.inputs.map(pythonPackage))), bind('checkPhase', checkPhase(d.python.check.setupPyCommand)));
  }
  return call(select(pythonPackages, 'buildPythonPackage'), attrs(bindings));
}

/**
 * A custom source built the way every supported release accepts (release-facts.ts):
 * `pyproject = true` with setuptools as `build-system`, the Isso version's `dependencies`, and
 * `nativeCheckInputs` when a check is asked for. Isso's own test suite needs the patches
 * nixpkgs carries, so by default it is not run.
 */
function modernPackage(d: ResolvedDeployment, source: Exclude<ResolvedDeployment['source'], { kind: 'nixpkgs' }>): NixExpr {
  const bindings: NixBindingItem[] = [
    bind('pname', str('isso')),
    bind('version', str(source.version)),
    bind('pyproject', ref('true')),
    bind('src', fetchExpr(source)),
    bind('build-system', list(d.python.buildDependencies.map(pythonPackage))),
    bind('dependencies', list(d.python.dependencies.map(pythonPackage))),
  ];
  if (d.python.check === null) {
    bindings.push(bind('doCheck', ref('false')));
  } else {
    bindings.push(bind('nativeCheckInputs', list(d.python.check.inputs.map(pythonPackage))), bind('checkPhase', checkPhase(d.python.check.setupPyCommand)));
  }
  return call(select(pythonPackages, 'buildPythonPackage'), attrs(bindings));
}

/**
 * `issoPackage`: by default nixpkgs' own `isso` application turned into a module with
 * `toPythonModule` (the conversion the article's footnote was missing), so gunicorn can import
 * it from the environment; for a github or pypi source, a `buildPythonPackage` of that source.
 */
export function issoPackageExpr(d: ResolvedDeployment): NixExpr {
  const source = d.source;
  if (source.kind === 'nixpkgs') return call(select(pythonPackages, 'toPythonModule'), ref('pkgs.isso'));
  return d.preset === 'article-2020' ? article2020Package(d, source) : modernPackage(d, source);
}

/** `issoEnv`: a Python environment with Isso, gunicorn and the worker class's library. */
export function issoEnvExpr(d: ResolvedDeployment, issoPackage: NixExpr): NixExpr {
  return call(ref('pkgs.python3.buildEnv.override'), attrs({
    extraLibs: list([issoPackage, ...d.python.environment.map(pythonPackage)]),
  }));
}

/** `"${issoEnv}/bin/gunicorn"` */
export function gunicornBinary(issoEnv: NixExpr): NixExpr {
  return interp`${issoEnv}/bin/gunicorn`;
}
