import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from '../src/print.js';
import { toNix } from '../src/to-nix.js';
import { intBetween, nixEvalJsonOrThrow, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { nixHostileString } from './support/hostile.js';

const trees = suite('toNix + print: random data trees evaluate to the same data');

const FLOATS = [0.1, -2.5, 1e21, -1e-7, 5e-324, -2.2250738585072014e-308, 1e-310, 1.7976931348623157e308, 0.30000000000000004];
const BIGINTS = [9223372036854775807n, -9223372036854775808n, 2n ** 53n + 1n];

function randomValue(random: () => number, depth: number): unknown {
  const roll = random();
  if (depth > 0 && roll < 0.3) {
    const out: Record<string, unknown> = {};
    for (let i = intBetween(random, 0, 5); i > 0; i--) out[nixHostileString(random)] = randomValue(random, depth - 1);
    return out;
  }
  if (depth > 0 && roll < 0.5) return Array.from({ length: intBetween(random, 0, 5) }, () => randomValue(random, depth - 1));
  switch (intBetween(random, 0, 6)) {
    case 0: return nixHostileString(random);
    case 1: return intBetween(random, -1e9, 1e9);
    case 2: return random() < 0.5 ? pick(random, FLOATS) : (random() - 0.5) * 10 ** intBetween(random, -300, 300);
    case 3: return pick(random, BIGINTS);
    case 4: return random() < 0.5;
    case 5: return null;
    default: return nixHostileString(random);
  }
}

// The expectation goes to Nix as JSON with ints and floats spelled as text, so Nix compares them
// exactly (its --json output rounds floats to 6 digits) and checks the int/float type too.
function encode(value: unknown): unknown {
  if (typeof value === 'bigint') return { i: value.toString() };
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? { i: BigInt(value).toString() } : { f: String(value) };
  if (Array.isArray(value)) return { l: value.map(encode) };
  if (typeof value === 'object' && value !== null) {
    return { o: Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encode(item)])) };
  }
  return { v: value };
}

const CHECK = `
let
  inherit (builtins) all attrNames elemAt genList isAttrs isFloat isInt isList length typeOf;
  eq = a: e:
    if e ? i then isInt a && a == builtins.fromJSON e.i
    else if e ? f then isFloat a && a == builtins.fromJSON e.f
    else if e ? l then isList a && length a == length e.l && all (k: eq (elemAt a k) (elemAt e.l k)) (genList (k: k) (length e.l))
    else if e ? o then isAttrs a && attrNames a == attrNames e.o && all (k: eq a.\${k} e.o.\${k}) (attrNames e.o)
    else typeOf a == typeOf e.v && a == e.v;
  actual = import ./actual.nix;
  expected = builtins.fromJSON (builtins.readFile ./expected.json);
in
builtins.filter (k: !(eq (elemAt actual k) (elemAt expected k))) (genList (k: k) (length expected))
`;

trees('1000 random trees of hostile keys, strings, ints and floats round-trip exactly', () => {
  const random = seededRandom(20261124);
  const values = Array.from({ length: 1000 }, () => randomValue(random, 4));
  const dir = mkdtempSync(join(tmpdir(), 'nix-expr-trees-'));
  try {
    writeFileSync(join(dir, 'actual.nix'), print(toNix(values)));
    writeFileSync(join(dir, 'expected.json'), JSON.stringify(values.map(encode)));
    writeFileSync(join(dir, 'check.nix'), CHECK);
    const failing = nixEvalJsonOrThrow(`import ${join(dir, 'check.nix')}`) as number[];
    const first = failing[0];
    assert.equal(failing, [], first === undefined ? '' : `tree ${first} differs:\n${print(toNix(values[first]))}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

trees.run();
