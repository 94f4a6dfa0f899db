import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as b from '../src/builders.js';
import { NixExprError } from '../src/errors.js';
import { print } from '../src/print.js';
import { printData, type PrintDataOptions } from '../src/print-value.js';
import { toNix } from '../src/to-nix.js';
import { HOSTILE_FRAGMENTS, hostileString, intBetween, pick, seededRandom } from '../../../tools/test-helpers/index.js';

// printData(value, options) must give exactly print(toNix(value, options), options): the same
// text, or the same error (message, path and offending value). Random hostile data covers the
// escapes, quoting of names, widths around 100, numbers of every kind, deep nesting, and bad
// values anywhere (which toNix must report before the printer's own refusals).

const FRAGMENTS = [...HOSTILE_FRAGMENTS, '\uD800', '\uDFFF', '\uD83E\uDD80', '\0', '"', "''", '${', '\\'];
const KEYS = ['a', 'enable', 'x-y', "b'", 'or', 'if', '1x', '', 'a.b', 'with space', 'é', '${x}', '"q"', 'k'.repeat(70), 'z'.repeat(95)];

function outcome(run: () => string): string {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof NixExprError)) throw error;
    return `throws ${error.message} | ${JSON.stringify(error.path)} | ${shallow(error.value)}`;
  }
}

/** The offending value, identified without walking it (it may be cyclic or deep). */
function shallow(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return typeof value;
  if (typeof value !== 'object' || value === null) return String(value);
  return `${Array.isArray(value) ? 'array' : 'object'} [${Object.keys(value).slice(0, 5).join(',')}]`;
}

function randomLeaf(random: () => number, hostile: boolean): unknown {
  switch (intBetween(random, 0, hostile ? 13 : 10)) {
    case 0:
      return intBetween(random, -5000, 5000) * (random() < 0.2 ? 1e12 : 1);
    case 1:
      return pick(random, [-0, 0.1, 1e21, 1e-7, 5e-324, -1e-310, 1.7976931348623157e308, 2 ** 53 + 2, -(2 ** 62), 2 ** 63, -(2 ** 63), 2 ** 70, (random() - 0.5) * 10 ** intBetween(random, -20, 25)]);
    case 2:
      return pick(random, [true, false, null, 9223372036854775807n, -9223372036854775808n, 123n, -5n, 2n ** 60n]);
    case 3:
    case 4:
      return hostileString(random, 8, FRAGMENTS).replace(/\0/g, hostile ? '\0' : '');
    case 5:
      return 'x'.repeat(intBetween(random, 85, 110)) + pick(random, ['', '"', '${', 'é']);
    case 6:
      return `line ${hostileString(random, 3)}\n  more ${hostileString(random, 3)}\n`;
    case 7:
      return pick(random, KEYS);
    case 8:
      return [];
    case 9:
      return {};
    case 10:
      return pick(random, ['', ' ', 'a b', '\t']);
    case 11:
      return pick(random, [undefined, NaN, Infinity, () => 1, Symbol('s'), 2n ** 64n, new Date(0), new Map()]);
    case 12:
      return b.str('a', b.v('b'));
    default:
      return pick(random, [b.int(-1), b.comment(b.int(1), 'note'), b.v('x')]);
  }
}

function randomValue(random: () => number, depth: number, hostile: boolean): unknown {
  const roll = random();
  if (depth <= 0 || roll < 0.3) return randomLeaf(random, hostile && random() < 0.1);
  if (roll < 0.6) {
    const items = Array.from({ length: pick(random, [0, 1, 1, 2, 3, 5]) }, () => randomValue(random, depth - 1, hostile));
    if (hostile && random() < 0.01) items.length += 2;
    return items;
  }
  const out: Record<string, unknown> = {};
  for (let i = pick(random, [0, 1, 1, 2, 3, 5]); i > 0; i--) {
    const key = random() < 0.1 ? hostileString(random, 3, FRAGMENTS) : pick(random, KEYS);
    out[key] = randomValue(random, depth - 1, hostile);
  }
  if (hostile && random() < 0.01) return Object.create(out) as unknown;
  return out;
}

