import { readdirSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hostileString, intBetween, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { parseShow, parseStatusOutput, summarize } from '../src/index.js';
import { fixture } from './fixtures.js';

const fuzz = suite('parseStatusOutput: hostile input');

const FIXTURES = readdirSync(new URL('./fixtures/', import.meta.url)).map((name) => fixture(name));
const ALL = FIXTURES.join('\n\n');
// Characters that steer the parser: glyphs, tree branches, separators, cut markers, escapes.
const PIECES = ['●', '○', '×', '├─', '└─', '│ ', '|-', '`-', ' - ', ': ', '; ', ' (', ')', '(Result: ', 'since ', '>', '…', '...', '"', '\x1b[0;1;32m', '\x1b]8;;', '\x1b\\', '\n', '\r\n', '     Loaded: ', '     Active: ', '     CGroup: ', 'Warning: ', 'nov. 01 16:04:17 ', 'Memory: ', 'Process: 1 ExecStart=', '=', '\t', '\u0000', '\ud800',
  // Lines and parts added in systemd v254–v258.
  '   FD Store: ', ' Invocation: ', '        Job: ', '      Error: code: ', '; D-Bus: ', '; Varlink: ', ' Act. Units: ', '(soft limit: ', 'peak: ', 'swap peak: ', ', ', '↻ ', 'refreshing (mounting)'];

function mutate(random: () => number, text: string): string {
  let lines = text.split('\n');
  const kind = intBetween(random, 0, 4);
  if (kind === 0) lines = lines.filter(() => random() > 0.2);
  if (kind === 1) lines = lines.map((l) => (random() < 0.3 ? l.slice(0, intBetween(random, 0, l.length)) + pick(random, ['>', '…', '$', '']) : l));
  if (kind === 2) lines = lines.map((l) => (random() < 0.3 ? l + hostileString(random, 6, PIECES) : l));
  if (kind === 3) return text.slice(0, intBetween(random, 0, text.length));
  if (kind === 4) lines = lines.map((l) => (random() < 0.5 ? l.trimStart() : `  ${l}`));
  return lines.join('\n');
}

function randomBytes(random: () => number): string {
  let out = '';
  const n = intBetween(random, 0, 400);
  for (let i = 0; i < n; i++) out += random() < 0.5 ? String.fromCharCode(intBetween(random, 0, 0xffff)) : pick(random, PIECES);
  return out;
}

function check(text: string, seed: number): void {
  try {
    const out = parseStatusOutput(text);
    for (const unit of out.units) {
      summarize(unit);
      JSON.stringify(unit);
      for (const d of unit.diagnostics) assert.ok(d.line >= 1, 'diagnostics carry line numbers');
    }
    parseShow(text);
  } catch (error) {
    throw new Error(`seed ${seed} threw on ${JSON.stringify(text.slice(0, 200))}: ${String(error)}`);
  }
}

fuzz('never throws on mutated fixtures: dropped lines, random cuts, appended hostile pieces', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const random = seededRandom(seed);
    check(mutate(random, pick(random, FIXTURES)), seed);
  }
});

fuzz('never throws on random characters, lone surrogates and control bytes', () => {
  for (let seed = 1000; seed < 1400; seed++) check(randomBytes(seededRandom(seed)), seed);
});

function operations(text: string): number {
  const meter = { operations: 0 };
  parseStatusOutput(text, { meter });
  return meter.operations;
}

fuzz('examines a number of characters linear in the input, for fixtures and pathological lines', () => {
  const inputs: readonly [string, (n: number) => string][] = [
    ['all fixtures', (n) => Array.from({ length: n }, () => ALL).join('\n\n')],
    ['one long line', (n) => 'a'.repeat(20_000 * n)],
    ['spaces', (n) => ' '.repeat(20_000 * n) + 'x'],
    ['open parentheses', (n) => `● a.service\n     Active: active${' (x'.repeat(5_000 * n)}`],
    ['memory labels', (n) => `● a.service\n     Memory: 1M (${'swap max '.repeat(3_000 * n)}`],
    ['colons', (n) => `● a.service\n${'Status: '.repeat(5_000 * n)}`],
    ['escapes', (n) => `● a.service\n     Loaded: ${'\x1b['.repeat(5_000 * n)}`],
    ['tree bars', (n) => `● a.service\n     CGroup: /\n${'│ '.repeat(5_000 * n)}└─1 x`],
    ['wrapped key line', (n) => `● a.service\n    Process: 1 ExecStart=x\n${'a\n'.repeat(5_000 * n)}`],
    ['journal continuation', (n) => `● a.service\n\nJan 01 00:00:00 h a[1]: x\n${'  more\n'.repeat(5_000 * n)}`],
  ];
  for (const [name, make] of inputs) {
    const small = make(1);
    const large = make(8);
    const ratio = operations(large) / operations(small);
    const sizeRatio = large.length / small.length;
    assert.ok(ratio < sizeRatio * 1.25, `${name}: 8x input took ${ratio.toFixed(2)}x operations (size ${sizeRatio.toFixed(2)}x)`);
    assert.ok(operations(large) < large.length * 12, `${name}: at most a dozen operations per character`);
  }
});

fuzz.run();
