#!/usr/bin/env node
// Runs every package's benchmark, then measures what a stranger sees before adopting the
// libraries: CLI cold start, npm pack sizes, runtime dependencies and browser bundle sizes.
// Writes BENCHMARKS.md at the root. Benchmarks print; they never fail the test suite, so a
// benchmark that crashes is reported in the file instead of aborting the run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('../..', import.meta.url).pathname;
const packages = readdirSync(join(root, 'packages')).sort();
const manifests = Object.fromEntries(
  packages.map((dir) => [dir, JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'))]),
);
const CLI_ENTRIES = new Set(['cli.js', 'example.js']);

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function packageBenchmarks() {
  const results = [];
  const failures = [];
  for (const dir of packages) {
    if (!manifests[dir].scripts?.bench) continue;
    console.error(`bench: ${manifests[dir].name}`);
    const out = run('npm', ['run', 'bench', '--silent'], { cwd: join(root, 'packages', dir) });
    process.stderr.write(out.stdout.split('\n').filter((l) => !l.startsWith('BENCH_RESULT ')).join('\n'));
    const lines = out.stdout.split('\n').filter((l) => l.startsWith('BENCH_RESULT '));
    if (out.status !== 0 || lines.length === 0) failures.push(`${manifests[dir].name}: exit ${out.status}\n${out.stderr.slice(-2000)}`);
    for (const line of lines) results.push(JSON.parse(line.slice('BENCH_RESULT '.length)));
  }
  return { results, failures };
}

function coldStart(runs = 11) {
  const bin = manifests['isso-deploy'].bin?.['nixkit-isso'];
  const cli = join(root, 'packages', 'isso-deploy', bin ?? 'dist/cli.js');
  if (!existsSync(cli)) return { note: 'isso-deploy CLI not built' };
  const dir = mkdtempSync(join(tmpdir(), 'nixkit-cold-'));
  const config = join(dir, 'deployment.json');
  writeFileSync(config, JSON.stringify({ domain: 'comments.example.org', acmeEmail: 'letsencrypt@example.org' }));
  const time = (args) => {
    const start = process.hrtime.bigint();
    const result = run(process.execPath, args);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
    return ms;
  };
  try {
    const baseline = [];
    const cliTimes = [];
    for (let i = 0; i < runs; i++) {
      baseline.push(time(['-e', '0']));
      cliTimes.push(time([cli, 'render', '--config', config]));
    }
    const base = median(baseline);
    const ours = median(cliTimes);
    return { cli: cli.slice(root.length), baseMs: base, cliMs: ours, addedMs: ours - base, ratio: ours / base, runs };
  } catch (error) {
    return { note: String(error.message ?? error).slice(0, 500) };
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

function renderMarkdown({ results, failures }, cold, sizes, bundles) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ${cpus().length} cores, ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}.`,
    'Every figure is a median of several runs; speed is a ratio to a baseline run in the same process,',
    'so it holds across machines better than the milliseconds do.',
    '',
    '## Throughput',
    '',
    '| package | workload | median | MB/s | baseline | ratio (baseline time / ours) | 10x input time | peak memory |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.package} | ${r.workload} | ${r.medianMs} ms | ${r.mbPerSecond} | ${r.baselineName} (${r.baselineMedianMs} ms) | ` +
        `${r.speedRatio} | ${r.scaling10x}x | +${r.peakMemoryMb} MB |`,
    );
  }
  const notes = results.flatMap((r) => (r.notes ?? []).map((n) => `- ${r.package}: ${n}`));
  if (notes.length) lines.push('', ...notes);
  if (failures.length) lines.push('', '### Benchmarks that did not run', '', ...failures.map((f) => `- ${f.split('\n')[0]}`));
  lines.push('', '## Cold start', '');
  if (cold.note) lines.push(`Not measured: ${cold.note}`);
  else {
    lines.push(
      `\`nixkit-isso render\` (\`node ${cold.cli}\`) on the reference deployment: ${cold.cliMs.toFixed(1)} ms, ` +
        `\`node -e 0\`: ${cold.baseMs.toFixed(1)} ms (median of ${cold.runs}). The libraries add ` +
        `**${cold.addedMs.toFixed(1)} ms** (ratio ${cold.ratio.toFixed(2)}; target under 50 ms).`,
    );
  }
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

const benches = packageBenchmarks();
const cold = coldStart();
const sizes = packSizes();
const bundles = await browserBundles();
const markdown = renderMarkdown(benches, cold, sizes, bundles);
writeFileSync(join(root, 'BENCHMARKS.md'), markdown);
console.log(markdown);
