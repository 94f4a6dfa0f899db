import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { print } from '../src/print.js';
import { toNix } from '../src/to-nix.js';
import type { NixExpr } from '../src/ast.js';
import { nixParse, nixParseOrThrow, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { boundaryData, layoutAst } from './support/layout-input.js';
import { internPreamble, normalizeDump } from './support/intern-names.js';
import { referencePrint } from './support/reference-print.js';

// The layout rules (issue #20) move code across lines, open parentheses on the line of a call,
// break comparisons before the operator…: whatever the layout, the printed text must parse with
// nix-instantiate to the tree that was built. Inputs at widths 40-100, so every rule breaks.

const structure = suite('print: layout inputs against nix-instantiate --parse');

const program = (items: readonly string[], preamble: string): string =>
  `${preamble}with { };\n[\n${items.map((item) => `(\n${item}\n)`).join('\n')}\n]\n`;

for (const seed of [1, 2]) {
  structure(`layout ASTs and boundary data parse to the built structure (seed ${seed})`, () => {
    const random = seededRandom(seed);
    const asts: NixExpr[] = [];
    const printed: string[] = [];
    for (let i = 0; i < 600; i++) {
      const width = pick(random, [100, 80, 60, 40]);
      const ast = i % 2 === 0 ? layoutAst(random, 3) : toNix(boundaryData(random, width, 3));
      asts.push(ast);
      printed.push(print(ast, { width }));
    }
    const preamble = internPreamble(asts, ['pkgs', 'lib', 'builtins']);
    const expected = normalizeDump(nixParseOrThrow(program(asts.map(referencePrint), preamble)));
    const actual = nixParse(program(printed, preamble));
    if (actual.ok && normalizeDump(actual.stdout) === expected) return;
    for (let i = 0; i < asts.length; i++) {
      const one = nixParse(program([printed[i]!], preamble));
      const reference = normalizeDump(nixParseOrThrow(program([referencePrint(asts[i]!)], preamble)));
      if (!one.ok || normalizeDump(one.stdout) !== reference) {
        assert.unreachable(`case ${i} of seed ${seed}:\n--- printed ---\n${printed[i]}\n--- nix ---\n${one.ok ? normalizeDump(one.stdout) : one.stderr}\n--- expected ---\n${reference}`);
      }
    }
    assert.unreachable('the batch differs but no single case does');
  });
}

structure.run();
