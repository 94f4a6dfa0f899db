#!/usr/bin/env node
// The `nixkit-isso` command. This launcher is committed, not built: npm links a workspace's bin
// only when its file exists at `npm ci` time, which is before dist/ is built. The CLI itself is
// the CommonJS bundle in dist/ (tools/bundle-cli.js); this launcher is CommonJS too, so Node
// starts it without the ESM loader (measured in BENCHMARKS.md, cold start).
'use strict';
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'nixkit-isso.cjs');
try {
  require.resolve(bundle);
} catch {
  // A clone where `npm run build` has not run yet: one line, the internal-error exit code.
  process.stderr.write(`nixkit-isso: ${bundle} is missing; build the package first (npm run build)\n`);
  process.exit(4);
}
require(bundle);
