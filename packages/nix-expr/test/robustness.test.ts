import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { NixExpr } from '../src/ast.js';
import * as b from '../src/builders.js';
import { NixExprError, appendToList, parse, print, removeAttr, setAttr, toNix } from '../src/index.js';
import { lexWork } from '../src/lex.js';
import { dataWork } from '../src/print-data.js';
import { depthWork } from '../src/print-depth.js';
import { flatWork } from '../src/print-flat.js';
import { countWork } from './support/count-work.js';

// Size, depth and option abuse (issue #18). Costs are compared through work counters and counted
// string operations at 1x, 2x, 4x and 8x input, never through time; memory through heap deltas
// with generous margins. Every reproduction from the issue is a test here.

const SCALES = [1, 2, 4, 8] as const;

/** Asserts that `cost(8x) / cost(1x)` stays within 25% of 8 (and every step is at most ~2x). */
function assertLinear(label: string, costs: readonly number[]): void {
  for (let k = 1; k < costs.length; k++) {
    const ratio = costs[k]! / costs[k - 1]!;
    assert.ok(ratio <= 2.5, `${label}: cost ${costs[k - 1]} → ${costs[k]} when the input doubles (ratio ${ratio.toFixed(2)})`);
  }
  const overall = costs[costs.length - 1]! / costs[0]!;
  assert.ok(overall <= 10, `${label}: 8x input costs ${overall.toFixed(2)}x (${costs.join(', ')})`);
}

