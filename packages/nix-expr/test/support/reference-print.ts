import type { AttrPath, NixBindingItem, NixExpr, StringPart } from '../../src/ast.js';
import { printFloat, printInt } from '../../src/print-number.js';
import { isIndentedString } from '../../src/print-atoms.js';
import { print } from '../../src/print.js';

// An independent, deliberately naive printer used as the oracle of the random-AST tests: every
// compound node is parenthesized and every string is double-quoted with every `$` escaped, so
// its `nix-instantiate --parse` dump shows the intended structure with no precedence reasoning.

const KEYWORDS = new Set(['if', 'then', 'else', 'assert', 'with', 'let', 'in', 'rec', 'inherit', 'or']);

function quote(text: string): string {
  return text.replace(/[\\"$\r\n\t]/g, (c) => ({ '\r': '\\r', '\n': '\\n', '\t': '\\t' })[c] ?? `\\${c}`);
}

function name(key: string): string {
  return /^[a-zA-Z_][a-zA-Z0-9_'-]*$/.test(key) && !KEYWORDS.has(key) ? key : `"${quote(key)}"`;
}

function parts(items: readonly StringPart[], literal: (text: string) => string): string {
  return items.map((part) => (typeof part === 'string' ? literal(part) : `\${${referencePrint(part)}}`)).join('');
}

function attrPath(path: AttrPath): string {
  return path.map((key) => (typeof key === 'string' ? name(key) : `\${${referencePrint(key)}}`)).join('.');
}

function bindings(items: readonly NixBindingItem[]): string {
  return items
    .map((item) => {
      if (item.kind === 'binding') return `${attrPath(item.path)} = ${referencePrint(item.value)}; `;
      const from = item.from === undefined ? '' : ` (${referencePrint(item.from)})`;
      return `inherit${from} ${item.names.map(name).join(' ')}; `;
    })
    .join('');
}

export function referencePrint(expr: NixExpr): string {
  const r = referencePrint;
  switch (expr.kind) {
    case 'int':
      return `(${printInt(expr)})`;
    case 'float':
      return `(${printFloat(expr)})`;
    case 'string':
      // Nix dumps `''…''` strings split at its escapes, so those are compared in the printer's form;
      // their values are checked separately by the string property tests.
      if (isIndentedString(expr)) return `(${print(expr, { finalNewline: false })})`;
      return `"${parts(expr.parts, quote)}"`;
    case 'path':
      return `(${parts(expr.parts, (text) => text)})`;
    case 'searchPath':
      return `<${expr.path}>`;
    case 'uri':
      return expr.uri;
    case 'var':
      return expr.name;
    case 'attrs':
      return `(${expr.rec ? 'rec ' : ''}{ ${bindings(expr.bindings)}})`;
    case 'list':
      return `[ ${expr.items.map(r).join(' ')} ]`;
    case 'let':
      return `(let ${bindings(expr.bindings)}in ${r(expr.body)})`;
    case 'with':
      return `(with ${r(expr.scope)}; ${r(expr.body)})`;
    case 'assert':
      return `(assert ${r(expr.condition)}; ${r(expr.body)})`;
    case 'if':
      return `(if ${r(expr.condition)} then ${r(expr.then)} else ${r(expr.else)})`;
    case 'lambda': {
      const param = expr.param;
      if (param.kind === 'ident') return `(${param.name}: ${r(expr.body)})`;
      const entries = param.formals.map((f) => (f.default === undefined ? f.name : `${f.name} ? (${r(f.default)})`));
      if (param.ellipsis) entries.push('...');
      let pattern = `{ ${entries.join(', ')} }`;
      if (param.bind) pattern = param.bind.position === 'before' ? `${param.bind.name} @ ${pattern}` : `${pattern} @ ${param.bind.name}`;
      return `(${pattern}: ${r(expr.body)})`;
    }
    case 'call':
      return `(${r(expr.fn)} ${expr.args.map(r).join(' ')})`;
    case 'select':
      return `((${r(expr.subject)}).${attrPath(expr.path)}${expr.or === undefined ? '' : ` or ${r(expr.or)}`})`;
    case 'hasAttr':
      return `((${r(expr.subject)}) ? ${attrPath(expr.path)})`;
    case 'unary':
      return `(${expr.op}${r(expr.operand)})`;
    case 'binary':
      return `(${r(expr.left)} ${expr.op} ${r(expr.right)})`;
    case 'parens':
      return `(${r(expr.expr)})`;
    case 'raw':
      return `(${expr.text}\n)`;
  }
}
