#!/usr/bin/env node
// The `nixkit-isso` command. This launcher is committed, not built: npm links a workspace's bin
// only when its file exists at `npm ci` time, which is before dist/ is built. The CLI itself is
// the CommonJS bundle in dist/ (tools/bundle-cli.js); this launcher is CommonJS too, so Node
// starts it without the ESM loader (measured in BENCHMARKS.md, cold start).
//
// Compiling the 350 kB bundle is the largest part of the start-up, and Node 20 has no compile
// cache (module.enableCompileCache is Node 22), so this launcher keeps V8's code cache itself:
// the bundle is compiled with vm.Script and the cached data of an earlier run, and when there
// was none or V8 rejected it (another Node or V8 flags), the cache is written once the command
// has run, so it holds the functions the command compiled. Correctness does not depend on it:
// V8 checks its version, flags and the source length, the file name carries the bundle's
// content hash (written by tools/bundle-cli.js) and the Node version and architecture, a
// rejected or unreadable cache only means a normal compile, and a cache that cannot be written
// (read-only or missing home, NIXKIT_CODE_CACHE=0) is skipped silently. The cache lives in the
// user's cache directory ($NIXKIT_CACHE_DIR, $XDG_CACHE_HOME or ~/.cache, then nixkit/), never
// next to the package, which may be read-only (the Nix store); one file per Node version.
'use strict';
const { readFileSync, writeFileSync, mkdirSync, readdirSync, renameSync, rmSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'nixkit-isso.cjs');
let source;
try {
  source = readFileSync(bundle, 'utf8');
} catch {
  // A clone where `npm run build` has not run yet: one line, the internal-error exit code.
  process.stderr.write(`nixkit-isso: ${bundle} is missing; build the package first (npm run build)\n`);
  process.exit(4);
}

/** The cache file for this bundle and this Node, or undefined when caching is off. */
function cacheFile() {
  if (process.env.NIXKIT_CODE_CACHE === '0') return undefined;
  // The bundle's second line is `// nixkit-bundle <sha256 of the bundle>` (tools/bundle-cli.js).
  const id = /^.*\n\/\/ nixkit-bundle ([0-9a-f]{64})\n/.exec(source.slice(0, 200))?.[1];
  const home = process.env.HOME;
  const base = process.env.NIXKIT_CACHE_DIR || process.env.XDG_CACHE_HOME || (home ? join(home, '.cache') : undefined);
  if (id === undefined || !base) return undefined;
  return join(base, 'nixkit', `nixkit-isso-${id.slice(0, 32)}-${process.version}-${process.arch}.v8`);
}

const cache = cacheFile();
let cachedData;
if (cache !== undefined) {
  try {
    cachedData = readFileSync(cache);
  } catch {
    // No cache yet: this run writes it.
  }
}
const vm = require('node:vm');
// `#!` is not JavaScript; a comment of the same length keeps every line and column in place.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source.startsWith('#!') ? `//${source.slice(2)}` : source}\n})`, {
  filename: bundle,
  cachedData,
});
if (cache !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
  process.once('exit', () => {
    try {
      mkdirSync(dirname(cache), { recursive: true, mode: 0o700 });
      // Written next to the final name and renamed over it, so a reader never sees half a file.
      const partial = `${cache}.${process.pid}.tmp`;
      writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
      try {
        renameSync(partial, cache);
      } catch {
        rmSync(partial, { force: true });
      }
      // One cache per Node version: the ones of earlier builds would otherwise pile up.
      const suffix = `-${process.version}-${process.arch}.v8`;
      for (const name of readdirSync(dirname(cache))) {
        if (name.startsWith('nixkit-isso-') && name.endsWith(suffix) && name !== basename(cache)) rmSync(join(dirname(cache), name), { force: true });
      }
    } catch {
      // Not writable: the next run compiles again, nothing else changes.
    }
  });
}
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, require('node:module').createRequire(bundle), bundleModule, bundle, join(__dirname, '..', 'dist'));
