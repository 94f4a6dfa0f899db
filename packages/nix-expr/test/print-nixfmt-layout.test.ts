import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { attrs, bind, parse, path, print, printData, str, toNix, v, type NixExpr } from '../src/index.js';
import { randomAst } from './random-ast.js';
import { boundaryData, layoutAst } from './support/layout-input.js';

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

rules('a one-binding set stays on one line only when all of `{ name = value; }` fits the width', () => {
  // nixfmt 1.4.0 expanded `{ "…" = 93701; }` at 101 columns, which print kept on one line.
  for (let total = 97; total <= 103; total++) {
    // `{ "a.k…" = 1; }` is 2 + (n + 2) + 3 + 2 + 2 columns for a name of n characters.
    const key = `a.${'k'.repeat(total - 13)}`;
    const inline = `{ "${key}" = 1; }`;
    assert.is(inline.length, total);
    const fits = total <= 100;
    const top = print(toNix({ [key]: 1 }));
    assert.is(top === `${inline}\n`, fits, `top level, ${total} columns:\n${top}`);
    // As a list item, the indentation does not count; printData agrees.
    const item = print(toNix({ list: [{ [key]: 1 }, 2] }));
    assert.is(item.includes(inline), fits, `list item, ${total} columns:\n${item}`);
    assert.is(printData({ list: [{ [key]: 1 }, 2] }), item);
    assert.is(printData({ [key]: 1 }), top);
  }
});

const nodeRules = suite('print: nixfmt layout of every node kind');

// Each case: the source given to `parse` (one line), and what nixfmt v1.4.0 (built locally from
// 7cad8663932db4519d4c5b623becdcda655cef7c) writes for it at width 40. Quoted rule names are the
// functions of src/Nixfmt/Pretty.hs and Predoc.hs at that commit that the case exercises.
const NIXFMT_AT_40: readonly (readonly [string, string, string])[] = [
  [
    "application: the longest prefix that fits, then one argument per line (prettyApp, greedy groups)",
    "f aaaaaaaaaa \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\" \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwx\" { k = 1; l = 2; }",
    "f aaaaaaaaaa\n  \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\"\n  \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwx\"\n  {\n    k = 1;\n    l = 2;\n  }\n",
  ],
  [
    "application: a simple call (two simple arguments) stays on one line over the width (renderSimple)",
    "{ k = lib.mkOption \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\" \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\"; }",
    "{\n  k = lib.mkOption \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\" \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\";\n}\n",
  ],
  [
    "application: a parenthesized last argument opens on the line (absorbParen)",
    "f \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwxxxx\" (a + b)",
    "f \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwxxxx\" (\n  a + b\n)\n",
  ],
  [
    "application: an earlier set is absorbed when the rest fits after it (priority groups, last first)",
    "f \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwxxxx\" { a = 1; } c",
    "f \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwxxxx\" {\n  a = 1;\n} c\n",
  ],
  [
    "application in parentheses: the greedy prefix right after `(`, `)` on its own line (prettyApp True)",
    "[ (lib.mkOption (f \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\" c \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\" a)) ]",
    "[\n  (lib.mkOption (\n    f \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\" c\n      \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\"\n      a\n  ))\n]\n",
  ],
  [
    "binding: a quoted name keeps `= {` on its line when it fits",
    "{ \"a long quoted attribute name\" = { b = 1; c = 2; }; }",
    "{\n  \"a long quoted attribute name\" = {\n    b = 1;\n    c = 2;\n  };\n}\n",
  ],
  [
    "binding: after a quoted name the value moves below `=` when its `;` would overflow",
    "{ \"a.b\" = f x \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\"; }",
    "{\n  \"a.b\" =\n    f x \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\";\n}\n",
  ],
  [
    "lambda: a body that fits stays on the line",
    "x: g \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\" a",
    "x: g \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\" a\n",
  ],
  [
    "lambda: three or more parameters put a non-absorbed body on the next line, not indented (absorbAbs)",
    "{ f = x: y: z: a; }",
    "{\n  f =\n    x: y: z:\n    a;\n}\n",
  ],
  [
    "if: a condition that does not fit goes between `if` and `then` (prettyIf)",
    "if aaaaaaaaaaaaaaaaaa == bbbbbbbbbbbbbbbbbbbbbb then 1 else 2",
    "if\n  aaaaaaaaaaaaaaaaaa\n  == bbbbbbbbbbbbbbbbbbbbbb\nthen\n  1\nelse\n  2\n",
  ],
  [
    "assert: written as the application of `assert`, the condition below it when it does not fit",
    "assert aaaaaaaaaaaaaaaaaa == bbbbbbbbbbbbbbbbbbbbbb; x",
    "assert\n  aaaaaaaaaaaaaaaaaa\n  == bbbbbbbbbbbbbbbbbbbbbb;\nx\n",
  ],
  [
    "comparison: a right operand that fits a line moves below the operator (softline, firstLineFits)",
    "bbbbbbbbbbbbbbbbbbbbbbbb < (c != \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\")",
    "bbbbbbbbbbbbbbbbbbbbbbbb < (\n  c != \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\"\n)\n",
  ],
  [
    "comparison: a set operand opens after the operator and breaks (prettyTerm, no group)",
    "bbbbbbbbbbbbbbbbbbbbbbbb >= { k = cccccccccccccccccccc; }",
    "bbbbbbbbbbbbbbbbbbbbbbbb >= {\n  k = cccccccccccccccccccc;\n}\n",
  ],
  [
    "with: outside an absorbing place it breaks after `;` (prettyWith False)",
    "with pkgs; [ a b ]",
    "with pkgs;\n[\n  a\n  b\n]\n",
  ],
  [
    "with: a binding value and a lambda body absorb its list or set (prettyWith True)",
    "{ a = with pkgs; [ a b ]; b = x: with pkgs; { c = 1; }; }",
    "{\n  a = with pkgs; [\n    a\n    b\n  ];\n  b =\n    x: with pkgs; {\n      c = 1;\n    };\n}\n",
  ],
  [
    "update chain starting with a set: the set expanded, each operand on its own line (absorbRHS case 1)",
    "{ x = { a = 1; } // b // c; }",
    "{\n  x = {\n    a = 1;\n  }\n  // b\n  // c;\n}\n",
  ],
  [
    "empty brackets that overflow move below `=` like any term",
    "{ abcdefghijklmnopqrstuvwxyz0123456789ab = [ ]; }",
    "{\n  abcdefghijklmnopqrstuvwxyz0123456789ab =\n    [ ];\n}\n",
  ],
  [
    "let and assert: a set after `in` or `;` breaks with the group it belongs to (prettyTerm)",
    "let a = assert b; { c = 1; }; in { d = a; }",
    "let\n  a =\n    assert b;\n    {\n      c = 1;\n    };\nin\n{\n  d = a;\n}\n",
  ],
  [
    "application: `(g {…})` last on its own line keeps its set expanded (absorbLast)",
    "{ a = f \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\" (g { b = 1; }); }",
    "{\n  a =\n    f \"wwwwwwwwwwwwwwwwwwwwwwwwwwwwww\"\n      (g {\n        b = 1;\n      });\n}\n",
  ],
];

