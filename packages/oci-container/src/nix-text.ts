import { addCost } from './cost-meter.js';
import { str, type NixExpr } from '@nixkit/nix-expr';
import { OciContainerError } from './errors.js';
import { expectRecord, expectString } from './shape.js';

/**
 * A text field of the model: a plain string, or a Nix expression (`` interp`${v('issoEnv')}/bin/x` ``,
 * `ref('pkgs.cacert')`) for values only Nix knows. The Nix renderers print expressions as they
 * are; the argv and Quadlet renderers need concrete text and go through `resolveText`.
 */
export type NixText = string | NixExpr;

/**
 * Turns a Nix sub-expression into the concrete string it stands for at runtime (a store path,
 * usually). The argv and Quadlet renderers call it once per interpolated expression, so for
 * `"${issoEnv}/bin/gunicorn"` it receives the `issoEnv` variable, not the whole string.
 */
export type NixResolver = (expr: NixExpr, path: readonly (string | number)[]) => string;

/** The Nix node for a text field: plain strings become string literals. */
export function textNode(text: NixText): NixExpr {
  return typeof text === 'string' ? str(text) : text;
}

/** The literal value of a text field when it needs no evaluation, else `undefined`. */
export function literalText(text: NixText): string | undefined {
  if (typeof text === 'string') return text;
  if (text.kind !== 'string') return undefined;
  let out = '';
  for (const part of text.parts) {
    if (typeof part !== 'string') return undefined;
    out += part;
  }
  return out;
}

/**
 * The concrete string for a text field. Literal parts are kept; every interpolated or whole-value
 * expression goes to `resolve`. Without a resolver an expression is an error naming the field,
 * because guessing (or dropping) it would produce a command that means something else.
 */
export function resolveText(text: NixText, path: readonly (string | number)[], resolve: NixResolver | undefined): string {
  const literal = literalText(text);
  if (literal !== undefined) return literal;
  const expr = text as NixExpr;
  const resolveOne = (sub: NixExpr): string => {
    if (resolve === undefined) {
      throw new OciContainerError(
        'is a Nix expression, which this renderer cannot evaluate; pass a plain string or a `resolve` option that maps Nix expressions to their runtime strings',
        { path, value: expr, accepted: 'a string, or options.resolve' },
      );
    }
    const value = resolve(sub, path);
    if (typeof value !== 'string') {
      throw new OciContainerError('the resolver returned a non-string', { path, value, accepted: 'a string from options.resolve' });
    }
    return value;
  };
  if (expr.kind === 'string') {
    return expr.parts.map((part) => (typeof part === 'string' ? part : resolveOne(part))).join('');
  }
  return resolveOne(expr);
}

/**
 * A resolver from a table of dotted names (`{ issoEnv: '/nix/store/…-env', 'pkgs.cacert': '…' }`):
 * variables and plain attribute selections are looked up; anything else is an error.
 */
export function resolveFromTable(table: Readonly<Record<string, string>>): NixResolver {
  expectRecord(table, ['table'], (value, path) => expectString(value, path));
  return (expr, path) => {
    const name = dottedName(expr);
    const value = name === undefined ? undefined : table[name];
    if (value === undefined || !Object.prototype.hasOwnProperty.call(table, name as string)) {
      throw new OciContainerError(`has a Nix expression ${name === undefined ? `of kind "${expr.kind}"` : `"${name}"`} that the resolver table does not define`, {
        path,
        value: expr,
        accepted: `one of: ${Object.keys(table).join(', ') || '(empty table)'}`,
      });
    }
    return value;
  };
}

function dottedName(expr: NixExpr): string | undefined {
  if (expr.kind === 'var') return expr.name;
  if (expr.kind === 'select' && expr.or === undefined && expr.subject.kind === 'var') {
    if (!expr.path.every((key): key is string => typeof key === 'string')) return undefined;
    return [expr.subject.name, ...expr.path].join('.');
  }
  return undefined;
}

/** True when the expression is, or interpolates, a Nix path literal (which would be copied to the store). */
export function mentionsNixPath(root: NixExpr): boolean {
  // An explicit stack: parentheses and interpolations may nest as deep as the input goes.
  const stack: NixExpr[] = [root];
  while (stack.length > 0) {
    addCost(1);
    const expr = stack.pop()!;
    if (expr.kind === 'path') return true;
    if (expr.kind === 'string') {
      for (const part of expr.parts) if (typeof part !== 'string') stack.push(part);
    } else if (expr.kind === 'parens') {
      stack.push(expr.expr);
    }
  }
  return false;
}

