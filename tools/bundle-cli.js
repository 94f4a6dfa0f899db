#!/usr/bin/env node
// Bundles a CLI entry and every module it imports into one file. A CLI built from many small
// ESM modules spends most of its start-up resolving and compiling them one by one (about 80 ms
// for nixkit-isso on Node 20); one file starts in a fraction of that. The libraries themselves
// stay unbundled, so importers still get small, tree-shakeable modules.
import { build } from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error('usage: bundle-cli.js <entry.js> <outfile.js>');
  process.exit(2);
}
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Minified: the readable modules ship beside it in dist/, so nothing is lost but bytes.
  minify: true,
  keepNames: true,
  logLevel: 'warning',
});
