// Runs every package's benchmarks, then measures what a stranger sees before adopting the
// libraries: CLI cold start, npm pack sizes, runtime dependencies and browser bundle sizes.
// Writes BENCHMARKS.md at the root. Benchmarks print; they never fail the test suite, so a
// benchmark that crashes is reported in the file instead of aborting the run.
//
// The machine may be busy with other work, so no single run is trusted: each bench file runs in
// PROCESSES fresh processes (each one timing the baseline and ours in interleaved pairs, see
// harness.ts), and a target counts as met only when its pessimistic quartile meets it in every
// process. The load average at the start and the end of the run is written down.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem, platform, release, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('../..', import.meta.url).pathname;
const packages = readdirSync(join(root, 'packages')).sort();
const manifests = Object.fromEntries(
  packages.map((dir) => [dir, JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'))]),
);
/** Fresh processes per bench file; the spread between them is part of what is reported. */
const PROCESSES = 3;
/** Interleaved pairs per cold-start round (after warm-up), and rounds. */
const COLD_PAIRS = 20;
const COLD_WARM_UP = 3;
/** `nixkit-isso render` may take at most this many times as long as `node -e 0`. */
const COLD_TARGET = 1.3;
/** Largest `npm pack` size, in bytes (1 kB = 1,000 bytes, the stricter reading), per package (issue #19). */
const SIZE_TARGETS = {
  '@nixkit/isso-config': 30_000,
  '@nixkit/nginx-vhost': 30_000,
  '@nixkit/oci-container': 30_000,
  '@nixkit/systemd-status': 30_000,
  '@nixkit/nix-expr': 45_000,
};
/** What the profiles show is left where a target is missed; written by hand after profiling. */
const WHAT_IS_LEFT = join(root, 'tools', 'bench', 'what-is-left.md');

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
}

function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p25: quantile(sorted, 0.25), median: quantile(sorted, 0.5), p75: quantile(sorted, 0.75) };
}

/** A bench file is any `bench/*.ts` that reports through the shared harness. */
function benchFiles(dir) {
  const benchDir = join(root, 'packages', dir, 'bench');
  if (!existsSync(benchDir)) return [];
  return readdirSync(benchDir)
    .filter((name) => name.endsWith('.ts'))
    .sort((a, b) => (a === 'index.ts' ? -1 : b === 'index.ts' ? 1 : a.localeCompare(b)))
    .filter((name) => readFileSync(join(benchDir, name), 'utf8').includes('tools/bench/harness.js'));
}

/**
 * Runs every bench file PROCESSES times and merges the reports of one workload: the figures of
 * each process are kept (`runs`), and the combined range goes from the lowest 25th percentile to
 * the highest 75th percentile of the processes.
 */
function packageBenchmarks() {
  const merged = new Map();
  const failures = [];
  for (const dir of packages) {
    for (const file of benchFiles(dir)) {
      for (let round = 1; round <= PROCESSES; round++) {
        console.error(`bench: ${manifests[dir].name} bench/${file}, process ${round} of ${PROCESSES}`);
        const env = { ...process.env, NIXKIT_BENCH_SCALING: round === 1 ? '1' : '0' };
        const out = run(process.execPath, ['--import', 'tsx', join('bench', file)], { cwd: join(root, 'packages', dir), env });
        process.stderr.write(`${out.stdout.split('\n').filter((l) => !l.startsWith('BENCH_RESULT ')).join('\n')}\n`);
        const lines = out.stdout.split('\n').filter((l) => l.startsWith('BENCH_RESULT '));
        if (out.status !== 0 || lines.length === 0) {
          failures.push(`${manifests[dir].name} bench/${file}: exit ${out.status}\n${out.stderr.slice(-2000)}`);
          break;
        }
        for (const line of lines) {
          const result = JSON.parse(line.slice('BENCH_RESULT '.length));
          const key = `${result.package}\u0000${result.workload}`;
          if (!merged.has(key)) merged.set(key, { ...result, runs: [] });
          merged.get(key).runs.push(result);
        }
      }
    }
  }
  return { results: [...merged.values()], failures };
}

