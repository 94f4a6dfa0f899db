// nixkit-isso render --out killed with SIGKILL at random points, 200 times: every file is always
// either its old or its new version, and a later run removes the temp files a killed one left.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seededRandom } from '../../../tools/test-helpers/index.js';
import { MINIMAL } from './fixtures.js';

const CLI = fileURLToPath(new URL('../dist/nixkit-isso.js', import.meta.url));

function run(args: readonly string[]): { code: number | null } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status };
}

const dirs: string[] = [];
function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nixkit-isso-kill-'));
  dirs.push(dir);
  return dir;
}
process.on('exit', () => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

function write(path: string, content: unknown): string {
  writeFileSync(path, JSON.stringify(content));
  return path;
}

function temps(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.includes('.nixkit-') && name.endsWith('.tmp'));
}

const killed = suite('nixkit-isso render --out killed at random points');

/** One lane of the kill loop: `runs` renders into its own --out, alternating two descriptions. */
async function killLoop(dir: string, runs: number, seed: number): Promise<number> {
  const out = join(dir, 'out');
  const configs = [write(join(dir, 'a.json'), MINIMAL), write(join(dir, 'b.json'), { ...MINIMAL, domain: 'b.example.org', port: 8181 })];
  const versions = configs.map((config, index) => {
    const scratch = join(dir, `full-${index}`);
    assert.is(run(['render', '--config', config, '--out', scratch]).code, 0);
    return Object.fromEntries(readdirSync(scratch).map((name) => [name, readFileSync(join(scratch, name), 'utf8')]));
  });
  assert.is(run(['render', '--config', configs[0]!, '--out', out]).code, 0);
  // How long a complete run takes here, so the kills land anywhere from late start-up to the renames.
  const started = Date.now();
  assert.is(run(['render', '--config', configs[1]!, '--out', out]).code, 0);
  const span = Math.max(20, Date.now() - started);
  const random = seededRandom(seed);
  let completed = 0;
  for (let i = 0; i < runs; i++) {
    const child = spawn(process.execPath, [CLI, 'render', '--config', configs[i % 2]!, '--out', out], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const timer = setTimeout(() => child.kill('SIGKILL'), Math.floor(span * (0.3 + 0.9 * random())));
    if ((await exited) === 0) completed++;
    clearTimeout(timer);
    for (const name of readdirSync(out).filter((n) => !n.endsWith('.tmp'))) {
      const text = readFileSync(join(out, name), 'utf8');
      assert.ok(versions.some((version) => version[name] === text), `run ${i}: ${name} is neither old nor new`);
    }
    // A killed run's temp files are removed by the next run that gets to write.
    assert.ok(temps(out).length <= 2 * Object.keys(versions[0]!).length, `run ${i}: temp files pile up: ${temps(out).join(', ')}`);
  }
  assert.is(run(['render', '--config', configs[0]!, '--out', out]).code, 0);
  assert.equal(temps(out), []);
  assert.equal(readdirSync(out).sort(), Object.keys(versions[0]!).sort());
  return completed;
}

killed('200 runs killed with SIGKILL: each file old or new, never partial; no temp file after the next run', async () => {
  // Two lanes of 100 in their own directories, one per core.
  const completed = await Promise.all([killLoop(workdir(), 100, 17), killLoop(workdir(), 100, 18)]);
  assert.ok(completed[0]! + completed[1]! < 200, 'no run was killed');
});

killed.run();
