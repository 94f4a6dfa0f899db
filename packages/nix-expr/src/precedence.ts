import type { BinaryOperator, NixExpr } from './ast.js';
import { isNegativeLiteral } from './print-number.js';

/**
 * Binding strength of each construct, from the Nix manual's operator table (1 binds tightest):
 * 0 for literals and bracketed forms, 1 select, 2 application, 3 unary minus, 4 `?`, then the
 * binary operators, 15 for the `expr`-level forms (lambda, let, with, assert, if) that can never be
 * an operand, 16 for raw text, which is only left bare in a full `expr` slot.
 */
export const BINARY_LEVEL: Readonly<Record<BinaryOperator, number>> = {
  '++': 5,
  '*': 6, '/': 6,
  '+': 7, '-': 7,
  '//': 9,
  '<': 10, '<=': 10, '>': 10, '>=': 10,
  '==': 11, '!=': 11,
  '&&': 12,
  '||': 13,
  '->': 14,
};

/** Associativity; `none` means neither side may hold the same level unparenthesized. */
export const BINARY_ASSOC: Readonly<Record<BinaryOperator, 'left' | 'right' | 'none'>> = {
  '++': 'right',
  '*': 'left', '/': 'left',
  '+': 'left', '-': 'left',
  '//': 'right',
  '<': 'none', '<=': 'none', '>': 'none', '>=': 'none',
  '==': 'none', '!=': 'none',
  '&&': 'left',
  '||': 'left',
  '->': 'right',
};

export const LEVEL_SELECT = 1;
export const LEVEL_APPLY = 2;
export const LEVEL_NEGATE = 3;
export const LEVEL_HAS_ATTR = 4;
export const LEVEL_NOT = 8;
export const LEVEL_EXPR = 15;
export const LEVEL_RAW = 16;

/** Slot limits: a child whose level exceeds the slot's limit is parenthesized. */
export const SLOT_EXPR = 99;
/** Argument of an application, list item, `or` default, function position (`expr_select`). */
export const SLOT_ARGUMENT = 1;

export function levelOf(expr: NixExpr): number {
  switch (expr.kind) {
    case 'int':
    case 'float':
      return isNegativeLiteral(expr) ? LEVEL_NEGATE : 0;
    case 'select':
      return LEVEL_SELECT;
    case 'call':
      return LEVEL_APPLY;
    case 'unary':
      return expr.op === '-' ? LEVEL_NEGATE : LEVEL_NOT;
    case 'hasAttr':
      return LEVEL_HAS_ATTR;
    case 'binary':
      return BINARY_LEVEL[expr.op];
    case 'lambda':
    case 'let':
    case 'with':
    case 'assert':
    case 'if':
      return LEVEL_EXPR;
    case 'raw':
      return LEVEL_RAW;
    default:
      return 0;
  }
}

/** The highest level each side of a binary operator may hold without parentheses. */
export function operandLimits(op: BinaryOperator): [left: number, right: number] {
  const level = BINARY_LEVEL[op];
  const assoc = BINARY_ASSOC[op];
  return [assoc === 'left' ? level : level - 1, assoc === 'right' ? level : level - 1];
}
