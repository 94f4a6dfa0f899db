import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { equalAst } from '../src/equal-ast.js';
import { parse } from '../src/parse.js';
import { print } from '../src/print.js';
import { seededRandom } from '../../../tools/test-helpers/index.js';
import { issoModule } from './support/article.js';
import { randomParsableAst } from './support/random-ast.js';

const roundTrip = suite('print: parse(print(ast)) gives the AST back');

roundTrip('for 1500 random ASTs with comments, hostile strings and every node kind', () => {
  const random = seededRandom(1166);
  for (let i = 0; i < 1500; i++) {
    const ast = randomParsableAst(random, 3);
    const source = print(ast);
    const parsed = parse(source).expr;
    if (parsed === undefined || !equalAst(parsed, ast)) assert.unreachable(`case ${i} does not read back:\n${source}`);
  }
});

roundTrip('for the Isso module of the reference article', () => {
  const parsed = parse(print(issoModule)).expr;
  assert.ok(parsed !== undefined && equalAst(parsed, issoModule));
});

roundTrip.run();
