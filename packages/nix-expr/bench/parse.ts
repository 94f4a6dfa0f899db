/**
 * Parser throughput on a large Nix file (the test fixtures, each one an element of one big list,
 * repeated to about 1 MB), against a plain line split of the same text in the same process; the
 * tokenizer alone and `nix-instantiate --parse` (a whole process: startup, parse, printing the
 * dump) are noted as secondary figures.
 *
 * With NIXKIT_BENCH_NIX_CORPUS set to a directory (a checkout of nixpkgs' `lib/`), every `.nix`
 * file under it is parsed one by one, against the JavaScript peers in interleaved pairs: Lezer's
 * Nix grammar (`@replit/codemirror-lang-nix`, building its syntax tree) and tree-sitter-nix
 * compiled to WebAssembly (`@cursorless/tree-sitter-wasms` run by `web-tree-sitter`).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parser as lezerNixParser } from '@replit/codemirror-lang-nix';
import { Language, Parser as TreeSitterParser } from 'web-tree-sitter';
import { compare, medianMs, report, spread, type BenchReport, type Spread } from '../../../tools/bench/harness.js';
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

// ---- The nixpkgs lib corpus, against the JavaScript peers ----

const corpusDir = process.env['NIXKIT_BENCH_NIX_CORPUS'];

/** Every `.nix` file under `dir`, in a stable order. */
function nixFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() && entry.name.endsWith('.nix')) found.push(full);
    }
  }
  return found.sort();
}

/**
 * MB per CPU second of each parser over `rounds` interleaved rounds (median [25th–75th]): on a
 * machine with more runnable processes than cores, wall time mostly measures waiting (for the
 * CPU, and for the garbage collector's helper threads), so the CPU time of this process is noted
 * beside the harness's wall-time figures.
 */
function cpuThroughputNote(parsers: Record<string, () => void>, bytes: number, rounds = 11): string {
  const cpuMs = (run: () => void): number => {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  const times: Record<string, number[]> = {};
  for (const [name, run] of Object.entries(parsers)) {
    run();
    times[name] = [];
  }
  for (let round = 0; round < rounds; round++) for (const [name, run] of Object.entries(parsers)) times[name]!.push(cpuMs(run));
  const mbps = (ms: number): number => Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10;
  const parts = Object.entries(times).map(([name, values]) => {
    const { p25, median, p75 } = spread(values);
    return `${name} ${mbps(median)} [${mbps(p75)}–${mbps(p25)}]`;
  });
  return `MB per CPU second (process.cpuUsage, ${rounds} interleaved rounds): ${parts.join(', ')}`;
}

/** A peer's throughput from its per-call times in the same pairs as ours. */
function peerNote(name: string, result: BenchReport): string {
  const mbps = (ms: number): number => Math.round((result.inputBytes / 1e6 / (ms / 1000)) * 100) / 100;
  const ms: Spread = result.baselineMs;
  return `${name}: ${mbps(ms.median)} MB/s [${mbps(ms.p75)}–${mbps(ms.p25)}]; ours is ${result.speedRatio.median}x its speed`;
}

if (corpusDir === undefined) {
  console.log('nixpkgs lib corpus: not measured (set NIXKIT_BENCH_NIX_CORPUS to a checkout of nixpkgs lib/)');
} else {
  const texts = nixFilesUnder(corpusDir).map((name) => readFileSync(name, 'utf8'));
  if (texts.length === 0) throw new Error(`no .nix file under NIXKIT_BENCH_NIX_CORPUS=${corpusDir}`);
  const rejected = texts.filter((text) => parse(text).diagnostics.length > 0).length;
  const corpus = (scale: number): string[] => Array.from({ length: scale }, () => texts).flat();
  const bytes = (files: readonly string[]): number => files.reduce((sum, text) => sum + text.length, 0);
  const parseAll = (files: readonly string[]): void => {
    for (const text of files) parse(text);
  };
  // run-all.js merges reports by workload, so each peer's comparison is named apart.
  const workload = (peer: string): string =>
    `parse the ${texts.length} .nix files of ${corpusDir} one by one (${(bytes(texts) / 1e6).toFixed(2)} MB), against ${peer}`;
  const rejectedNote = `files ours rejects: ${rejected}`;

  const lezer = compare({
    package: '@nixkit/nix-expr',
    workload: workload('Lezer'),
    make: corpus,
    sizeOf: bytes,
    ours: parseAll,
    baselineName: 'Lezer Nix grammar (@replit/codemirror-lang-nix parser.parse)',
    baseline: (files) => {
      for (const text of files) lezerNixParser.parse(text);
    },
    targets: [{ metric: 'mbPerSecond', atLeast: 10 }],
  });
  report({ ...lezer, notes: [rejectedNote, peerNote('Lezer', lezer)] });

  // tree-sitter-nix as WebAssembly: the trees live in the WebAssembly heap and must be freed.
  const require = createRequire(import.meta.url);
  await TreeSitterParser.init();
  const nixGrammar = await Language.load(require.resolve('@cursorless/tree-sitter-wasms/out/tree-sitter-nix.wasm'));
  const treeSitter = new TreeSitterParser();
  treeSitter.setLanguage(nixGrammar);
  const ts = compare({
    package: '@nixkit/nix-expr',
    workload: workload('tree-sitter-nix'),
    make: corpus,
    sizeOf: bytes,
    ours: parseAll,
    baselineName: 'tree-sitter-nix WASM (web-tree-sitter parse)',
    baseline: (files) => {
      for (const text of files) treeSitter.parse(text)?.delete();
    },
    targets: [{ metric: 'mbPerSecond', atLeast: 10 }],
  });
  const cpuNote = cpuThroughputNote(
    {
      ours: () => parseAll(texts),
      Lezer: () => {
        for (const text of texts) lezerNixParser.parse(text);
      },
      'tree-sitter-nix': () => {
        for (const text of texts) treeSitter.parse(text)?.delete();
      },
    },
    bytes(texts),
  );
  report({ ...ts, notes: [peerNote('tree-sitter-nix (WASM)', ts), cpuNote] });
}
