import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { print } from '../src/print.js';
import { nixParse, nixParseOrThrow, seededRandom } from '../../../tools/test-helpers/index.js';
import { randomAst } from './support/random-ast.js';
import { internPreamble, normalizeDump } from './support/intern-names.js';
import { referencePrint } from './support/reference-print.js';

const structure = suite('print: structure against nix-instantiate --parse');

// `with { };` makes every free variable legal for --parse, which resolves names.
const program = (items: readonly string[], preamble: string): string =>
  `${preamble}with { };\n[\n${items.map((item) => `(\n${item}\n)`).join('\n')}\n]\n`;

for (const seed of [1, 2, 3]) {
  structure(`random ASTs print to source whose parse is the built structure (seed ${seed})`, () => {
    const random = seededRandom(seed);
    const asts = Array.from({ length: 1500 }, () => randomAst(random, 4));
    const printed = asts.map((ast) => print(ast));
    const preamble = internPreamble(asts, ['p', 'q', 's', 't', 'args']);
    const expected = normalizeDump(nixParseOrThrow(program(asts.map(referencePrint), preamble)));
    const actual = nixParse(program(printed, preamble));
    if (actual.ok && normalizeDump(actual.stdout) === expected) return;
    // Find the first case that differs, to report it alone.
    for (let i = 0; i < asts.length; i++) {
      const one = nixParse(program([printed[i]!], preamble));
      const reference = normalizeDump(nixParseOrThrow(program([referencePrint(asts[i]!)], preamble)));
      if (!one.ok || normalizeDump(one.stdout) !== reference) {
        const got = one.ok ? normalizeDump(one.stdout) : one.stderr;
        let at = 0;
        while (at < got.length && got[at] === reference[at]) at++;
        assert.unreachable(
          `case ${i} of seed ${seed}:\n--- printed ---\n${printed[i]}\n--- nix (from the first difference) ---\n` +
            `${got.slice(at, at + 400)}\n--- expected ---\n${reference.slice(at, at + 400)}`,
        );
      }
    }
    assert.unreachable('the batch differs but no single case does');
  });
}

structure.run();
