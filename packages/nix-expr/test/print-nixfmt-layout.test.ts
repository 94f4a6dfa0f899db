import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { intBetween, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { attrs, bind, call, list, op, parse, path, print, ref, str, toNix, v, type NixExpr } from '../src/index.js';
import { randomAst } from './random-ast.js';

// Layout rules of nixfmt v1.4.0 (NixOS/nixfmt src/Nixfmt/Pretty.hs and Predoc.hs at
// 7cad8663932db4519d4c5b623becdcda655cef7c); see print-bindings.ts for the reading.

const reprint = (text: string): string => {
  const parsed = parse(text);
  assert.equal(parsed.diagnostics, [], text);
  return print(parsed.expr!);
};

const rules = suite('print: nixfmt binding layout');

rules('a string after a quoted name moves below `name =` when the line is too long (the issue case)', () => {
  const x = 'x'.repeat(93);
  assert.is(print(toNix({ 'a.b': x })), `{\n  "a.b" =\n    "${x}";\n}\n`);
  // After a plain name it stays, whatever its length.
  assert.is(print(toNix({ a: x + 'xxxx' })), `{\n  a = "${x}xxxx";\n}\n`);
});

rules('the width is counted from the first character after the indentation, quotes of the name included', () => {
  for (let total = 97; total <= 103; total++) {
    // `"a.b" = "…";` is 5 + 3 + 2 + n + 1 columns.
    const n = total - 11;
    const text = print(attrs([bind(['a.b'], str('s'.repeat(n))), bind('pad', v('x'))]), {});
    const onOneLine = text.includes(`"a.b" = "`);
    assert.is(onOneLine, total <= 100, `${total} columns:\n${text}`);
    // One level deeper, the same columns count: the indentation is not part of the width.
    const nested = print(toNix({ outer: { 'a.b': 's'.repeat(n), pad: 1 } }));
    assert.is(nested.includes(`"a.b" = "`), total <= 100, `nested, ${total} columns:\n${nested}`);
  }
});

rules('more than four selectors, `${…}` names and paths follow the same rule; sets and lists stay absorbed', () => {
  const long = 'q'.repeat(90);
  assert.is(print(attrs([bind(['a', 'b', 'c', 'd', 'e'], str(long))])), `{\n  a.b.c.d.e =\n    "${long}";\n}\n`);
  assert.is(print(attrs([bind(['a', 'b', 'c', 'd'], str(long))])), `{\n  a.b.c.d = "${long}";\n}\n`);
  const p = `./${'p'.repeat(95)}`;
  assert.is(print(attrs([bind(['x y'], path(p)), bind('z', path(p))])), `{\n  "x y" =\n    ${p};\n  z = ${p};\n}\n`);
  const set = print(toNix({ 'a.b': { c: long, d: 1 }, 'e.f': [long, 1] }));
  assert.match(set, /"a\.b" = \{\n/);
  assert.match(set, /"e\.f" = \[\n/);
  assert.is(reprint(set), set);
});

const properties = suite('print: layout invariants on random input');

const STRING_LIKE = /"(?:[^"\\]|\\.)*"|(?:\.{0,2}|~)\/[a-zA-Z0-9._+\/-]+/g;

/** The layout invariants nixfmt's rules imply, checked on printed text without indented strings. */
function checkLines(text: string, width: number, label: string): void {
  for (const line of text.split('\n')) {
    const content = line.trimStart();
    if (content.length <= width) continue;
    const literals = content.match(STRING_LIKE) ?? [];
    const longest = literals.reduce((a, b) => (b.length > a.length ? b : a), '');
    // Every line fits unless one unbreakable token (a string, a path, a quoted name) is what overflows.
    assert.ok(content.length - longest.length < width, `${label}: line over ${width} columns without a long token:\n${line}`);
    // A quoted (or long) name never keeps an overflowing string or path after its `=`.
    const binding = /^((?:[a-zA-Z_][\w'-]*|"(?:[^"\\]|\\.)*")(?:\.(?:[a-zA-Z_][\w'-]*|"(?:[^"\\]|\\.)*"))*) = ("|\.{0,2}\/|~\/)/.exec(content);
    if (binding !== null) {
      const names = binding[1]!.match(/[a-zA-Z_][\w'-]*|"(?:[^"\\]|\\.)*"/g)!;
      const simple = names.length <= 4 && names.every((name) => !name.startsWith('"'));
      assert.ok(simple, `${label}: a non-simple name keeps an overflowing value on its line:\n${line}`);
    }
  }
}

/** Data at the width boundary: long strings, long quoted names, nested sets and lists. */
function boundaryData(random: () => number, width: number, depth: number): unknown {
  const text = (n: number): string => Array.from({ length: n }, () => pick(random, ['a', 'b', ' ', '.', '-', '"', '$'])).join('');
  const near = (): number => Math.max(0, width - intBetween(random, 0, 20) + intBetween(random, -3, 3));
  const kind = depth <= 0 ? intBetween(random, 0, 2) : intBetween(random, 0, 5);
  if (kind === 0) return text(near());
  if (kind === 1) return intBetween(random, -1000, 100000);
  if (kind === 2) return random() < 0.5 ? text(intBetween(random, 0, 12)) : random() < 0.5;
  if (kind === 3 || kind === 4) {
    const out: Record<string, unknown> = {};
    for (let n = intBetween(random, 1, 4); n > 0; n--) {
      const key = random() < 0.5 ? text(intBetween(random, 1, Math.max(1, near() - 10))) : pick(random, ['a', 'b', 'name', 'x-y', 'c.d', 'with']);
      out[key] = boundaryData(random, width, depth - 1);
    }
    return out;
  }
  return Array.from({ length: intBetween(random, 1, 3) }, () => boundaryData(random, width, depth - 1));
}

properties('random data near the width: idempotent, and every line fits unless one token overflows', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const random = seededRandom(seed);
    const width = pick(random, [100, 100, 40, 60, 80]);
    const value = boundaryData(random, width, 3);
    const text = print(toNix(value), { width });
    const again = parse(text);
    assert.equal(again.diagnostics, [], `seed ${seed}\n${text}`);
    assert.is(print(again.expr!, { width }), text, `seed ${seed}: not idempotent`);
    checkLines(text, width, `seed ${seed}`);
  }
});

