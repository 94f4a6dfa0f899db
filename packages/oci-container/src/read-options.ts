import { isNixExpr } from '@nixkit/nix-expr';
import { OciContainerError } from './errors.js';
import type { NixResolver } from './nix-text.js';
import { expectText, fail, isPlainObject, type Path } from './shape.js';

/**
 * The options object of a renderer, checked like any input: absent means `{}`; anything but a
 * plain object, and any key the renderer does not know, is refused — a typo such as
 * `nixosReleese` must not silently fall back to the default release.
 */
export function readOptions(value: unknown, keys: readonly string[], renderer: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) fail([], value, `the options of ${renderer} must be a plain object`, `an object with ${keys.join(', ')}`);
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      throw new OciContainerError(`is not an option of ${renderer}`, { path: [key], value: value[key], accepted: `one of ${keys.join(', ')}` });
    }
  }
  return value;
}

export function readResolver(value: unknown, path: Path): NixResolver | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') fail(path, value, 'must be a function (expr, path) => string', 'a function');
  return value as NixResolver;
}

/** A Nix expression option (`dockerTools`), with the same depth and cycle checks as field values. */
export function readNixExprOption(value: unknown, path: Path) {
  if (!isNixExpr(value)) fail(path, value, 'must be a @nixkit/nix-expr node', 'a Nix expression such as ref("pkgs.dockerTools")');
  return expectText(value, path) as typeof value;
}

/** An absolute path of a program (`podmanPath`): one line, no control characters. */
export function readProgramPath(value: unknown, path: Path): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value.startsWith('/') || /[\u0000-\u001f\u007f]/.test(value)) {
    fail(path, value, 'must be an absolute path without control characters', 'an absolute path such as /usr/bin/podman');
  }
  return value;
}
