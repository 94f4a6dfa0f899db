#!/usr/bin/env node
// The `systemd-status` command. This launcher is committed, not built: npm links a workspace's
// bin only when its file exists at `npm ci` time, which is before dist/ is built.
import '../dist/cli.js';
