#!/usr/bin/env node
// Sums uvu's per-run "Total:" and "Passed:" lines from a CI log and prints the one plain line the
// CI harness reads: "N passed, N failed". A run that crashed before its summary (or a non-zero
// exit with no failing test counted) still counts as one failure, so a broken suite is never
// reported green. Exits with the combined status.
import { readFileSync } from 'node:fs';

const [logPath, statusArg = '0'] = process.argv.slice(2);
const text = readFileSync(logPath, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
let total = 0;
let passed = 0;
let skipped = 0;
for (const match of text.matchAll(/Total:\s+(\d+)/g)) total += Number(match[1]);
for (const match of text.matchAll(/Passed:\s+(\d+)/g)) passed += Number(match[1]);
for (const match of text.matchAll(/Skipped:\s+(\d+)/g)) skipped += Number(match[1]);
let failed = total - passed - skipped;
let status = Number(statusArg);
if (status !== 0 && failed === 0) failed = 1;
if (skipped > 0) status = 1; // a skipped test is a defect here
if (failed > 0) status = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status);
