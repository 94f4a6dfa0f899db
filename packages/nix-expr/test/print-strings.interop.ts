import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { NixExpr, StringPart } from '../src/ast.js';
import { attrs, call, dquoted, indented, int, let_, list, ref, str, v } from '../src/builders.js';
import { print } from '../src/print.js';
import { nixEvalJsonOrThrow, seededRandom } from '../../../tools/test-helpers/index.js';
import { nixHostileString } from './support/hostile.js';

const strings = suite('print: strings evaluate to the text that was built');

const CASES = 10_000;
const STYLES = { auto: str, double: dquoted, indented } as const;

/** Evaluates `exprs` as one list and returns the mismatches against `expected`. */
function mismatches(exprs: readonly NixExpr[], expected: readonly unknown[], wrap = (e: NixExpr) => e): string[] {
  const source = print(wrap(list(exprs)));
  const actual = nixEvalJsonOrThrow(source) as unknown[];
  const bad: string[] = [];
  expected.forEach((want, i) => {
    if (JSON.stringify(actual[i]) !== JSON.stringify(want)) {
      bad.push(`${JSON.stringify(want)} printed as\n${print(exprs[i]!)}evaluated to ${JSON.stringify(actual[i])}`);
    }
  });
  return bad;
}

for (const [style, build] of Object.entries(STYLES)) {
  strings(`${CASES} hostile ${style} strings read back exactly`, () => {
    const random = seededRandom(0x5eed + style.length);
    const texts = Array.from({ length: CASES }, () => nixHostileString(random));
    assert.equal(mismatches(texts.map((text) => build(text)), texts).slice(0, 3), []);
  });

  strings(`${CASES} hostile ${style} strings with interpolations read back exactly`, () => {
    const random = seededRandom(0xface + style.length);
    const values = { i: '@', j: "''${x}$" };
    const expected: string[] = [];
    const exprs = Array.from({ length: CASES }, () => {
      const parts: StringPart[] = [];
      let text = '';
      const count = 1 + Math.floor(random() * 4);
      for (let k = 0; k < count; k++) {
        if (random() < 0.4) {
          const name = random() < 0.5 ? 'i' : 'j';
          parts.push(v(name));
          text += values[name];
        } else {
          const piece = nixHostileString(random);
          parts.push(piece);
          text += piece;
        }
      }
      expected.push(text);
      return build(...parts);
    });
    const wrap = (body: NixExpr) => let_({ i: str(values.i), j: str(values.j) }, body);
    assert.equal(mismatches(exprs, expected, wrap).slice(0, 3), []);
  });
}

strings(`${CASES} hostile attribute names stay one attribute each`, () => {
  const random = seededRandom(0xa77);
  const names = Array.from({ length: CASES }, () => nixHostileString(random));
  const sets = names.map((name) => attrs({ [name]: int(1) }));
  const source = print(call(ref('map'), ref('builtins.attrNames'), list(sets)));
  assert.equal(nixEvalJsonOrThrow(source), names.map((name) => [name]));
});

strings.run();
