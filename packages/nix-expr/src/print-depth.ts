import type { NixBindingItem, NixExpr } from './ast.js';
import { NixExprError } from './errors.js';
import { wraps } from './print-flat.js';
import { BINARY_LEVEL, operandLimits } from './precedence.js';

/**
 * How deep the printer may go. Lists and sets nested in lists and sets from the top of the tree
 * (the shape of data) are written by a loop with an explicit stack (print-data.ts), and so are
 * chains of one operator level (`a + b - c`, `a ++ b ++ c`) and of `?` tests: those cost no call
 * stack, and only `maxDepth` bounds them. Every other nesting (calls, lambdas, `let`, `if`,
 * strings with interpolations, data inside those…) is printed by recursion, a few frames per
 * level, so it is limited to a depth that fits the smallest stack Node is run with.
 */
export const MAX_EXPRESSION_DEPTH = 500;

/** Work counter (nodes visited), read by the robustness tests. */
export const depthWork = { nodes: 0 };

/**
 * Throws `NixExprError` when `root` nests more than `maxDepth` levels, or more than
 * MAX_EXPRESSION_DEPTH levels outside the data and chain shapes the printer writes without
 * recursion. One pass with an explicit stack, so the check itself cannot overflow.
 */
export function checkPrintDepth(root: NixExpr, maxDepth: number): void {
  const nodes: NixExpr[] = [root];
  const totals: number[] = [1];
  const generals: number[] = [isCollection(root) ? 0 : 1];
  const inData: boolean[] = [isCollection(root)];
  // The depths of the node being expanded, read by the helpers below (made once, not per node).
  let total = 0;
  let general = 0;
  const visit = (child: NixExpr, free: boolean, dataChild: boolean): void => {
    const childTotal = free ? total : total + 1;
    const childGeneral = free || dataChild ? general : general + 1;
    // Most nodes of a large tree are leaves: check them here instead of stacking them.
    if (isLeaf(child) && childTotal <= maxDepth && childGeneral <= MAX_EXPRESSION_DEPTH) {
      depthWork.nodes++;
      return;
    }
    nodes.push(child);
    totals.push(childTotal);
    generals.push(childGeneral);
    inData.push(dataChild);
  };
  const parts = (list: readonly (string | NixExpr)[]): void => {
    for (const part of list) if (typeof part !== 'string') visit(part, false, false);
  };
  const bindings = (items: readonly NixBindingItem[], fromData: boolean): void => {
    const childTotal = total + 1;
    for (const item of items) {
      if (item.kind === 'inherit') {
        if (item.from !== undefined) visit(item.from, false, false);
        continue;
      }
      const value = item.value;
      if (item.path.length === 1 && typeof item.path[0] === 'string' && childTotal <= maxDepth && isLeaf(value)) {
        depthWork.nodes++;
        continue;
      }
      parts(item.path);
      // The cases print-data.ts writes from its loop.
      const looped =
        fromData && item.comments === undefined && item.path.length === 1 && typeof item.path[0] === 'string' &&
        value.comments === undefined && isCollection(value);
      visit(value, false, looped);
    }
  };
  while (nodes.length > 0) {
    const expr = nodes.pop()!;
    total = totals.pop()!;
    general = generals.pop()!;
    const data = inData.pop()!;
    depthWork.nodes++;
    if (total > maxDepth) {
      throw new NixExprError(`print: the expression is nested more than ${maxDepth} levels deep (options.maxDepth)`, { value: expr });
    }
    if (general > MAX_EXPRESSION_DEPTH) {
      throw new NixExprError(
        `print: expressions other than lists and sets nest more than ${MAX_EXPRESSION_DEPTH} levels deep; the printer supports up to ${MAX_EXPRESSION_DEPTH}`,
        { value: expr },
      );
    }
    switch (expr.kind) {
      case 'string':
      case 'path':
        parts(expr.parts);
        break;
      case 'list': {
        // The bulk of large trees: written out here, without the helpers, for speed.
        const childTotal = total + 1;
        const leavesFit = childTotal <= maxDepth;
        for (const item of expr.items) {
          if (leavesFit && isLeaf(item)) {
            depthWork.nodes++;
            continue;
          }
          const looped = data && isCollection(item);
          nodes.push(item);
          totals.push(childTotal);
          generals.push(looped ? general : general + 1);
          inData.push(looped);
        }
        break;
      }
      case 'attrs':
        bindings(expr.bindings, data);
        break;
      case 'let':
        bindings(expr.bindings, false);
        visit(expr.body, false, false);
        break;
      case 'with':
        visit(expr.scope, false, false);
        visit(expr.body, false, false);
        break;
      case 'assert':
        visit(expr.condition, false, false);
        visit(expr.body, false, false);
        break;
      case 'if':
        visit(expr.condition, false, false);
        visit(expr.then, false, false);
        visit(expr.else, false, false);
        break;
      case 'lambda':
        if (expr.param.kind === 'formals') for (const formal of expr.param.formals) if (formal.default) visit(formal.default, false, false);
        visit(expr.body, false, false);
        break;
      case 'call':
        visit(expr.fn, false, false);
        for (const arg of expr.args) visit(arg, false, false);
        break;
      case 'select':
        visit(expr.subject, false, false);
        parts(expr.path);
        if (expr.or !== undefined) visit(expr.or, false, false);
        break;
      case 'hasAttr':
        visit(expr.subject, continuesTests(expr.subject), false);
        parts(expr.path);
        break;
      case 'unary':
        visit(expr.operand, false, false);
        break;
      case 'binary': {
        const [leftLimit, rightLimit] = operandLimits(expr.op);
        visit(expr.left, continuesChain(expr, expr.left, leftLimit), false);
        visit(expr.right, continuesChain(expr, expr.right, rightLimit), false);
        break;
      }
      case 'parens':
        visit(expr.expr, false, false);
        break;
      default:
        break;
    }
  }
}

/** Nodes without sub-expressions. */
function isLeaf(expr: NixExpr): boolean {
  switch (expr.kind) {
    case 'int':
    case 'float':
    case 'var':
    case 'searchPath':
    case 'uri':
    case 'raw':
      return true;
    case 'string':
    case 'path':
      for (const part of expr.parts) if (typeof part !== 'string') return false;
      return true;
    default:
      return false;
  }
}

function isCollection(expr: NixExpr): boolean {
  return expr.kind === 'list' || expr.kind === 'attrs';
}

function plainNode(expr: NixExpr): boolean {
  return expr.comments === undefined || expr.comments.length === 0;
}

/** A same-level operand that the printer folds into its parent's chain (print.ts, print-flat.ts). */
export function continuesChain(parent: Extract<NixExpr, { kind: 'binary' }>, child: NixExpr, limit: number): boolean {
  return child.kind === 'binary' && BINARY_LEVEL[child.op] === BINARY_LEVEL[parent.op] && !wraps(child, limit) && plainNode(child);
}

/** The subject of `s ? p` that is itself a test written without parentheses (`a ? b ? c`). */
export function continuesTests(subject: NixExpr): boolean {
  return subject.kind === 'hasAttr' && plainNode(subject);
}
