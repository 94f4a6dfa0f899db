import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { print } from '../src/print.js';
import { issoModule } from './support/article.js';

const golden = suite('print: nixfmt layout of the reference article');

golden('lays out the Isso module (package, env, config, image, container, vhost, acme) like nixfmt', () => {
  const expected = readFileSync(new URL('./golden/isso-module.nix', import.meta.url), 'utf8');
  assert.fixture(print(issoModule), expected);
});

golden.run();
