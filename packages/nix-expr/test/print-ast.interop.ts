import { suite } from 'uvu';
import { print } from '../src/print.js';
import { seededRandom } from '../../../tools/test-helpers/index.js';
import { randomAst } from './support/random-ast.js';
import { assertParsesAsBuilt } from './support/parse-as-built.js';

const structure = suite('print: structure against nix-instantiate --parse');

for (const seed of [1, 2, 3]) {
  structure(`random ASTs print to source whose parse is the built structure (seed ${seed})`, () => {
    const random = seededRandom(seed);
    const asts = Array.from({ length: 1500 }, () => randomAst(random, 4));
    const printed = asts.map((ast) => print(ast));
    assertParsesAsBuilt(asts, printed, ['p', 'q', 's', 't', 'args'], `seed ${seed}`);
  });
}

structure.run();
