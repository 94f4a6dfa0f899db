import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { NixExpr } from '../src/ast.js';
import * as b from '../src/builders.js';
import { print, type PrintOptions } from '../src/print.js';
import { setDataFastPath } from '../src/print-data.js';
import { toNix } from '../src/to-nix.js';
import { hostileString, intBetween, pick, seededRandom } from '../../../tools/test-helpers/index.js';

// The data fast path (print-data.ts) must write exactly what the general printer writes. Random
// data trees, with the odd non-data node mixed in (comments, rec sets, nested paths, inherit,
// interpolation, indented strings, negative numbers, long names and values around the width),
// are printed with the fast path on and off.

const KEYS = ['a', 'enable', 'port', 'x-y', "b'", 'or', 'if', '1x', '', 'a.b', 'with space', 'é', '${x}', 'k'.repeat(70)];
const LONG = 'v'.repeat(95);

function withFast<T>(on: boolean, run: () => T): T {
  setDataFastPath(on);
  try {
    return run();
  } finally {
    setDataFastPath(true);
  }
}

function randomLeaf(random: () => number): NixExpr {
  switch (intBetween(random, 0, 9)) {
    case 0:
      return b.int(BigInt(intBetween(random, -5000, 5000)) * (random() < 0.2 ? 10n ** 15n : 1n));
    case 1:
      return b.float((random() - 0.5) * 10 ** intBetween(random, -8, 25));
    case 2:
      return pick(random, [b.bool(true), b.bool(false), b.nul(), b.v(LONG)]);
    case 3:
      return b.str(hostileString(random, 6));
    case 4:
      return b.dquoted(hostileString(random, 4), ...(random() < 0.5 ? ['\n'] : []));
    case 5:
      return b.indented(hostileString(random, 3));
    case 6:
      return b.str('x'.repeat(intBetween(random, 80, 120)));
    case 7:
      return b.str('a', b.v('b'), 'c');
    default:
      return b.str(pick(random, KEYS));
  }
}

function randomData(random: () => number, depth: number): NixExpr {
  let expr: NixExpr;
  if (depth <= 0 || random() < 0.35) expr = randomLeaf(random);
  else if (random() < 0.5) {
    expr = b.list(Array.from({ length: intBetween(random, 0, 4) }, () => randomData(random, depth - 1)));
  } else {
    const items = [];
    const used = new Set<string>();
    for (let i = intBetween(random, 0, 5); i > 0; i--) {
      const key = pick(random, KEYS);
      if (used.has(key)) continue;
      used.add(key);
      const value = randomData(random, depth - 1);
      const roll = random();
      let item = roll < 0.05 ? b.inherit([key === '' ? 'a' : 'q']) : roll < 0.1 ? b.bind([key, 'n'], value) : b.bind(key, value);
      if (random() < 0.05) item = b.commentBinding(item, 'note');
      items.push(item);
    }
    expr = random() < 0.1 ? b.recAttrs(items) : b.attrs(items);
  }
  return random() < 0.04 ? b.comment(expr, 'why') : expr;
}

const fastPath = suite('print: data fast path');

fastPath('writes the same bytes as the general printer for random data trees', () => {
  const random = seededRandom(2024);
  const layouts: PrintOptions[] = [{}, { width: 30 }, { width: 12, indent: 4 }, { width: 200 }];
  for (let i = 0; i < 1500; i++) {
    const tree = randomData(random, 5);
    const options = pick(random, layouts);
    const fast = withFast(true, () => print(tree, options));
    const general = withFast(false, () => print(tree, options));
    if (fast !== general) assert.fixture(fast, general, `case ${i}`);
  }
});

fastPath('writes the same bytes for toNix data of the benchmark shape', () => {
  const services: Record<string, unknown> = {};
  for (let i = 0; i < 300; i++) {
    services[`service-${i}`] = {
      enable: i % 3 !== 0,
      port: 8000 + i,
      weight: i / 7,
      description: `Service ${i} with "quotes" and a \${placeholder}`,
      environment: { LANG: 'C.UTF-8', 'X-Id': String(i) },
      args: ['--port', String(8000 + i)],
      extraConfig: `listen ${i};\n  location / { return 200; }\n`,
      limits: [{ soft: 1024, hard: 4096 }, { soft: -1, hard: null }, [], {}, [1], { a: 1 }],
    };
  }
  const tree = toNix({ services });
  assert.is(withFast(true, () => print(tree)), withFast(false, () => print(tree)));
});

fastPath('refuses what the general printer refuses', () => {
  const bad = b.attrs({ a: b.list([b.int(1), { kind: 'var', name: 'if' } as NixExpr]) });
  assert.throws(() => withFast(true, () => print(bad)), /var node "if"/);
  assert.throws(() => withFast(false, () => print(bad)), /var node "if"/);
});

fastPath.run();
