#!/usr/bin/env node
// The `nixkit-isso` command. This launcher is committed, not built: npm links a workspace's bin
// only when its file exists at `npm ci` time, which is before dist/ is built. The CLI itself is
// the bundle in dist/.
import '../dist/nixkit-isso.js';