/** Median of the per-process medians, and the range across all processes' quartiles. */
function combine(runs, metric) {
  const spreads = runs.map((r) => r[metric]).filter((s) => s !== undefined);
  if (spreads.length === 0) return undefined;
  return {
    median: spread(spreads.map((s) => s.median)).median,
    p25: Math.min(...spreads.map((s) => s.p25)),
    p75: Math.max(...spreads.map((s) => s.p75)),
  };
}

/** Judged on the pessimistic quartile of every process: the lowest 25th or the highest 75th. */
function judge(target, figure) {
  if (target.atLeast !== undefined) return { met: figure.p25 >= target.atLeast, text: `${target.metric} ≥ ${target.atLeast}`, value: figure.p25, quartile: '25th' };
  return { met: figure.p75 <= target.atMost, text: `${target.metric} ≤ ${target.atMost}`, value: figure.p75, quartile: '75th' };
}

/**
 * Times a command against `node -e 0` in interleaved pairs (alternating which goes first),
 * in rounds, and returns the per-pair time ratios (ours / node -e 0) per round.
 */
function coldStartOf(label, args, input, env) {
  const time = (argv) => {
    const start = process.hrtime.bigint();
    const result = run(process.execPath, argv, { ...(input === undefined ? {} : { input }), ...(env === undefined ? {} : { env: { ...process.env, ...env } }) });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error || (result.status !== 0 && result.status !== 3)) throw new Error(`${argv.join(' ')} failed (exit ${result.status}): ${result.stderr}`);
    return ms;
  };
  const rounds = [];
  for (let round = 0; round < PROCESSES; round++) {
    for (let i = 0; i < COLD_WARM_UP; i++) {
      time(['-e', '0']);
      time(args);
    }
    const base = [];
    const ours = [];
    for (let i = 0; i < COLD_PAIRS; i++) {
      if (i % 2 === 0) {
        base.push(time(['-e', '0']));
        ours.push(time(args));
      } else {
        ours.push(time(args));
        base.push(time(['-e', '0']));
      }
    }
    rounds.push({ baseMs: spread(base), oursMs: spread(ours), ratio: spread(ours.map((t, i) => t / base[i])), addedMs: spread(ours.map((t, i) => t - base[i])) });
  }
  return { label, rounds };
}

