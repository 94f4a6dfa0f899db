import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { v } from '../src/builders.js';
import { NixExprError } from '../src/errors.js';
import { print } from '../src/print.js';
import { toNix } from '../src/to-nix.js';

const toNixSuite = suite('toNix');

const nix = (value: unknown, options?: Parameters<typeof toNix>[1]) => print(toNix(value, options), { finalNewline: false });

function throwsAt(run: () => unknown, path: readonly (string | number)[], message: RegExp): void {
  try {
    run();
  } catch (error) {
    assert.instance(error, NixExprError);
    assert.equal((error as NixExprError).path, path);
    assert.match((error as Error).message, message);
    return;
  }
  assert.unreachable('expected a NixExprError');
}

toNixSuite('turns objects into attribute sets with keys in insertion order, quoted when needed', () => {
  assert.is(nix({ z: 1, a: 'x', 'a.b': true, if: null }), '{\n  z = 1;\n  a = "x";\n  "a.b" = true;\n  "if" = null;\n}');
});

toNixSuite('turns arrays into lists and keeps integers, floats and bigints apart', () => {
  assert.is(nix([1, 1.5, -2, 9223372036854775807n]), '[\n  1\n  1.5\n  (-2)\n  9223372036854775807\n]');
});

toNixSuite('keeps AST nodes inside data as they are', () => {
  assert.is(nix({ pkg: v('pkgs') }), '{ pkg = pkgs; }');
});

toNixSuite('refuses undefined, naming the path', () => {
  throwsAt(() => toNix({ services: { nginx: [{ x: undefined }] } }), ['services', 'nginx', 0, 'x'], /undefined.*services\.nginx\[0\]\.x/);
});

toNixSuite('skips undefined keys only when asked', () => {
  assert.is(nix({ a: undefined, b: 1 }, { omitUndefined: true }), '{ b = 1; }');
});

toNixSuite('refuses functions, symbols, NaN and Infinity', () => {
  throwsAt(() => toNix({ f: () => 1 }), ['f'], /function/);
  throwsAt(() => toNix([Symbol('s')]), [0], /symbol/);
  throwsAt(() => toNix({ n: NaN }), ['n'], /NaN/);
  throwsAt(() => toNix({ n: -Infinity }), ['n'], /-Infinity/);
});

toNixSuite('refuses sparse arrays, cycles and objects that are not plain data', () => {
  throwsAt(() => toNix({ list: [1, , 3] }), ['list', 1], /sparse/);
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  throwsAt(() => toNix(cyclic), ['self'], /cyclic/);
  throwsAt(() => toNix({ when: new Date(0) }), ['when'], /Date/);
  throwsAt(() => toNix({ m: new Map() }), ['m'], /Map/);
  class Point {}
  throwsAt(() => toNix({ p: new Point() }), ['p'], /Point/);
});

toNixSuite('accepts the same object twice when it is not a cycle', () => {
  const shared = { a: 1 };
  assert.is(nix([shared, shared]), '[\n  { a = 1; }\n  { a = 1; }\n]');
});

toNixSuite('refuses NUL in strings and keys, and integers beyond int64', () => {
  throwsAt(() => toNix({ s: 'a\0b' }), ['s'], /NUL/);
  throwsAt(() => toNix({ 'a\0': 1 }), ['a\0'], /NUL/);
  throwsAt(() => toNix([2n ** 63n]), [0], /64-bit/);
});

toNixSuite.run();
