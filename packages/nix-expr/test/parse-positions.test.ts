import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { intBetween, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import type { NixExpr } from '../src/ast.js';
import { lex } from '../src/lex.js';
import { parse, parseDetailed } from '../src/parse.js';

// Random token soup: real Nix tokens, hostile fragments and line breaks of every kind, glued with
// or without blanks. The parser must never throw on it, and every position it reports (token
// spans, node spans, comments, a diagnostic's line and column) must agree with the source as a
// naive reader counts it. The lexer keeps its lookahead in a ring and slices text on demand, so
// this is what shows that no position or text comes from the wrong slot.

const VOCABULARY: readonly string[] = [
  'if', 'then', 'else', 'assert', 'with', 'let', 'in', 'rec', 'inherit', 'or', '...',
  '==', '!=', '<=', '>=', '&&', '||', '->', '//', '++', '{', '}', '(', ')', '[', ']', ';', ':', ',', '.', '=', '@', '?',
  '!', '-', '+', '*', '/', '<', '>', '&', '|', '%', '^', '`', '~', '$', "'", '"', '\\',
  'x', 'foo-bar', "a'", 'a.b.c', '12', '0', '1.', '.5', '1e5', '1.5e-3', '99999999999999999999', '1e999', '0.', '00.5',
  './a', '../b/c', 'a/b', '+a/b', '-/a', '.a/b', '~/x', '<nixpkgs/lib>', '<a', 'https://x.org/a?b=c', 'a:', 'x:',
  './a/${x}/b', 'a/${', '~/${y}', '"a\\nb"', '"${x}"', '"$', '"\\', '$"', '$${', "''${", "''\n  a\n  ${b}\n''",
  "''", "'''", "''$", "''\\n", '${', '/* c */', '/*', '*/', '# c\n', '#', '{ a, b ? 1, ... }:', 'a@{ }:',
  '\n', '\r', '\r\n', '\n\r', '\t', ' ', '\0', 'é', '😀', '\u2028',
];

function soup(random: () => number, tokens: number): string {
  let text = '';
  for (let k = 0; k < tokens; k++) text += pick(random, VOCABULARY) + (random() < 0.5 ? ' ' : '');
  return text;
}

/** Line and column as a naive reader counts them: CR, LF and CRLF each end a line. */
function naiveLineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (const match of source.matchAll(/\r\n|\r|\n/g)) {
    const next = match.index + match[0].length;
    if (next > offset) break;
    line++;
    lineStart = next;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Every node of a parsed tree, through an explicit stack (no recursion). */
function nodesOf(root: NixExpr): NixExpr[] {
  const found: NixExpr[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record['kind'] === 'string' && 'loc' in record && record['kind'] !== 'binding' && record['kind'] !== 'inherit') found.push(value as NixExpr);
      for (const [key, child] of Object.entries(record)) if (key !== 'loc' && key !== 'comments') stack.push(child);
    }
  }
  return found;
}

function checkPositions(source: string, label: string): void {
  const result = parse(source);
  assert.is(result.expr === undefined, result.diagnostics.length > 0, label);
  for (const d of result.diagnostics) {
    assert.ok(d.offset >= 0 && d.offset <= source.length, `${label}: offset ${d.offset}`);
    assert.equal({ line: d.line, column: d.column }, naiveLineColumn(source, d.offset), `${label}: position of ${d.message}`);
  }
  for (const comment of result.comments) assert.is(source.slice(comment.start, comment.end), comment.text, label);

  let previousEnd = 0;
  for (const token of lex(source).tokens) {
    assert.ok(token.start >= previousEnd && token.start <= token.end && token.end <= source.length, `${label}: token ${token.type} at ${token.start}`);
    if (token.type === 'id' || token.type === 'int' || token.type === 'path' || token.type === 'uri') {
      assert.is(token.value, source.slice(token.start, token.end), `${label}: ${token.type} text`);
    }
    previousEnd = token.end;
  }

  if (result.expr === undefined) return;
  for (const node of nodesOf(result.expr)) {
    const { start, end } = node.loc!;
    assert.ok(start >= 0 && start <= end && end <= source.length, `${label}: ${node.kind} at ${start}–${end}`);
    if (node.kind === 'var') assert.is(source.slice(start, end), node.name, `${label}: var at ${start}`);
    if (node.kind === 'int' && node.value >= 0n) assert.is(BigInt(source.slice(start, end)), node.value, `${label}: int at ${start}`);
  }
}

/** `parse()` skips the editor's bookkeeping; what it returns must not differ from `parseDetailed()`. */
function checkSameAsDetailed(source: string, label: string): void {
  const plain = parse(source);
  const detailed = parseDetailed(source);
  const json = (value: unknown): string => JSON.stringify(value, (_key, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
  assert.is(json(plain.expr), json(detailed.expr), label);
  assert.equal(plain.diagnostics, detailed.diagnostics, label);
  assert.equal(plain.comments, detailed.comments, label);
}

const soupSuite = suite('parse: random token soup');

soupSuite('never throws, and reports positions a naive line count agrees with', () => {
  const random = seededRandom(1919);
  for (let i = 0; i < 3000; i++) {
    const source = soup(random, intBetween(random, 0, 40));
    checkPositions(source, `soup ${i}: ${JSON.stringify(source)}`);
  }
});

soupSuite('long soups of valid-looking bindings keep node and token positions exact', () => {
  const random = seededRandom(2020);
  for (let i = 0; i < 200; i++) {
    const bindings = Array.from({ length: intBetween(random, 1, 60) }, (_, k) => {
      const value = pick(random, ['1', 'x', '"s${y}"', "''\n  a\n''", './p', '[ a b ]', '{ }', 'f 2', 'a.b or c', '-3', '(z)']);
      const before = pick(random, ['', '# c\n', '/* c */ ', '\r\n', '\r']);
      return `${before}n${k} = ${value};`;
    });
    const source = `{${pick(random, [' ', '\n', '\r\n'])}${bindings.join(pick(random, [' ', '\n', '\r\n', '\r']))} }`;
    checkPositions(source, `bindings ${i}`);
    const result = parse(source);
    assert.equal(result.diagnostics, [], `bindings ${i}`);
  }
});

soupSuite('parse() and parseDetailed() return the same tree, comments and diagnostics', () => {
  const random = seededRandom(2121);
  for (let i = 0; i < 1500; i++) {
    const source = soup(random, intBetween(random, 0, 40));
    checkSameAsDetailed(source, `soup ${i}: ${JSON.stringify(source)}`);
  }
  checkSameAsDetailed('# top\n{\n  # a\n  a = (\n    # inner\n    1);\n  /* b */ b = [ # c\n 2 ];\n}\n', 'commented set');
});

soupSuite.run();
