import type { NixFloat, NixInt } from './ast.js';

const INT64_MIN = -9223372036854775808n;

/** Source of an int literal; INT64_MIN has no literal, so it is written as a subtraction. */
export function printInt(node: NixInt): string {
  return intText(node.value);
}

/** `printInt` of an int node holding `value` (for printData, which makes no nodes). */
export function intText(value: bigint): string {
  // Through a double when exact: V8 caches number strings, and BigInt formatting is slower.
  const exact = Number(value);
  if (Number.isSafeInteger(exact)) return String(exact);
  return value === INT64_MIN ? '(-9223372036854775807 - 1)' : value.toString();
}

// Nix 2.8 parses float literals with strtod and rejects results that underflow to subnormals.
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Source of a float literal that Nix lexes as a float and reads back to the same double: the
 * shortest round-trip digits of JS, with a `.` forced in (`1e21` would lex as `1` applied to
 * `e21`). A subnormal has no literal in Nix 2.8, so it is written as an exact product of a
 * normal float and a power of two, parenthesized.
 */
export function printFloat(node: NixFloat): string {
  return floatText(node.value);
}

/** `printFloat` of a float node holding `value` (for printData, which makes no nodes). */
export function floatText(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && magnitude < MIN_NORMAL) {
    // magnitude * 2^600 is normal and exact (only the exponent changes); 2^-600 is normal too.
    return `(${value < 0 ? '-' : ''}${floatLiteral(magnitude * 2 ** 600)} * ${floatLiteral(2 ** -600)})`;
  }
  return (Object.is(value, -0) ? '-' : '') + (value < 0 ? '-' : '') + floatLiteral(magnitude);
}

function floatLiteral(magnitude: number): string {
  const text = String(magnitude);
  const e = text.indexOf('e');
  const mantissa = e === -1 ? text : text.slice(0, e);
  const exponent = e === -1 ? '' : text.slice(e);
  return mantissa.includes('.') ? text : `${mantissa}.0${exponent}`;
}

/** True when the printed literal starts with a minus (it then parses as unary minus). */
export function isNegativeLiteral(node: NixInt | NixFloat): boolean {
  if (node.kind === 'int') return node.value < 0n && node.value !== INT64_MIN;
  const magnitude = Math.abs(node.value);
  return (node.value < 0 || Object.is(node.value, -0)) && !(magnitude !== 0 && magnitude < MIN_NORMAL);
}
