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

/**
 * `issoPackage`: `buildPythonPackage` over `fetchFromGitHub` (the article's derivation), or the
 * nixpkgs `isso` application turned into a module with `toPythonModule` — the conversion the
 * article's footnote was missing, so gunicorn can import it from the environment.
 */
export function issoPackageExpr(d: ResolvedDeployment): NixExpr {
  const source = d.source;
  if (source.kind === 'nixpkgs') return call(select(pythonPackages, 'toPythonModule'), ref('pkgs.isso'));
  const sri = source.hash.includes('-');
  const fetch = call(ref('pkgs.fetchFromGitHub'), attrs({
    owner: str(source.owner),
    repo: str(source.repo),
    rev: str(source.rev),
    [sri ? 'hash' : 'sha256']: str(source.hash),
  }));
  const bindings: NixBindingItem[] = [
    bind('pname', str('isso')),
    bind('version', str(source.version)),
    bind('src', fetch),
    bind('propagatedBuildInputs', list(d.python.dependencies.map(pythonPackage))),
    bind('buildInputs', list(d.python.buildDependencies.map(pythonPackage))),
  ];
  if (d.python.check === null) {
    bindings.push(bind('doCheck', ref('false')));
  } else {
    bindings.push(
      bind('checkInputs', list(d.python.check.inputs.map(pythonPackage))),
      bind('checkPhase', indented(select(pythonPackages, ['python', 'interpreter']), ` setup.py ${d.python.check.setupPyCommand}\n`)),
    );
  }
  return call(select(pythonPackages, 'buildPythonPackage'), attrs(bindings));
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