function coldStart() {
  const dir = mkdtempSync(join(tmpdir(), 'nixkit-cold-'));
  const results = [];
  try {
    const bin = manifests['isso-deploy'].bin?.['nixkit-isso'];
    const cli = join(root, 'packages', 'isso-deploy', bin);
    const config = join(dir, 'deployment.json');
    writeFileSync(config, JSON.stringify({ domain: 'comments.example.org', acmeEmail: 'letsencrypt@example.org' }));
    // The launcher keeps a V8 code cache (bin/nixkit-isso.cjs); here in a directory of its own,
    // written by the first warm-up run, as on a user's machine from the second run on. The run
    // without it is what the very first run, or a machine without a writable cache, sees.
    const cache = { NIXKIT_CACHE_DIR: join(dir, 'cache') };
    results.push(coldStartOf(`\`nixkit-isso render\` (\`node ${cli.slice(root.length)} render --config deployment.json\`, code cache written by the first warm-up run)`, [cli, 'render', '--config', config], undefined, cache));
    results.push(coldStartOf(`\`nixkit-isso render\` without the code cache (\`NIXKIT_CODE_CACHE=0\`)`, [cli, 'render', '--config', config], undefined, { NIXKIT_CODE_CACHE: '0' }));
    const statusBin = manifests['systemd-status'].bin?.['systemd-status'];
    const statusFixture = join(root, 'packages', 'systemd-status', 'test', 'fixtures');
    const sample = existsSync(statusFixture) ? readdirSync(statusFixture).find((name) => name.includes('isso') && name.endsWith('.txt')) : undefined;
    if (statusBin && sample) {
      const input = readFileSync(join(statusFixture, sample), 'utf8');
      results.push(coldStartOf(`\`systemd-status --summary\` (\`node ${statusBin.replace('./', 'packages/systemd-status/')}\` < test/fixtures/${sample})`, [join(root, 'packages', 'systemd-status', statusBin), '--summary'], input));
    }
    return results;
  } catch (error) {
    return [...results, { note: String(error.message ?? error).slice(0, 500) }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function packSizes() {
  return packages.map((dir) => {
    const out = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: join(root, 'packages', dir) });
    const info = JSON.parse(out.stdout)[0];
    return {
      name: manifests[dir].name,
      packed: info.size,
      unpacked: info.unpackedSize,
      files: info.entryCount,
      dependencies: Object.keys(manifests[dir].dependencies ?? {}),
    };
  });
}

async function browserBundles() {
  const esbuild = await import('esbuild');
  const rows = [];
  for (const dir of packages) {
    const entry = join(root, 'packages', dir, 'dist', 'index.js');
    if (!existsSync(entry)) continue;
    try {
      const result = await esbuild.build({
        entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
      });
      const code = result.outputFiles[0].contents;
      rows.push({ name: manifests[dir].name, minified: code.length, gzipped: gzipSync(code).length });
    } catch (error) {
      rows.push({ name: manifests[dir].name, error: String(error.message).split('\n')[0] });
    }
  }
  return rows;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

const fixed = (n, digits = 2) => Number(n).toFixed(digits);
const range = (s, digits = 2) => `${fixed(s.median, digits)} [${fixed(s.p25, digits)}–${fixed(s.p75, digits)}]`;

function renderMarkdown({ results, failures }, cold, sizes, bundles, load) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const verdicts = [];
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ${cpus().length} cores, ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}.`,
    `Load average (1, 5, 15 min) at the start: ${load.start.map((n) => fixed(n)).join(', ')}; at the end: ${load.end.map((n) => fixed(n)).join(', ')}.`,
    '',
    'How to read this: the machine may be busy, so every figure is a ratio measured in pairs. Each bench',
    `file runs in ${PROCESSES} fresh processes; in each, the baseline and ours run interleaved, one call of each`,
    'back to back (the order alternating), at least 15 timed pairs after warm-up, and each pair gives one',
    'ratio. A figure reads `median [low – high]`: the median of the three per-process medians, and the',
    'lowest 25th to the highest 75th percentile of the pairs over the three processes (the 10x-input',
    'scaling, 3 pairs, is measured in the first process only: it costs eleven pairs each). A target counts',
    'as **met** only when the pessimistic end of that range meets it (the 25th percentile for "at',
    'least" targets, the 75th for "at most" targets).',
    '',
    '## Throughput',
    '',
    '| package | workload | ours, ms | baseline, ms | speed ratio (baseline time / ours) | MB/s | 10x input time | peak memory |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.package} | ${r.workload} | ${range(combine(r.runs, 'oursMs'), 1)} | ${r.baselineName}: ${range(combine(r.runs, 'baselineMs'), 1)} | ` +
        `${range(combine(r.runs, 'speedRatio'), 3)} | ${range(combine(r.runs, 'mbPerSecond'), 1)} | ${combine(r.runs, 'scaling10x') ? `${range(combine(r.runs, 'scaling10x'))}x` : 'not measured'} | +${fixed(Math.max(...r.runs.map((x) => x.peakMemoryMb)), 1)} MB |`,
    );
    for (const target of r.targets ?? []) {
      const figure = combine(r.runs, target.metric);
      if (!figure) continue;
      const verdict = judge(target, figure);
      verdicts.push(`| ${r.package} | ${r.workload} | ${verdict.text} | ${fixed(verdict.value, 3)} (${verdict.quartile} percentile) | ${verdict.met ? 'met' : '**missed**'} |`);
    }
  }
  const processes = results.map((r) => `- ${r.package}, ${r.workload}: speed ratio per process ${r.runs.map((x) => range(x.speedRatio, 3)).join('; ')} (${r.runs[0]?.pairs} pairs each)`);
  lines.push('', 'Per process:', '', ...processes);
  const notes = results.flatMap((r) => (r.notes ?? []).map((n) => `- ${r.package}: ${n}`));
  if (notes.length) lines.push('', 'Notes (secondary figures, from the first process):', '', ...notes);
  if (failures.length) lines.push('', '### Benchmarks that did not run', '', ...failures.map((f) => `- ${f.split('\n')[0]}`));
  lines.push('', '## Cold start', '');
  for (const c of cold) {
    if (c.note) {
      lines.push(`Not measured: ${c.note}`, '');
      continue;
    }
    const ratio = combine(c.rounds, 'ratio');
    lines.push(
      `${c.label} against \`node -e 0\`, ${COLD_PAIRS} interleaved pairs after ${COLD_WARM_UP} warm-up pairs, ${PROCESSES} rounds: ` +
        `time ratio ${range(ratio)}, added ${range(combine(c.rounds, 'addedMs'), 1)} ms ` +
        `(ours ${range(combine(c.rounds, 'oursMs'), 1)} ms, \`node -e 0\` ${range(combine(c.rounds, 'baseMs'), 1)} ms).`,
      `Per round: ${c.rounds.map((r) => range(r.ratio)).join('; ')}.`,
      '',
    );
    if (c.label.includes('nixkit-isso') && !c.label.includes('NIXKIT_CODE_CACHE=0')) {
      const verdict = judge({ metric: 'time ratio', atMost: COLD_TARGET }, ratio);
      verdicts.push(`| @nixkit/isso-deploy | cold start of \`nixkit-isso render\` / \`node -e 0\` | ${verdict.text} | ${fixed(verdict.value, 3)} (${verdict.quartile} percentile) | ${verdict.met ? 'met' : '**missed**'} |`);
    }
  }
  for (const size of sizes) {
    const limit = SIZE_TARGETS[size.name];
    if (limit === undefined) continue;
    const met = size.packed < limit;
    verdicts.push(`| ${size.name} | \`npm pack\` size | < ${limit.toLocaleString('en')} bytes | ${size.packed.toLocaleString('en')} bytes | ${met ? 'met' : '**missed**'} |`);
  }
  lines.push('## Targets', '', '| package | workload | target | judged on | verdict |', '|---|---|---|---|---|', ...verdicts);
  if (existsSync(WHAT_IS_LEFT)) lines.push('', readFileSync(WHAT_IS_LEFT, 'utf8').trimEnd());
  lines.push('', '## Size', '', '| package | npm pack | unpacked | files | runtime dependencies |', '|---|---|---|---|---|');
  for (const s of sizes) {
    lines.push(`| ${s.name} | ${kb(s.packed)} | ${kb(s.unpacked)} | ${s.files} | ${s.dependencies.join(', ') || 'none'} |`);
  }
  lines.push('', '## Browser bundles', '', 'Each library entry bundled by esbuild with `--platform=browser --minify`.', '', '| package | minified | minified + gzip |', '|---|---|---|');
  for (const b of bundles) {
    lines.push(b.error ? `| ${b.name} | failed: ${b.error} | |` : `| ${b.name} | ${kb(b.minified)} | ${kb(b.gzipped)} |`);
  }
  return `${lines.join('\n')}\n`;
}

const only = process.argv[2];
const load = { start: loadavg() };
const benches = only === '--cold-start' ? { results: [], failures: [] } : packageBenchmarks();
const cold = coldStart();
const sizes = packSizes();
const bundles = await browserBundles();
load.end = loadavg();
const markdown = renderMarkdown(benches, cold, sizes, bundles, load);
if (only === '--cold-start') console.log(markdown);
else {
  writeFileSync(join(root, 'BENCHMARKS.md'), markdown);
  console.log(markdown);
}
