/**
 * Parser throughput on a large Nix file (the test fixtures, each one an element of one big list,
 * repeated to about 1 MB), against a plain line split of the same text in the same process; the
 * tokenizer alone and `nix-instantiate --parse` (a whole process: startup, parse, printing the
 * dump) are noted as secondary figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, medianMs, report } from '../../../tools/bench/harness.js';
import { lex } from '../src/lex.js';
import { appendToList, parse, path } from '../src/index.js';

const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures');
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.nix'))
  .map((name) => readFileSync(join(FIXTURES, name), 'utf8'));

function makeFile(scale: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 1_000_000 * scale; i++) {
    const text = `(${fixtures[i % fixtures.length]!})`;
    parts.push(text);
    size += text.length + 1;
  }
  return `[\n${parts.join('\n')}\n]\n`;
}

const file = makeFile(1);
if (parse(file).diagnostics.length > 0) throw new Error('the benchmark input does not parse');
const lexOnly = medianMs(() => lex(file));

function nixWholeProcessMs(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nixkit-bench-'));
  try {
    const target = join(dir, 'big.nix');
    writeFileSync(target, file);
    const result = spawnSync('nix-instantiate', ['--parse', target], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NIX_PATH: '' } });
    if (result.error || result.status !== 0) return 'nix-instantiate --parse: not available here';
    const ms = medianMs(() => spawnSync('nix-instantiate', ['--parse', target], { maxBuffer: 1 << 30, env: { ...process.env, NIX_PATH: '' } }), 3);
    return `nix-instantiate --parse on the same file, whole process: ${ms.toFixed(1)} ms (${(file.length / 1e6 / (ms / 1000)).toFixed(2)} MB/s)`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const config = fixtures.find((text) => text.includes('imports')) ?? fixtures[0]!;
const editMs = medianMs(() => appendToList(config, ['imports'], path('./isso.nix')), 20);

report(
  compare({
    package: '@nixkit/nix-expr',
    workload: `parse a ${(file.length / 1e6).toFixed(1)} MB Nix file (AST, positions, comments)`,
    make: makeFile,
    sizeOf: (text) => text.length,
    ours: (text) => parse(text),
    baselineName: "text.split('\\n')",
    baseline: (text) => text.split('\n'),
    targets: [{ metric: 'mbPerSecond', atLeast: 10 }],
    notes: [
      `tokenizer alone: ${lexOnly.toFixed(1)} ms (${(file.length / 1e6 / (lexOnly / 1000)).toFixed(1)} MB/s)`,
      nixWholeProcessMs(),
      `appendToList(configuration.nix, ['imports'], ./isso.nix), parse + edit + re-parse check: ${editMs.toFixed(2)} ms`,
    ],
  }),
);
