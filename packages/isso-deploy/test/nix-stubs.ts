import { nixEvalJsonOrThrow } from '../../../tools/test-helpers/index.js';
import { DEFAULT_NIXOS_RELEASE, RELEASE_FACTS, resolveDeployment } from '../src/index.js';
import { MINIMAL } from './fixtures.js';

// Stub arguments for evaluating a rendered module with nix-instantiate, without nixpkgs: every
// package function returns its arguments plus an `outPath`, so "${drv}" interpolation works, and
// writeText encodes its text in the path so the config text can be read back from any string
// that mentions it (the image Env, the service environment).

const WRITE_TEXT_PREFIX = '/nix/store/stub-writeText:';

/** The host's `system.stateVersion` in the stub `config` (the nixos-container mode passes it on). */
export const STUB_STATE_VERSION = '25.11';

/**
 * Nix source of a function `module: result` applying a module to the stubs. With `encode`, the
 * Python package, its source and the environment carry their arguments as JSON in their store
 * path too (see `decodeStubPath`), so a test can read what the module built them from.
 */
export function stubbedApply(pythonNames: readonly string[], encode = false): string {
  return `module: let
  plain = name: extra: extra // { outPath = "/nix/store/stub-" + name; };
  encoded = name: extra: extra // { outPath = "/nix/store/stub-" + name + ":" + builtins.toJSON extra; };
  drvOf = name: if builtins.elem name [ "isso-package" "source" "isso-env" "python-module" ] && ${encode} then encoded name else plain name;
  drv = name: extra: drvOf name extra;
  python3Packages = builtins.listToAttrs (map (n: { name = n; value = drv ("py-" + n) { pname = n; }; }) ${JSON.stringify(pythonNames).replace(/,/g, ' ')}) // {
    buildPythonPackage = args: drv "isso-package" args;
    toPythonModule = p: drv "python-module" { module = p; };
    fetchPypi = args: drv "source" args;
    python = { interpreter = "/nix/store/stub-python/bin/python3"; };
  };
  pkgs = {
    inherit python3Packages;
    python3 = { buildEnv = { override = args: drv "isso-env" args; }; };
    fetchFromGitHub = args: drv "source" args;
    writeText = name: text: { inherit name text; outPath = "${WRITE_TEXT_PREFIX}" + builtins.toJSON { inherit name text; }; };
    dockerTools = { buildImage = args: drv "image" args; };
    cacert = drv "cacert" { };
    nomad-driver-podman = drv "nomad-driver-podman" { };
    isso = drv "isso" { pname = "isso"; };
  };
  lib = { mkDefault = x: x; mkForce = x: x; concatStringsSep = builtins.concatStringsSep; };
in module { config = { system.stateVersion = "${STUB_STATE_VERSION}"; }; inherit pkgs lib; }`;
}

/**
 * The python3Packages names the stubs provide: those of the newest release's facts table, plus
 * the article preset's (nose among them, which no supported release has; tests that check a
 * release's own names pass that release's list instead).
 */
export const PYTHON_NAMES: readonly string[] = (() => {
  const p = resolveDeployment({ ...MINIMAL, preset: 'article-2020' }).python;
  const names = [...RELEASE_FACTS[DEFAULT_NIXOS_RELEASE].pythonPackages, ...p.dependencies, ...p.buildDependencies, ...(p.check?.inputs ?? []), ...p.environment];
  return [...new Set(names)];
})();

/** Evaluates `select` (a Nix function of the module's result) for each module, in one run. */
export function evalModules(modules: readonly string[], select: string, pythonNames: readonly string[], encode = false): unknown[] {
  const source = `let apply = ${stubbedApply(pythonNames, encode)}; select = ${select}; in [\n${modules.map((m) => `(select (apply (\n${m}\n)))`).join('\n')}\n]`;
  return nixEvalJsonOrThrow(source) as unknown[];
}

/** The `{ name, text }` of a stub writeText output mentioned in `value` (e.g. `ISSO_SETTINGS=…`). */
export function writtenText(value: string): { name: string; text: string } {
  const at = value.indexOf(WRITE_TEXT_PREFIX);
  if (at === -1) throw new Error(`no writeText output in ${value}`);
  return JSON.parse(value.slice(at + WRITE_TEXT_PREFIX.length)) as { name: string; text: string };
}

/** The arguments an encoded stub derivation was called with, from its store path (see `stubbedApply`). */
export function decodeStubPath(storePath: string, name: string): unknown {
  const prefix = `/nix/store/stub-${name}:`;
  if (!storePath.startsWith(prefix)) throw new Error(`${storePath} is not an encoded ${name} stub`);
  return JSON.parse(storePath.slice(prefix.length));
}
