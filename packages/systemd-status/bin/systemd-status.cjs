#!/usr/bin/env node
// The `systemd-status` command. This launcher is committed, not built: npm links a workspace's
// bin only when its file exists at `npm ci` time, which is before dist/ is built. The CLI itself
// is the CommonJS bundle in dist/ (tools/bundle-cli.js); this launcher is CommonJS too, so Node
// starts it without the ESM loader.
'use strict';
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'systemd-status.cjs');
try {
  require.resolve(bundle);
} catch {
  // A clone where `npm run build` has not run yet: one line, the input/output-failed exit code.
  process.stderr.write(`systemd-status: ${bundle} is missing; build the package first (npm run build)\n`);
  process.exit(1);
}
require(bundle);
