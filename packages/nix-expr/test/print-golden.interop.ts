import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { nixParseOrThrow } from '../../../tools/test-helpers/index.js';
import { issoModule } from './support/article.js';
import { internPreamble, normalizeDump } from './support/intern-names.js';
import { referencePrint } from './support/reference-print.js';

const golden = suite('print: golden files against nix-instantiate --parse');

golden('the golden Isso module parses to the structure that was built', () => {
  const source = readFileSync(new URL('./golden/isso-module.nix', import.meta.url), 'utf8');
  const preamble = internPreamble(issoModule);
  assert.is(
    normalizeDump(nixParseOrThrow(preamble + source)),
    normalizeDump(nixParseOrThrow(preamble + referencePrint(issoModule))),
  );
});

golden.run();
