/**
 * The packages as a stranger installs them: `npm pack` every package, install the tarballs into
 * a fresh project outside the repository, and use them from there by name. This catches missing
 * `files`, wrong `exports`, and dependencies that only resolve inside the workspace. The tarballs
 * hold minified modules and no source maps, so the installed packages also run one workout of
 * every public API (exercise.js) that must give exactly what the sources give. Also checks that
 * every library entry bundles for browsers without Node built-ins.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { nixParseOrThrow } from '../test-helpers/index.js';
import { exercise } from './exercise.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const packageDirs = readdirSync(join(root, 'packages')).sort();
const manifests = packageDirs.map((dir) => ({
  dir,
  manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as {
    name: string;
    bin?: Record<string, string>;
  },
}));

function run(cmd: string, args: readonly string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', input, maxBuffer: 1 << 26 });
  if (result.error) throw result.error;
  return result;
}

function runOk(cmd: string, args: readonly string[], cwd: string, input?: string): string {
  const result = run(cmd, args, cwd, input);
  assert.is(result.status, 0, `${cmd} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const consumer = suite('installed from tarballs');
const scratch = mkdtempSync(join(tmpdir(), 'nixkit-consumer-'));
const project = join(scratch, 'app');
/** The files of each tarball, by package directory. */
const packed = new Map<string, string[]>();

