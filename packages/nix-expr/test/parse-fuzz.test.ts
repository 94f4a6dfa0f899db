import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { intBetween, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { equalAst, parse, print } from '../src/index.js';
import { randomAst } from './random-ast.js';
import { countWork } from './support/count-work.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.nix'))
  .map((name) => readFileSync(join(FIXTURES, name), 'utf8'));

/** A diagnostic's position must point into the source. */
function checkResult(source: string, result: ReturnType<typeof parse>): void {
  assert.is(result.expr === undefined, result.diagnostics.length > 0);
  for (const d of result.diagnostics) {
    assert.ok(d.offset >= 0 && d.offset <= source.length, `offset ${d.offset} outside ${source.length}`);
    assert.ok(d.line >= 1 && d.column >= 1);
  }
}

const garbage = suite('parse: never throws on garbage');

garbage('returns an expression or diagnostics for 3,000 random byte strings', () => {
  const random = seededRandom(99);
  for (let i = 0; i < 3000; i++) {
    let source = '';
    for (let n = intBetween(random, 0, 60); n > 0; n--) source += String.fromCharCode(intBetween(random, 0, 255));
    checkResult(source, parse(source));
  }
});

garbage('returns an expression or diagnostics for every prefix and a mutation of each fixture', () => {
  const random = seededRandom(7);
  for (const fixture of fixtures) {
    for (let cut = 0; cut <= fixture.length; cut += 7) {
      const prefix = fixture.slice(0, cut);
      checkResult(prefix, parse(prefix));
      const at = intBetween(random, 0, fixture.length);
      const mutated = fixture.slice(0, at) + pick(random, ['"', "''", '${', '}', '{', '#', '/*', ';', '\\', '$', '\n']) + fixture.slice(at);
      checkResult(mutated, parse(mutated));
    }
  }
});

const linear = suite('parse: work grows linearly with the input');

const HOSTILE: Record<string, (n: number) => string> = {
  'path characters without a slash': (n) => 'a.'.repeat(n) + 'a',
  'scheme characters without a colon': (n) => 'a+'.repeat(n) + 'a',
  'unterminated block comments': (n) => '/* '.repeat(n),
  'unterminated search paths': (n) => '<a/b '.repeat(n),
  'float-like dots': (n) => '1.2.'.repeat(n),
  'an unterminated string': (n) => `"${'a$'.repeat(n)}`,
  'an unterminated indented string': (n) => `''${"a'".repeat(n)}`,
  'comment lines above bindings': (n) => `{\n${Array.from({ length: n }, (_, i) => `  # c\n  a${i} = ${i};\n`).join('')}}`,
  'a long select chain': (n) => `x${'.a'.repeat(n)}`,
  'a long right-associative chain': (n) => Array.from({ length: n }, () => 'a').join(' ++ '),
  'many prefix operators': (n) => `${'- !'.repeat(n)}a`,
  'deep nesting': (n) => '['.repeat(n * 2),
  'a big fixture': (n) => `[\n${Array.from({ length: Math.ceil(n / 200) }, () => `(${fixtures[0]!})`).join('\n')}\n]`,
};

for (const [name, make] of Object.entries(HOSTILE)) {
  linear(`${name}: 10x input costs at most ~10x work`, () => {
    const small = make(2000);
    const big = make(20000);
    const a = countWork(() => parse(small));
    const b = countWork(() => parse(big));
    const ratio = (b / a) * (small.length / big.length) * 10;
    assert.ok(ratio < 13, `work ${a} → ${b} for ${small.length} → ${big.length} chars (normalised ratio ${ratio.toFixed(2)})`);
  });
}

const roundTrip = suite('parse: round trip of printed ASTs');

roundTrip('parse(print(ast)) equals ast for 3,000 random ASTs of every node kind', () => {
  for (let seed = 1; seed <= 3000; seed++) {
    const ast = randomAst(seededRandom(seed), 4);
    const text = print(ast);
    const result = parse(text);
    assert.ok(result.expr && equalAst(ast, result.expr), `seed ${seed}: ${result.diagnostics[0]?.message ?? 'differs'}\n${text}`);
  }
});

garbage.run();
linear.run();
roundTrip.run();
