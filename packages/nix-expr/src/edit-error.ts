import type { Diagnostic } from './parse-diagnostic.js';

/**
 * Why an edit could not be made: the file does not parse (`diagnostics` says where), its top
 * level is not an attribute set, or the attribute path runs into something that is not one.
 * `path` is the attribute path that was asked for, `value` the node or text in the way.
 */
export class NixEditError extends Error {
  override name = 'NixEditError';
  readonly path: readonly string[];
  readonly value: unknown;
  readonly diagnostics: readonly Diagnostic[];

  constructor(message: string, options: { path: readonly string[]; value?: unknown; diagnostics?: readonly Diagnostic[] }) {
    super(`${message} (attribute path ${showPath(options.path)})`);
    this.path = options.path;
    this.value = options.value;
    this.diagnostics = options.diagnostics ?? [];
  }
}

/** `['services', 'nginx', 'virtualHosts', 'x.org']` → `services.nginx.virtualHosts."x.org"`. */
export function showPath(path: readonly string[]): string {
  return path.map((key) => (/^[A-Za-z_][A-Za-z0-9_'-]*$/.test(key) ? key : JSON.stringify(key))).join('.');
}

/** `an if expression`, `a call expression`: the node kind as a phrase for error messages. */
export function kindPhrase(kind: string): string {
  return `${/^[aeio]/.test(kind) ? 'an' : 'a'} ${kind} expression`;
}