const LAYOUTS: PrintDataOptions[] = [{}, { width: 20 }, { width: 12, indent: 4 }, { width: 200, finalNewline: false }, { omitUndefined: true }, { maxDepth: 3 }, { indent: 0, omitUndefined: true, width: 1 }];

function compare(value: unknown, options: PrintDataOptions, label: string): void {
  const { omitUndefined, ...printOptions } = options;
  const toNixOptions = { ...(omitUndefined === undefined ? {} : { omitUndefined }), ...(options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth }) };
  const direct = outcome(() => printData(value, options));
  const viaAst = outcome(() => print(toNix(value, toNixOptions), printOptions));
  if (direct !== viaAst) assert.fixture(direct, viaAst, `${label}: ${JSON.stringify(options)}`);
}

const data = suite('printData');

data('writes what print(toNix(x)) writes for thousands of random data trees', () => {
  const random = seededRandom(1919);
  for (let i = 0; i < 4000; i++) compare(randomValue(random, 5, false), pick(random, LAYOUTS), `case ${i}`);
});

data('refuses what toNix and print refuse, with the same error, for random hostile values', () => {
  const random = seededRandom(2020);
  for (let i = 0; i < 4000; i++) compare(randomValue(random, 5, true), pick(random, LAYOUTS), `case ${i}`);
});

data('handles cycles, sparse arrays, deep nesting and long lines like toNix and print', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic['self'] = { again: [cyclic] };
  const single: unknown[] = [];
  single.push(single);
  const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
  let deepList: unknown = 'bottom';
  let deepSet: unknown = 1;
  for (let i = 0; i < 12000; i++) {
    deepList = [deepList, i];
    deepSet = { [`k${i % 3}`]: deepSet, n: i };
  }
  let deepCycle: Record<string, unknown> = {};
  const deepRoot = deepCycle;
  for (let i = 0; i < 100; i++) deepCycle = (deepCycle['next'] = { i }) as Record<string, unknown>;
  deepCycle['back'] = deepRoot;
  const values = [cyclic, single, { s: sparse }, deepList, deepSet, deepRoot, [deepRoot], { a: [[[[[[[[1]]]]]]]] }];
  for (const [i, value] of values.entries()) {
    for (const options of [{ indent: 0 }, { maxDepth: 25_000, indent: 0 }, { maxDepth: 5 }] as PrintDataOptions[]) compare(value, options, `value ${i}`);
  }
  const nested: Record<string, unknown> = {};
  let at = nested;
  for (let i = 0; i < 15000; i++) at = (at['x'] = {}) as Record<string, unknown>;
  assert.is(printData(nested, { maxDepth: 20000 }), print(toNix(nested, { maxDepth: 20000 }), { maxDepth: 20000 }));
});

data('checks its options like toNix and print', () => {
  assert.throws(() => printData(1, { colour: true } as PrintDataOptions), /printData: unknown option "colour" \(known: width, indent, finalNewline, maxDepth, omitUndefined\)/);
  assert.throws(() => printData(1, { width: 0 }), /printData: option width must be from 1 to 1000, got 0/);
  assert.throws(() => printData(1, { maxDepth: Number.NaN }), /printData: option maxDepth must be an integer, got NaN/);
  assert.throws(() => printData(1, { omitUndefined: 'yes' } as unknown as PrintDataOptions), /printData: option omitUndefined must be a boolean/);
  assert.throws(() => printData(1, [] as PrintDataOptions), /printData: options must be an object, got an array/);
});

data('prints the README example', () => {
  const text = printData({ services: { nginx: { enable: true, port: 8080, hosts: ['a.example', 'b.example'] } } });
  assert.is(text, '{\n  services = {\n    nginx = {\n      enable = true;\n      port = 8080;\n      hosts = [\n        "a.example"\n        "b.example"\n      ];\n    };\n  };\n}\n');
});

data.run();
