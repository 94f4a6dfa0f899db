import type { AttrPath, NixExpr, NixPath, NixSearchPath, NixString, NixUri, NixVar } from './ast.js';
import { attrName, checkVariableName } from './attr-name.js';
import { NixExprError } from './errors.js';
import { escapeDoubleQuoted } from './escape-string.js';

/** Prints an interpolated expression (for `${…}`); supplied by the layout printer. */
export type Interpolate = (expr: NixExpr) => string;

/** True when a string node prints as `''…''`: forced, or `auto` with a line break in its text. */
export function isIndentedString(node: NixString): boolean {
  if (node.style === 'indented') return true;
  if (node.style === 'double') return false;
  for (const part of node.parts) if (typeof part === 'string' && part.includes('\n')) return true;
  return false;
}

/** `"…"` with every literal part escaped and every expression part as `${…}`. */
export function printDoubleQuoted(node: NixString, interpolate: Interpolate): string {
  const parts = node.parts;
  if (parts.length === 1 && typeof parts[0] === 'string') return `"${escapeDoubleQuoted(parts[0], false)}"`;
  let out = '"';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (typeof part === 'string') out += escapeDoubleQuoted(part, typeof parts[i + 1] === 'object');
    else out += '${' + interpolate(part) + '}';
  }
  return out + '"';
}

/** An attribute path `a."b c".${e}`; expression keys are always written `${…}`. */
export function printAttrPath(path: AttrPath, interpolate: Interpolate, owner: string): string {
  if (path.length === 0) throw new NixExprError(`${owner} has an empty attribute path`, { value: path });
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (i > 0) out += '.';
    out += typeof key === 'string' ? attrName(key) : '${' + interpolate(key) + '}';
  }
  return out;
}

const PATH_SHAPE = /^(~|[a-zA-Z0-9._+-]*)(\/[a-zA-Z0-9._+-]+)+$/;

/**
 * A path literal. Nix's lexer only reads `[a-zA-Z0-9._+-]` segments joined by `/`, with no
 * trailing `/`; anything else (spaces, `//`, a missing `/` before the first `${…}`) would read back
 * as a different expression, so it is refused: build `./. + "/a b"` for such names.
 */
export function printPath(node: NixPath, interpolate: Interpolate): string {
  let shape = '';
  let out = '';
  let slashBeforeInterpolation = false;
  for (const part of node.parts) {
    if (typeof part === 'string') {
      shape += part;
      out += part;
    } else {
      if (!shape.includes('/')) break;
      slashBeforeInterpolation = true;
      shape += 'x';
      out += '${' + interpolate(part) + '}';
    }
  }
  const interpolated = node.parts.some((part) => typeof part !== 'string');
  if (!PATH_SHAPE.test(shape) || (interpolated && !slashBeforeInterpolation)) {
    throw new NixExprError(
      'path node cannot be written as a Nix path literal: it needs segments of [a-zA-Z0-9._+-] joined by "/", ' +
        'a "/" before the first interpolation and no trailing "/"; use op(path("./."), "+", str("/…")) for other names',
      { value: node.parts },
    );
  }
  return out;
}

const SEARCH_PATH = /^[a-zA-Z0-9._+-]+(\/[a-zA-Z0-9._+-]+)*$/;
const URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:[a-zA-Z0-9%/?:@&=+$,_.!~*'-]+$/;

export function printSearchPath(node: NixSearchPath): string {
  if (!SEARCH_PATH.test(node.path)) throw new NixExprError('searchPath node is not a valid <…> path', { value: node.path });
  return `<${node.path}>`;
}

export function printUri(node: NixUri): string {
  if (!URI.test(node.uri)) throw new NixExprError('uri node is not a Nix URI literal', { value: node.uri });
  return node.uri;
}

export function printVar(node: NixVar): string {
  if (node.name === 'or') {
    throw new NixExprError(
      'var node "or" can only be printed as the first argument of a call (`f or`, which Nix 2.8 reads as f applied to the variable or)',
      { value: node.name },
    );
  }
  checkVariableName(node.name, 'var node');
  return node.name;
}
