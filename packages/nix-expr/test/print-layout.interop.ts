import { suite } from 'uvu';
import { print } from '../src/print.js';
import { toNix } from '../src/to-nix.js';
import type { NixExpr } from '../src/ast.js';
import { pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { boundaryData, layoutAst } from './support/layout-input.js';
import { assertParsesAsBuilt } from './support/parse-as-built.js';

// The layout rules (issue #20) move code across lines, open parentheses on the line of a call,
// break comparisons before the operator…: whatever the layout, the printed text must parse with
// nix-instantiate to the tree that was built. Inputs at widths 40-100, so every rule breaks.

const structure = suite('print: layout inputs against nix-instantiate --parse');

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
    assertParsesAsBuilt(asts, printed, ['pkgs', 'lib', 'builtins'], `seed ${seed}`);
  });
}

structure.run();
