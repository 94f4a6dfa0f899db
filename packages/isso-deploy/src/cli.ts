#!/usr/bin/env node
// The nixkit-isso command. Everything lives in ./cli/; this file only runs it.
import { runCli } from './cli/run-cli.js';

const code = runCli(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
else void code.then((exitCode) => (process.exitCode = exitCode));