/** Expressions made for the layout: long last arguments, operator chains over the width. */
function layoutAst(random: () => number, depth: number): NixExpr {
  const name = (): string => pick(random, ['f', 'pkgs.lib.mkOption', 'builtins.concatStringsSep', 'lib.optionalString', 'x']);
  const longString = (): NixExpr => str('w'.repeat(intBetween(random, 10, 110)));
  const leaf = (): NixExpr => (random() < 0.5 ? longString() : v(pick(random, ['a', 'bbbbbbbbbbbbbbbbbbbbbbbb', 'c'])));
  if (depth <= 0) return leaf();
  switch (intBetween(random, 0, 4)) {
    case 0:
      return call(ref(name()), ...Array.from({ length: intBetween(random, 0, 3) }, leaf), layoutAst(random, depth - 1));
    case 1: {
      let chain = layoutAst(random, depth - 1);
      const operator = pick(random, ['+', '++', '//', '&&', '||'] as const);
      for (let n = intBetween(random, 2, 6); n > 0; n--) chain = op(chain, operator, leaf());
      return chain;
    }
    case 2:
      return list(Array.from({ length: intBetween(random, 1, 3) }, () => layoutAst(random, depth - 1)));
    case 3:
      return attrs(
        Array.from({ length: intBetween(random, 1, 3) }, (_, i) =>
          bind(random() < 0.5 ? [`k${i}`] : [`q.${'n'.repeat(intBetween(random, 1, 60))}`, `${i}`], layoutAst(random, depth - 1)),
        ),
      );
    default:
      return leaf();
  }
}

properties('random ASTs (applications with a long last argument, operator chains over the width): idempotent', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const random = seededRandom(seed);
    const ast = seed % 3 === 0 ? randomAst(random, 4) : layoutAst(random, 3);
    const text = print(ast);
    const again = parse(text);
    assert.equal(again.diagnostics, [], `seed ${seed}\n${text}`);
    assert.is(print(again.expr!), text, `seed ${seed}: not idempotent`);
  }
});

rules.run();
properties.run();