consumer.before(() => {
  const tarballs = manifests.map(({ dir }) => {
    const out = runOk('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], join(root, 'packages', dir));
    const info = (JSON.parse(out) as { filename: string; files: { path: string }[] }[])[0]!;
    packed.set(dir, info.files.map((f) => f.path));
    return join(scratch, info.filename);
  });
  runOk('mkdir', ['-p', project], scratch);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  runOk('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], project);
});

consumer.after(() => rmSync(scratch, { recursive: true, force: true }));

consumer('imports every package by name as ESM, each with a non-empty API', () => {
  for (const { manifest } of manifests) {
    const out = runOk(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(manifest.name)}); process.stdout.write(String(Object.keys(m).length))`], project);
    assert.ok(Number(out.trim()) > 0, `${manifest.name} exports nothing: ${JSON.stringify(out)}`);
  }
});

consumer('resolves the TypeScript types of every package with tsc --noEmit', () => {
  const lines = manifests.map(({ manifest }, i) => `import * as p${i} from ${JSON.stringify(manifest.name)};`);
  lines.push(`const used: unknown[] = [${manifests.map((_, i) => `p${i}`).join(', ')}];`, 'export default used;');
  writeFileSync(join(project, 'consumer.ts'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, types: [] }, files: ['consumer.ts'] }),
  );
  runOk(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], project);
});

consumer('the tarballs hold minified modules, documented declarations and no source maps', () => {
  for (const { dir, manifest } of manifests) {
    const files = packed.get(dir)!;
    const installed = join(project, 'node_modules', manifest.name);
    assert.equal(files.filter((f) => f.endsWith('.map') || f.endsWith('.tsbuildinfo')), [], `${manifest.name} ships build leftovers`);
    const modules = files.filter((f) => f.startsWith('dist/') && /\.c?js$/.test(f));
    assert.ok(modules.length > 0, `${manifest.name} ships no modules`);
    for (const file of modules) {
      // tsc keeps every TSDoc block and indents every nested line; esbuild's minifier drops both.
      const code = readFileSync(join(installed, file), 'utf8');
      assert.not.match(code, /\/\*\*/, `${manifest.name} ${file} is not minified (it has a TSDoc comment)`);
      assert.not.match(code, /[;{]\n {2,}[a-z]/, `${manifest.name} ${file} is not minified (it has indented lines)`);
    }
    // The declarations keep their TSDoc: editors show it from there.
    const index = readFileSync(join(installed, 'dist', 'index.d.ts'), 'utf8');
    const declarations = files.filter((f) => f.endsWith('.d.ts')).map((f) => readFileSync(join(installed, f), 'utf8')).join('\n');
    assert.ok(index.length > 0 && /\/\*\*\s*\n?\s*\*?\s*\S/.test(declarations), `${manifest.name} declarations lost their TSDoc`);
  }
});

consumer('the installed, minified packages give exactly what the sources give', async () => {
  const names = {
    nixExpr: 'nix-expr', issoConfig: 'isso-config', nginxVhost: 'nginx-vhost', ociContainer: 'oci-container',
    colmenaHive: 'colmena-hive', systemdStatus: 'systemd-status', nomadJob: 'nomad-job', issoDeploy: 'isso-deploy',
  };
  assert.equal(Object.values(names).sort(), [...packageDirs], 'exercise.js covers every package');
  const fixtures = join(root, 'packages', 'nix-expr', 'test', 'fixtures');
  const inputs = {
    nixFiles: readdirSync(fixtures).sort().map((f) => readFileSync(join(fixtures, f), 'utf8')),
    issoConf: readFileSync(join(root, 'packages', 'isso-deploy', 'test', 'golden', 'isso.conf'), 'utf8'),
    status: readFileSync(join(root, 'packages', 'systemd-status', 'test', 'fixtures', 'reference-podman-isso.txt'), 'utf8'),
    fleet: { hosts: { web1: { targetHost: 'web1.example.org', isso: [{ domain: 'comments.a.example', acmeEmail: 'le@a.example', acmeAcceptTerms: true }] } } },
  };
  const fromSources: Record<string, unknown> = {};
  for (const [key, dir] of Object.entries(names)) fromSources[key] = await import(pathToFileURL(join(root, 'packages', dir, 'src', 'index.ts')).href);
  const expected = exercise(fromSources, inputs);
  writeFileSync(join(scratch, 'inputs.json'), JSON.stringify(inputs));
  const script = [
    `import { readFileSync } from 'node:fs';`,
    `import { exercise } from ${JSON.stringify(pathToFileURL(join(root, 'tools', 'consumer', 'exercise.js')).href)};`,
    'const m = {};',
    ...Object.entries(names).map(([key, dir]) => `m.${key} = await import(${JSON.stringify(`@nixkit/${dir}`)});`),
    `process.stdout.write(exercise(m, JSON.parse(readFileSync(${JSON.stringify(join(scratch, 'inputs.json'))}, 'utf8'))));`,
  ].join('\n');
  const actual = runOk(process.execPath, ['--input-type=module', '-e', script], project);
  assert.ok(expected.length > 10_000, 'the workout produced almost nothing');
  assert.fixture(actual, expected);
});

consumer('nixkit-isso keeps a V8 code cache that never changes what it does', () => {
  const cli = join(project, 'node_modules', '@nixkit', 'isso-deploy', 'bin', 'nixkit-isso.cjs');
  const config = join(scratch, 'deployment.json');
  writeFileSync(config, JSON.stringify({ domain: 'comments.example.org', acmeEmail: 'letsencrypt@example.org', acmeAcceptTerms: true }));
  const render = (env: Record<string, string>) => {
    const result = spawnSync(process.execPath, [cli, 'render', '--config', config], { cwd: scratch, encoding: 'utf8', env: { ...process.env, ...env } });
    assert.is(result.status, 0, result.stderr);
    return result.stdout + result.stderr;
  };
  const expected = render({ NIXKIT_CODE_CACHE: '0' });
  assert.match(expected, /^# Isso comment server for comments\.example\.org/);
  const base = join(scratch, 'code-cache');
  const dir = join(base, 'nixkit');
  assert.is(render({ NIXKIT_CACHE_DIR: base }), expected, 'first run, which writes the cache');
  const files = readdirSync(dir);
  assert.is(files.length, 1, files.join(', '));
  assert.match(files[0]!, new RegExp(`^nixkit-isso-[0-9a-f]{32}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8$`));
  const file = join(dir, files[0]!);
  assert.is(statSync(dir).mode & 0o777, 0o700);
  assert.is(statSync(file).mode & 0o777, 0o600);
  const written = statSync(file);
  assert.is(render({ NIXKIT_CACHE_DIR: base }), expected, 'second run, from the cache');
  assert.is(statSync(file).ino, written.ino, 'an accepted cache is not written again');
  // A cache V8 rejects (here: not a cache at all) means a normal compile and a new cache.
  writeFileSync(file, Buffer.alloc(written.size, 0x5a));
  assert.is(render({ NIXKIT_CACHE_DIR: base }), expected, 'run with a garbage cache');
  assert.not.equal(readFileSync(file), Buffer.alloc(written.size, 0x5a), 'the garbage cache was replaced');
  assert.equal(readdirSync(dir), files, 'no temporary file is left behind');
  // A cache directory that cannot be created (a file is in the way; chmod would not stop root).
  const blocked = join(scratch, 'not-a-directory');
  writeFileSync(blocked, '');
  assert.is(render({ NIXKIT_CACHE_DIR: blocked }), expected, 'run without a writable cache directory');
  assert.is(render({ NIXKIT_CODE_CACHE: '0', NIXKIT_CACHE_DIR: join(scratch, 'unused') }), expected);
  assert.not.ok(readdirSync(scratch).includes('unused'), 'NIXKIT_CODE_CACHE=0 writes nothing');
});

consumer('runs every CLI through npx with --help', () => {
  const bins = manifests.flatMap(({ manifest }) => Object.keys(manifest.bin ?? {}));
  assert.ok(bins.length > 0, 'no package declares a CLI');
  for (const bin of bins) {
    const out = runOk('npx', ['--no-install', bin, '--help'], project);
    assert.match(out + '', /usage/i, `${bin} --help printed no usage`);
  }
});

consumer.run();

const workspace = suite('the workspace after npm ci and a build');

// npm and npx must find the commands in node_modules/.bin: a registry that answers nothing
// proves that `npx --no-install` never falls back to downloading a package of that name.
const OFFLINE = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_offline: 'true' };

workspace('every CLI runs through npx --no-install without the registry', () => {
  const bins = manifests.flatMap(({ manifest }) => Object.keys(manifest.bin ?? {}));
  assert.ok(bins.includes('nixkit-isso') && bins.includes('systemd-status'), bins.join(', '));
  for (const bin of bins) {
    const result = spawnSync('npx', ['--no-install', bin, '--help'], { cwd: root, encoding: 'utf8', env: OFFLINE });
    assert.is(result.status, 0, `npx --no-install ${bin} --help:\n${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /usage/i, `${bin} --help printed no usage`);
  }
});

workspace('npm run -s example prints only a Nix module on stdout', () => {
  const result = spawnSync('npm', ['run', '-s', 'example'], { cwd: root, encoding: 'utf8', env: OFFLINE, maxBuffer: 1 << 26 });
  assert.is(result.status, 0, result.stderr);
  nixParseOrThrow(result.stdout);
  assert.match(result.stdout, /^# Isso comment server for /);
  assert.match(result.stderr, /checkStatus on the article/);
});

workspace.run();

const browser = suite('browser bundles');

browser('every library entry bundles for the browser without Node built-ins', async () => {
  for (const { dir, manifest } of manifests) {
    const result = await build({
      entryPoints: [join(root, 'packages', dir, 'dist', 'index.js')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.not.ok(inputs.some((input) => input.startsWith('node:')), `${manifest.name} pulls in a Node built-in`);
    const code = result.outputFiles[0]!.text;
    assert.not.match(code, /\bprocess\.(env|argv|exit|stdout|stderr)\b/, `${manifest.name} uses process.* in the browser bundle`);
    assert.not.match(code, /\bBuffer\.from\b/, `${manifest.name} uses Buffer in the browser bundle`);
  }
});

browser.run();