function printWork(run: () => string): number {
  const before = flatWork.chainNodes + dataWork.items + depthWork.nodes;
  const text = run();
  // Output size is work too: it bounds everything the printer joins.
  return flatWork.chainNodes + dataWork.items + depthWork.nodes - before + text.length;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

function throwsOwnError(run: () => unknown, message: RegExp): NixExprError {
  try {
    run();
  } catch (error) {
    assert.instance(error, NixExprError, `expected NixExprError, got ${String(error)}`);
    assert.match((error as Error).message, message);
    return error as NixExprError;
  }
  assert.unreachable(`expected NixExprError matching ${message}`);
  throw new Error('unreachable');
}

function nestedLists(depth: number): NixExpr {
  let expr: NixExpr = b.int(1);
  for (let i = 0; i < depth; i++) expr = b.list([expr]);
  return expr;
}

function nestedData(depth: number): unknown {
  let data: unknown = 1;
  for (let i = 0; i < depth; i++) data = i % 2 === 0 ? [data] : { a: data, b: i };
  return data;
}

const reproductions = suite('robustness: the reproductions of issue #18');

reproductions('parses a 250 kB list after a comment (nix-instantiate accepts it)', () => {
  const result = parse('# c\n[ ' + '1 '.repeat(125000) + ']');
  assert.equal(result.diagnostics, []);
  assert.is(result.expr?.kind === 'list' && result.expr.items.length, 125000);
  assert.equal(result.expr?.comments, ['c']);
});

for (const operator of ['+', '++', '//', '-'] as const) {
  reproductions(`prints a parsed chain of 5,000 ${operator}`, () => {
    const parsed = parse('1' + ` ${operator} 1`.repeat(5000));
    assert.ok(parsed.expr, parsed.diagnostics[0]?.message);
    const text = print(parsed.expr);
    assert.is(text.split('\n').length, 5002);
    const again = parse(text);
    assert.equal(again.diagnostics, []);
  });
}

reproductions('converts and prints data nested 2,247 deep, and lists nested 1,219 deep', () => {
  const data = nestedData(2247);
  const text = print(toNix(data));
  assert.ok(text.startsWith('[\n'));
  assert.ok(print(nestedLists(1219)).startsWith('[\n  [\n'));
});

reproductions('stops at the depth limit in 16 MB of ( without lexing the rest', () => {
  const source = '('.repeat(16_000_000);
  const tokensBefore = lexWork.tokens;
  const heapBefore = heapMb();
  const result = parse(source);
  assert.ok(heapMb() - heapBefore < 50, 'memory stays flat');
  assert.ok(lexWork.tokens - tokensBefore < 1000, `lexed ${lexWork.tokens - tokensBefore} tokens`);
  assert.match(result.diagnostics[0]!.message, /nested more than 500 levels/);
  assert.is(result.diagnostics[0]!.line, 1);
});

reproductions('refuses print options with a wrong value instead of throwing a TypeError', () => {
  const error = throwsOwnError(() => print(b.int(1), { indent: -1 }), /indent must be from 0 to 16, got -1/);
  assert.equal(error.path, ['options', 'indent']);
});

reproductions('refuses sparse arrays, Maps and out-of-range bigints in toNix data, naming the path', () => {
  // eslint-disable-next-line no-sparse-arrays
  assert.equal(throwsOwnError(() => toNix({ cmd: [, 'x'] }), /sparse arrays .* at cmd\[0\]/).path, ['cmd', 0]);
  assert.equal(throwsOwnError(() => toNix({ locations: new Map([['/', {}]]) }), /a Map is not plain data.* at locations/).path, ['locations']);
  assert.equal(throwsOwnError(() => toNix({ a: [new Set([1])] }), /a Set is not plain data/).path, ['a', 0]);
  assert.equal(throwsOwnError(() => toNix({ n: 2n ** 64n }), /64-bit at n/).path, ['n']);
  // A bigint inside int64 is an int, as documented.
  assert.is(print(toNix({ n: -(2n ** 63n) })), '{ n = (-9223372036854775807 - 1); }\n');
});

reproductions('removeAttr of a path that is not set gives changed: false', () => {
  for (const [source, path] of [
    ['{ a = 1; }', ['b', 'c']],
    ['{ a = 1; }', ['a', 'c']],
    ['{ a = "x"; b.c = [ 1 ]; }', ['b', 'c', 'd']],
    ['{ }', ['a']],
  ] as const) {
    assert.equal(removeAttr(source, path), { source, changed: false }, `${source} ${path.join('.')}`);
  }
});

reproductions('attaches comments to every element of a list of 200,000 (no argument spread)', () => {
  const source = `[\n${Array.from({ length: 200000 }, (_, i) => `# c${i}\n${i}`).join('\n')}\n]`;
  const result = parse(source);
  assert.equal(result.diagnostics, []);
  assert.equal(result.expr?.kind === 'list' && result.expr.items[199999]!.comments, ['c199999']);
  assert.is(result.comments.length, 0);
});

const scaling = suite('robustness: cost grows linearly (1x, 2x, 4x, 8x)');

const PARSE_SHAPES: Record<string, (n: number) => string> = {
  'a list of ints after a comment': (n) => '# c\n[ ' + '1 '.repeat(n) + ']',
  'a long left-associative chain': (n) => '1' + ' + 1'.repeat(n),
  'a long right-associative chain': (n) => '1' + ' // 1'.repeat(n),
  'a long ? chain': (n) => 'x' + ' ? a'.repeat(n),
  'comment lines above one element': (n) => `[\n${'# c\n'.repeat(n)}1 ]`,
  'ints next to path characters': (n) => `[ ${'1 a.b 2/3 '.repeat(n)}]`,
};

for (const [name, make] of Object.entries(PARSE_SHAPES)) {
  scaling(`parse: ${name}`, () => {
    const costs = SCALES.map((scale) => {
      const source = make(2000 * scale);
      let result: ReturnType<typeof parse> | undefined;
      const work = countWork(() => {
        result = parse(source);
      });
      assert.equal(result!.diagnostics, [], name);
      return work;
    });
    assertLinear(`parse ${name}`, costs);
  });
}

scaling('parse: deep nesting costs the same whatever follows the depth limit', () => {
  const costs = SCALES.map((scale) => {
    const source = '['.repeat(100_000 * scale);
    const before = lexWork.tokens;
    parse(source);
    return lexWork.tokens - before;
  });
  assert.ok(costs.every((cost) => cost === costs[0]), `tokens lexed: ${costs.join(', ')}`);
});

const PRINT_SHAPES: Record<string, (n: number) => NixExpr> = {
  '+ chain': (n) => parse('1' + ' + 1'.repeat(n)).expr!,
  '++ chain': (n) => parse('[ 1 ]' + ' ++ [ 1 ]'.repeat(n)).expr!,
  '// chain': (n) => parse('a' + ' // a'.repeat(n)).expr!,
  '? chain': (n) => parse('x' + ' ? a'.repeat(n)).expr!,
  'chain inside an interpolation': (n) => b.str('x', b.op(b.v('a'), '+', parse('1' + ' - 1'.repeat(n)).expr!)),
  'wide data': (n) => toNix(Array.from({ length: n }, (_, i) => ({ name: `n${i}`, port: i, tags: ['a', 'b'] }))),
  'a long flat list': (n) => toNix(Array.from({ length: n * 4 }, (_, i) => i)),
};

for (const [name, make] of Object.entries(PRINT_SHAPES)) {
  scaling(`print: ${name}`, () => {
    const costs = SCALES.map((scale) => {
      const expr = make(1000 * scale);
      return printWork(() => print(expr));
    });
    assertLinear(`print ${name}`, costs);
  });
}

scaling('print: nested lists cost in proportion to the output', () => {
  const costs = SCALES.map((scale) => {
    const expr = nestedLists(100 * scale);
    const before = flatWork.chainNodes + dataWork.items + depthWork.nodes;
    const text = print(expr);
    // Each level is one line indented by its depth: output grows as depth², work with the output.
    return { work: flatWork.chainNodes + dataWork.items + depthWork.nodes - before, size: text.length };
  });
  for (const { work, size } of costs) assert.ok(work <= size, `${work} steps for ${size} characters`);
});

scaling('toNix and print: deep data costs in proportion to its size', () => {
  const costs = SCALES.map((scale) => {
    const data = nestedData(250 * scale);
    return countWork(() => void toNix(data)) + depthWork.nodes;
  });
  // toNix makes no string operations on data without strings; the depth check visits each node once.
  const nodes = SCALES.map((scale) => {
    const before = depthWork.nodes;
    print(toNix(nestedData(250 * scale)));
    return depthWork.nodes - before;
  });
  assert.ok(costs.length === 4);
  assertLinear('print depth check', nodes);
});

const limits = suite('robustness: depth limits throw the package error, never RangeError');

limits('toNix accepts 9,999 levels by default and refuses 10,000, naming the path', () => {
  assert.ok(toNix(nestedData(9999)));
  const error = throwsOwnError(() => toNix(nestedData(10000)), /nested more than 10000 levels deep/);
  // The top value is level 1: the refused value is the one 10,000 keys down.
  assert.is(error.path.length, 10000);
  assert.ok(toNix(nestedData(20000), { maxDepth: 20001 }));
  throwsOwnError(() => toNix(nestedData(5), { maxDepth: 3 }), /nested more than 3 levels/);
});

limits('toNix finds a cycle deep in the data', () => {
  const root: Record<string, unknown> = {};
  let at = root;
  for (let i = 0; i < 100; i++) at = (at['x'] = {}) as Record<string, unknown>;
  at['back'] = root['x'];
  const error = throwsOwnError(() => toNix(root), /cyclic/);
  assert.is(error.path[error.path.length - 1], 'back');
});

limits('print writes data 10,000 levels deep and refuses 10,001', () => {
  // No indentation: at two spaces a level the output would be 100 MB of spaces.
  const data = toNix(nestedData(9999));
  assert.ok(print(data, { indent: 0 }).length > 0);
  throwsOwnError(() => print(nestedLists(10001)), /nested more than 10000 levels deep/);
  throwsOwnError(() => print(nestedLists(50), { maxDepth: 10 }), /nested more than 10 levels/);
  // The top node is level 1; leaves count like any node.
  assert.is(print(b.list([]), { maxDepth: 1 }), '[ ]\n');
  throwsOwnError(() => print(b.list([b.int(1)]), { maxDepth: 1 }), /nested more than 1 levels/);
  throwsOwnError(() => print(b.attrs({ a: b.int(1) }), { maxDepth: 1 }), /nested more than 1 levels/);
  assert.is(print(b.attrs({ a: b.int(1) }), { maxDepth: 2 }), '{ a = 1; }\n');
});

/** One builder per kind of nesting the printer handles by recursion. */
const GENERAL: Record<string, (inner: NixExpr) => NixExpr> = {
  lambda: (inner) => b.fn('x', inner),
  call: (inner) => b.call(b.v('f'), inner),
  'call head': (inner) => b.call(b.parens(inner), b.v('x')),
  let: (inner) => b.let_([b.bind('a', b.int(1))], inner),
  if: (inner) => b.if_(b.v('c'), inner, b.int(0)),
  with: (inner) => b.with_(b.v('pkgs'), inner),
  assert: (inner) => b.assert_(b.v('c'), inner),
  select: (inner) => b.select(inner, ['a'], b.int(0)),
  'unary minus': (inner) => b.neg(b.parens(inner)),
  not: (inner) => b.not(inner),
  interpolation: (inner) => b.str('a', inner, '\n'),
  'double-quoted interpolation': (inner) => b.dquoted('a', inner),
  'binding value': (inner) => b.attrs([b.bind(['a', 'b'], inner)]),
  'mixed data and calls': (inner) => b.list([b.call(b.v('f'), b.attrs({ a: inner }))]),
  'formal default': (inner) => b.fn(b.formals([{ name: 'a', default: inner }]), b.v('a')),
  comment: (inner) => b.call(b.v('f'), b.comment(inner, 'why')),
};

for (const [name, wrap] of Object.entries(GENERAL)) {
  limits(`prints 500 levels of ${name} and refuses more with NixExprError`, () => {
    let expr: NixExpr = b.v('x');
    let levels = 0;
    // Count what the check counts: wrap until the limit is reached.
    while (true) {
      const next = wrap(expr);
      try {
        print(next);
      } catch (error) {
        assert.instance(error, NixExprError, `${name} at ${levels + 1} levels: ${String(error)}`);
        assert.match((error as Error).message, /nest more than 500 levels/);
        break;
      }
      expr = next;
      levels++;
      if (levels > 2000) assert.unreachable('no limit reached');
      // Skip ahead: printing every size would be quadratic in the test.
      if (levels % 50 !== 0) {
        for (let i = 0; i < 48; i++) {
          expr = wrap(expr);
          levels++;
        }
      }
    }
    assert.ok(levels >= 150, `${name}: only ${levels} levels print`);
  });
}

limits('parse with a large maxDepth gives a diagnostic, not a RangeError, when the stack runs out', () => {
  const result = parse('('.repeat(200_000) + '1' + ')'.repeat(200_000), { maxDepth: 100_000 });
  assert.is(result.expr, undefined);
  assert.match(result.diagnostics[0]!.message, /nested/);
});

const options = suite('robustness: option objects are validated like inputs');

const BAD_VALUES: [unknown, RegExp][] = [
  [NaN, /must be an integer, got NaN/],
  [Infinity, /must be an integer, got Infinity/],
  [-Infinity, /must be an integer/],
  [1.5, /must be an integer, got 1.5/],
  ['2', /must be an integer, got "2"/],
  [2n, /must be an integer, got the bigint 2n/],
  [null, /must be an integer, got null/],
  [{}, /must be an integer, got an object/],
];

options('print refuses unknown keys, wrong types, NaN, Infinity and out-of-range numbers', () => {
  for (const key of ['width', 'indent', 'maxDepth'] as const) {
    for (const [value, message] of BAD_VALUES) {
      const error = throwsOwnError(() => print(b.int(1), { [key]: value } as never), message);
      assert.equal(error.path, ['options', key]);
    }
  }
  throwsOwnError(() => print(b.int(1), { width: 0 }), /width must be from 1 to 1000, got 0/);
  throwsOwnError(() => print(b.int(1), { width: 2 ** 53 }), /width must be from 1 to 1000/);
  throwsOwnError(() => print(b.int(1), { indent: 17 }), /indent must be from 0 to 16/);
  throwsOwnError(() => print(b.int(1), { maxDepth: 0 }), /maxDepth must be from 1/);
  throwsOwnError(() => print(b.int(1), { finalNewline: 'no' } as never), /finalNewline must be a boolean, got "no"/);
  const unknown = throwsOwnError(() => print(b.int(1), { widht: 80 } as never), /unknown option "widht"/);
  assert.equal(unknown.path, ['options', 'widht']);
  throwsOwnError(() => print(b.int(1), null as never), /options must be an object, got null/);
  throwsOwnError(() => print(b.int(1), [] as never), /options must be an object, got an array/);
  throwsOwnError(() => print(b.int(1), new Map() as never), /options must be a plain object, got a Map/);
  throwsOwnError(() => print({ kind: 'int', value: 1n } as never), /expected an AST node/);
  // Valid options still work, undefined values included.
  assert.is(print(b.list([b.int(1), b.int(2)]), { width: 1, indent: 0, finalNewline: false, maxDepth: 2 }), '[\n1\n2\n]');
  assert.is(print(b.int(1), { width: undefined } as never), '1\n');
});

options('toNix, parse and the edit functions validate their options the same way', () => {
  throwsOwnError(() => toNix({}, { omitUndefined: 1 } as never), /omitUndefined must be a boolean, got 1/);
  throwsOwnError(() => toNix({}, { omitUndefind: true } as never), /unknown option "omitUndefind"/);
  throwsOwnError(() => toNix({}, { maxDepth: NaN }), /maxDepth must be an integer, got NaN/);
  throwsOwnError(() => parse('1', { maxDepth: -1 }), /maxDepth must be from 1 to 100000, got -1/);
  throwsOwnError(() => parse('1', { maxDepth: Infinity }), /maxDepth must be an integer, got Infinity/);
  throwsOwnError(() => parse('1', { depth: 3 } as never), /unknown option "depth"/);
  throwsOwnError(() => setAttr('{ }', ['a'], b.int(1), { indentUnit: 2 } as never), /indentUnit must be a string, got 2/);
  throwsOwnError(() => setAttr('{ }', ['a'], b.int(1), { indentUnit: 'x' }), /indentUnit must be 1 to 16 spaces or 1 to 4 tabs/);
  throwsOwnError(() => appendToList('{ }', ['a'], b.int(1), { indentUnit: '' }), /indentUnit must be/);
  throwsOwnError(() => appendToList('{ }', ['a'], b.int(1), { indent: '  ' } as never), /unknown option "indent"/);
  assert.is(setAttr('{ }', ['a'], b.int(1), { indentUnit: '\t' }).source, '{\n\ta = 1;\n}');
});

const memory = suite('robustness: large valid inputs stay within a memory bound');

memory('parses 2 MB of mixed values with bounded memory per input byte', () => {
  const unit = '{ a = 12345; b = "text"; c = [ 1 2.5 ./p x.y ]; } ';
  const source = `[ ${unit.repeat(Math.ceil(2e6 / unit.length))}]`;
  const before = heapMb();
  const result = parse(source);
  const grown = heapMb() - before;
  assert.equal(result.diagnostics, []);
  // The AST itself (nodes with positions) is what is kept; about 40 bytes per input byte here.
  assert.ok(grown / (source.length / 1e6) < 150, `${grown.toFixed(0)} MB for ${(source.length / 1e6).toFixed(1)} MB`);
});

memory('converts and prints 2 MB of data with bounded memory', () => {
  const data = Array.from({ length: 20000 }, (_, i) => ({ name: `service-${i}`, port: i, args: ['--a', `${i}`], env: { A: 'b', C: 'd' } }));
  const jsonBytes = JSON.stringify(data).length;
  const before = heapMb();
  const text = print(toNix(data));
  const grown = heapMb() - before;
  assert.ok(text.length > jsonBytes);
  assert.ok(grown < 40 * (jsonBytes / 1e6) + 50, `${grown.toFixed(0)} MB for ${(jsonBytes / 1e6).toFixed(1)} MB of JSON`);
});

reproductions.run();
scaling.run();
limits.run();
options.run();
memory.run();
