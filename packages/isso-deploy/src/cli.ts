#!/usr/bin/env node
// The nixkit-isso command. Everything lives in ./cli/; this file only runs it.
import { runCli } from './cli/run-cli.js';

process.exitCode = runCli(process.argv.slice(2));
