import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nixEvalJsonOrThrow, nixParse } from '../../../tools/test-helpers/index.js';
import { parse, print, toNix } from '../src/index.js';

// The heavy end of issue #18, against the real Nix: inputs Nix accepts must be accepted here
// without a stack overflow, what is printed from them must read back in Nix, and 50 MB of valid
// input must parse and print within a memory bound. Kept out of `npm test` for its run time.

const large = suite('large and deep inputs agree with nix-instantiate');

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

large('a 250 kB list after a comment: Nix and parse() both accept it', () => {
  const source = '# c\n[ ' + '1 '.repeat(125000) + ']';
  assert.ok(nixParse(source).ok);
  assert.equal(parse(source).diagnostics, []);
});

// Nix's parser stack (bison, 10,000 entries) holds a right-associative chain of about 4,900
// operators; left-associative chains reduce as they go and have no limit.
for (const [operator, length] of [['+', 5000], ['-', 5000], ['++', 4000], ['//', 4000]] as const) {
  large(`a printed chain of ${length} ${operator} evaluates in Nix`, () => {
    const operand = operator === '++' ? '[ 1 ]' : operator === '//' ? '{ a = 1; }' : '1';
    const parsed = parse(operand + ` ${operator} ${operand}`.repeat(length));
    assert.ok(parsed.expr, parsed.diagnostics[0]?.message);
    const value = nixEvalJsonOrThrow(`builtins.toJSON (${print(parsed.expr)})`);
    const expected = operator === '+' ? length + 1 : operator === '-' ? 1 - length : operator === '//' ? { a: 1 } : Array(length + 1).fill(1);
    assert.equal(JSON.parse(value as string), expected);
  });
}

large('data nested 2,247 deep prints as Nix that evaluates to the same data', () => {
  let data: unknown = 'leaf';
  for (let i = 0; i < 2247; i++) data = i % 2 === 0 ? [data] : { a: data };
  const text = print(toNix(data), { indent: 0 });
  assert.equal(nixEvalJsonOrThrow(text), data);
});

large('parses a 50 MB list of ints and prints 50 MB of data within a memory bound', () => {
  const unit = '12345 7 0 ';
  const source = `[ ${unit.repeat(Math.ceil(50e6 / unit.length))}]`;
  let before = heapMb();
  const result = parse(source);
  const parseMb = heapMb() - before;
  assert.equal(result.diagnostics, []);
  assert.ok(parseMb < 60 * 50, `parse kept ${parseMb.toFixed(0)} MB for 50 MB`);

  const data = Array.from({ length: 300_000 }, (_, i) => ({ name: `service-${i}`, port: i, args: ['--port', `${i}`, '--verbose'], env: { HOME: `/var/lib/s${i}` } }));
  const jsonBytes = JSON.stringify(data).length;
  before = heapMb();
  const text = print(toNix(data));
  const printMb = heapMb() - before;
  assert.ok(jsonBytes > 30e6 && text.length > 50e6, `${jsonBytes} bytes of JSON, ${text.length} of Nix`);
  assert.ok(printMb < 40 * (jsonBytes / 1e6), `print(toNix()) kept ${printMb.toFixed(0)} MB`);
});

large.run();