for (const [name, source, nixfmt] of NIXFMT_AT_40) {
  nodeRules(name, () => {
    const parsed = parse(source);
    assert.equal(parsed.diagnostics, [], source);
    assert.is(print(parsed.expr!, { width: 40 }), nixfmt);
  });
}

nodeRules('the README examples are what print writes at width 40', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Layout rules'), readme.indexOf('## API'));
  const examples = [...section.matchAll(/```nix\n {4}# before\n([\s\S]*?)\n {4}# after\n([\s\S]*?)\n {4}```/g)];
  assert.ok(examples.length >= 20, `${examples.length} examples`);
  const dedent = (text: string): string => text.replace(/^ {4}/gm, '');
  for (const [, before, after] of examples) {
    const parsed = parse(dedent(before!));
    assert.equal(parsed.diagnostics, [], before);
    assert.is(print(parsed.expr!, { width: 40, finalNewline: false }), dedent(after!));
  }
});

const properties = suite('print: layout invariants on random input');

/** Lines over the width that nixfmt's rules allow: a simple call kept whole (`renderSimple`). */
function simpleCallLine(content: string): boolean {
  return /^(?:[\w.\-'"]+ = |(?:[<>=!+*\/&|-]{1,2}) )?[\w.'-]+(?: (?:"(?:[^"\\]|\\.)*"|[\w.'-]+)){1,2}(?: \($|;|\)?$)/.test(content);
}

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

properties('layout ASTs at widths 40-100: every line fits unless one token or a simple call overflows', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const random = seededRandom(seed);
    const width = pick(random, [100, 80, 60, 40]);
    const text = print(layoutAst(random, 3), { width });
    for (const line of text.split('\n')) {
      const content = line.trimStart();
      if (content.length <= width || simpleCallLine(content)) continue;
      const literals = content.match(STRING_LIKE) ?? [];
      const longest = literals.reduce((a, b) => (b.length > a.length ? b : a), '');
      // What is left around the longest token must fit, or the line could have been broken.
      assert.ok(content.length - longest.length < width, `seed ${seed}, width ${width}: line over the width:\n${line}\n\n${text}`);
    }
    assert.is(print(parse(text).expr!, { width }), text, `seed ${seed}: not idempotent at width ${width}`);
  }
});

properties('the specific rules hold on random layout ASTs', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const random = seededRandom(seed);
    const width = pick(random, [100, 60, 40]);
    const lines = print(layoutAst(random, 3), { width }).split('\n');
    lines.forEach((line, i) => {
      const content = line.trimStart();
      const indent = line.length - content.length;
      // `with x;` is never followed by a set or list on its line unless the `with` is absorbed
      // after `=`, `x:` or `(` (prettyWith True).
      if (/^with pkgs; [[{]$/.test(content)) assert.unreachable(`seed ${seed}: bare \`with\` absorbs its body:\n${lines.join('\n')}`);
      // A lambda body on the next line is not indented (absorbAbs has no nest).
      if (/^(?:x: )?(?:y: )?(?:z: )?[xyz]:$/.test(content) && i + 1 < lines.length) {
        const next = lines[i + 1]!;
        assert.is(next.length - next.trimStart().length, indent, `seed ${seed}: indented lambda body:\n${lines.join('\n')}`);
      }
      // A broken operator chain puts the operator first, at the indentation of its first operand.
      if (/^(?:\+|\+\+|\/\/|&&|\|\|) /.test(content)) assert.ok(!lines[i - 1]!.trimEnd().endsWith(' +'), `seed ${seed}`);
    });
  }
});

rules.run();
nodeRules.run();
properties.run();
