import { createHash } from 'node:crypto';
import type { NixExpr } from '../../src/ast.js';
import * as b from '../../src/builders.js';
import { print, type PrintOptions } from '../../src/print.js';
import { toNix } from '../../src/to-nix.js';
import { intBetween, pick, seededRandom } from '../../../../tools/test-helpers/index.js';
import { randomAst as randomLayoutAst } from './random-ast.js';
import { randomAst } from '../random-ast.js';

// Seeded inputs whose printed text was recorded in test/golden/print-sink.json by the printer as
// it was before the byte-buffer output sink (print-buffer.ts): random ASTs of every node kind,
// data trees, and text the printer passes through unchecked (raw nodes, comments) holding
// non-ASCII, astral characters and lone surrogates, which the sink must give back unchanged.

const LAYOUTS: PrintOptions[] = [{}, { width: 20 }, { width: 300, indent: 4 }, { indent: 0 }, { width: 1, finalNewline: false }];
const ODD_TEXT = ['\uD800', '\uDFFF', 'a\uDC00b', '🦀', '\uD83E', '\uDD80x', 'é', '日本', '\u2028', 'plain', '\uFFFF', '\u0080', '\u07FF', '\u0800'];

function oddText(random: () => number): string {
  let out = '';
  for (let i = intBetween(random, 1, 6); i > 0; i--) out += pick(random, ODD_TEXT);
  return out;
}

function passThrough(random: () => number): NixExpr {
  const inner = randomAst(random, 2);
  return b.list([b.raw(oddText(random)), b.comment(inner, oddText(random)), b.attrs({ a: b.comment(b.raw(`(${oddText(random)})`), oddText(random)) })]);
}

export interface SinkCase {
  ast: NixExpr;
  options: PrintOptions;
}

/** The cases, in a fixed order: case `i` is the same AST every run. */
export function sinkCases(): SinkCase[] {
  const random = seededRandom(19);
  const cases: SinkCase[] = [];
  for (let i = 0; i < 3600; i++) {
    const options = pick(random, LAYOUTS);
    const kind = i % 4;
    const ast =
      kind === 0 ? randomAst(random, 4) : kind === 1 ? randomLayoutAst(random, 4) : kind === 2 ? passThrough(random) : toNix(randomData(random, 4));
    cases.push({ ast, options });
  }
  return cases;
}

function randomData(random: () => number, depth: number): unknown {
  const roll = random();
  if (depth <= 0 || roll < 0.3) {
    return pick(random, [() => 'x'.repeat(intBetween(random, 90, 110)), () => oddText(random).replace(/[\uD800-\uDFFF]/g, ''), () => -intBetween(random, 0, 9), () => 1.5e300, () => null, () => 'a\nb ${c}'])();
  }
  if (roll < 0.6) return Array.from({ length: intBetween(random, 0, 4) }, () => randomData(random, depth - 1));
  const out: Record<string, unknown> = {};
  for (let i = intBetween(random, 0, 4); i > 0; i--) out[pick(random, ['a', 'b c', 'é', 'k'.repeat(80), 'or', ''])] = randomData(random, depth - 1);
  return out;
}

/** What a case prints as: a digest of the text, or the error message. */
export function outcome(one: SinkCase): string {
  try {
    return createHash('sha256').update(print(one.ast, one.options), 'utf16le').digest('hex').slice(0, 20);
  } catch (error) {
    return `throws: ${(error as Error).message}`;
  }
}
