import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as b from '../src/builders.js';
import { print } from '../src/print.js';
import { outcome, sinkCases } from './support/sink-cases.js';

// The byte-buffer output sink (print-buffer.ts) must give back exactly the text the printer wrote
// before it: test/golden/print-sink.json holds the digest of each seeded case as printed by the
// array-and-join sink it replaced (see test/support/sink-cases.ts). A layout change that alters
// these cases on purpose regenerates the file with test/support/write-sink-golden.ts.

const sink = suite('print: output sink');

sink('prints 3,600 seeded random ASTs exactly as the previous sink did', () => {
  const golden = JSON.parse(readFileSync(new URL('./golden/print-sink.json', import.meta.url), 'utf8')) as string[];
  const cases = sinkCases();
  assert.is(cases.length, golden.length);
  const wrong: number[] = [];
  cases.forEach((one, i) => {
    if (outcome(one) !== golden[i]) wrong.push(i);
  });
  assert.equal(wrong.slice(0, 10), [], `${wrong.length} cases differ`);
});

sink('gives back non-ASCII text, astral characters and lone surrogates unchanged', () => {
  const odd = ['\uD800', 'a\uDFFFb', '🦀', '\uD83E', '\uDD80', 'é\u07FF\u0800\uFFFF', '\uDBFF\uDFFF'];
  for (const text of odd) {
    assert.is(print(b.raw(text)), `${text}\n`);
    assert.is(print(b.comment(b.int(1), text)), `# ${text}\n1\n`);
  }
  const mixed = b.list(odd.map((text) => b.raw(text)));
  assert.is(print(mixed), `[\n${odd.map((text) => `  (${text})\n`).join('')}]\n`);
});

sink('grows past its first buffer and is reused by the next call', () => {
  const big = b.list(Array.from({ length: 20000 }, (_, i) => b.str(`item ${i} é 🦀`)));
  const text = print(big);
  assert.is(text.length, print(big).length);
  assert.ok(text.endsWith('  "item 19999 é 🦀"\n]\n'));
  assert.is(print(b.int(1)), '1\n');
});

sink.run();
