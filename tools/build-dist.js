#!/usr/bin/env node
// Finishes every package's dist/ after `tsc -b`, in one process. tsc emits only the `.d.ts`
// files (emitDeclarationOnly in each package's tsconfig.json); this script prunes the ones no
// public entry reaches, and esbuild compiles each src/*.ts module to one minified ES module in
// dist/ (no bundling: importers keep small, tree-shakeable modules, and `sideEffects: false`
// stays true). Minified, because that is what npm users download and
// parse; the readable mapping back to src/ stays in the repository as dist/**/*.js.map, which
// the packages' `files` leave out of the tarballs. Then the CLI bundles (tools/bundle-cli.js).
//
// Why prune declarations: tsc writes one `.d.ts` per module, internal ones too (the lexer, the
// printer's helpers), with their TSDoc; about half of them are reachable from no entry in the
// exports map, so no consumer's compiler or editor ever reads them, yet every install downloads
// them. `tsc -b` decides what is up to date from dist/.tsbuildinfo alone, so a pruned file is
// not re-emitted (nor needed) until its module changes, and then it is pruned again.
//
// Usage: build-dist.js [<package dir>...]   (default: every package)
// A package named on the command line is built together with the workspace packages it depends
// on, like `tsc -b`, so `npm run build` in one package works on a fresh clone.
import { readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { bundleCli } from './bundle-cli.js';

const root = resolve(import.meta.dirname, '..');
const packagesDir = join(root, 'packages');

/** Every workspace package: its directory, manifest and the workspace packages it imports. */
function workspacePackages() {
  const byName = new Map();
  for (const dir of readdirSync(packagesDir).sort()) {
    const manifestPath = join(packagesDir, dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    byName.set(manifest.name, { dir: join(packagesDir, dir), manifest });
  }
  return byName;
}

/** The packages given (as directories) and every workspace package they depend on. */
function closure(all, dirs) {
  const wanted = new Map();
  const visit = (pkg) => {
    if (wanted.has(pkg.manifest.name)) return;
    wanted.set(pkg.manifest.name, pkg);
    const deps = { ...pkg.manifest.dependencies, ...pkg.manifest.devDependencies };
    for (const name of Object.keys(deps)) if (all.has(name)) visit(all.get(name));
  };
  for (const dir of dirs) {
    const pkg = [...all.values()].find((p) => p.dir === resolve(dir));
    if (!pkg) throw new Error(`${dir} is not a workspace package`);
    visit(pkg);
  }
  return [...wanted.values()];
}

/** src/**\/*.ts (not .d.ts) of one package, as esbuild entry points written to dist/. */
function entryPoints(pkg) {
  const src = join(pkg.dir, 'src');
  return readdirSync(src, { recursive: true })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => ({ in: join(src, file), out: relative(packagesDir, join(pkg.dir, 'dist', file.slice(0, -'.ts'.length))) }));
}

/**
 * The CLI bundles of a package: one per `bin` launcher `bin/<name>.cjs`, bundled from
 * src/cli.ts into dist/<name>.cjs (the launcher loads that file). isso-deploy also keeps
 * dist/<name>.js, an ES module that runs the bundle, for callers that expect a module path.
 */
function cliBundles(pkg) {
  return Object.values(pkg.manifest.bin ?? {}).map((launcher) => {
    const name = launcher.replace(/^(\.\/)?bin\//, '').replace(/\.cjs$/, '');
    return {
      entry: join(pkg.dir, 'src', 'cli.ts'),
      outfile: join(pkg.dir, 'dist', `${name}.cjs`),
      shim: pkg.manifest.name === '@nixkit/isso-deploy' ? join(pkg.dir, 'dist', `${name}.js`) : undefined,
    };
  });
}

/** The `types` files the exports map (and the top-level `types`) of a package names. */
function typeEntries(pkg) {
  const found = new Set();
  const walk = (value, key) => {
    if (typeof value === 'string') {
      if (key === 'types' && value.endsWith('.d.ts')) found.add(join(pkg.dir, value));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(pkg.manifest.exports, '');
  if (pkg.manifest.types) found.add(join(pkg.dir, pkg.manifest.types));
  return [...found];
}

/** Relative module references of a declaration file: import/export … from, import("…"). */
const DECLARATION_REFERENCE = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|<reference\s+path=)['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * Deletes the `.d.ts` files (and their maps) of dist/ that no `types` entry reaches through
 * relative imports, and returns how many it deleted. A reference it cannot find is an error:
 * it would break the declarations for every consumer.
 */
function pruneDeclarations(pkg) {
  const reached = new Set();
  const pending = typeEntries(pkg);
  while (pending.length > 0) {
    const file = pending.pop();
    if (reached.has(file)) continue;
    if (!existsSync(file)) {
      // Pruned by an earlier build and now reached (an export was added), while its module did
      // not change, so tsc -b did not write it again.
      throw new Error(`${relative(root, file)} is missing (a types entry or imported by one); remove ${relative(root, join(pkg.dir, 'dist'))} and build again`);
    }
    reached.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(DECLARATION_REFERENCE)) {
      pending.push(resolve(dirname(file), match[1].replace(/\.js$/, '.d.ts')));
    }
  }
  const dist = join(pkg.dir, 'dist');
  let pruned = 0;
  for (const file of readdirSync(dist, { recursive: true })) {
    if (!file.endsWith('.d.ts') || reached.has(join(dist, file))) continue;
    rmSync(join(dist, file));
    rmSync(join(dist, `${file}.map`), { force: true });
    pruned++;
  }
  return pruned;
}

const all = workspacePackages();
const args = process.argv.slice(2);
const selected = args.length === 0 ? [...all.values()] : closure(all, args);

for (const pkg of selected) pruneDeclarations(pkg);
await build({
  entryPoints: selected.flatMap(entryPoints),
  outdir: packagesDir,
  bundle: false,
  format: 'esm',
  platform: 'neutral',
  // tsconfig.base.json's target; esbuild also reads each package's tsconfig.json for the
  // TypeScript settings that change emitted code (useDefineForClassFields follows the target).
  target: 'es2022',
  minify: true,
  // Non-ASCII text stays as UTF-8 instead of \u escapes: the same strings, fewer bytes.
  charset: 'utf8',
  // The maps stay in dist/ beside each module (for tools pointed at them) but are not linked
  // from it: the tarballs leave them out, and a `sourceMappingURL` naming a missing file makes
  // bundlers such as Vite warn in every project that uses the package.
  sourcemap: 'external',
  sourcesContent: false,
  logLevel: 'warning',
});
// The CLI bundles import the libraries through their package exports, so they come after all
// library modules are written.
await Promise.all(selected.flatMap(cliBundles).map((b) => bundleCli(b.entry, b.outfile, b.shim)));
