#!/usr/bin/env node
/**
 * `systemd-status`: reads `systemctl status` (or, with `--show`, `systemctl show`) output on
 * stdin and prints JSON (default) or one summary line per unit. The exit code mirrors systemctl:
 * 0 when every unit is running, 3 when any is not, 4 when no unit was found, 2 for bad usage.
 */
import { readFileSync } from 'node:fs';
import { parseShow } from './parse-show.js';
import { parseStatusOutput } from './parse-status.js';
import { summarize } from './summarize.js';
import type { ParseOptions } from './types.js';

const USAGE = `Usage: systemctl status UNIT... | systemd-status [--json | --summary] [--show]
                 [--reference-date=ISO-8601] [--utc-offset=MINUTES]

  --json              print the parsed units as JSON (default)
  --summary           print one health line per unit
  --show              the input is \`systemctl show\` output
  --reference-date    when the output was captured; dates journal lines without a year
  --utc-offset        the machine's UTC offset in minutes, for journal lines without a zone

Exit status: 0 all units running, 3 some unit not running, 4 no unit found, 2 usage error.`;

function main(argv: readonly string[]): number {
  let mode: 'json' | 'summary' = 'json';
  let show = false;
  const options: ParseOptions = {};
  for (const arg of argv) {
    const [flag, value] = arg.split(/=(.*)/s) as [string, string | undefined];
    if (flag === '--json') mode = 'json';
    else if (flag === '--summary') mode = 'summary';
    else if (flag === '--show') show = true;
    else if (flag === '--reference-date' && value !== undefined && !Number.isNaN(Date.parse(value))) options.referenceDate = new Date(value);
    else if (flag === '--utc-offset' && value !== undefined && /^[+-]?\d{1,4}$/.test(value)) options.utcOffsetMinutes = Number(value);
    else if (flag === '-h' || flag === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else {
      process.stderr.write(`systemd-status: unrecognized or invalid argument ${JSON.stringify(arg)}\n${USAGE}\n`);
      return 2;
    }
  }
  const input = readFileSync(0, 'utf8');
  const units = show ? parseShow(input, options) : null;
  const output = show ? null : parseStatusOutput(input, options);
  const list = units ?? output?.units ?? [];
  const verdicts = list.map((unit) => summarize(unit));
  if (mode === 'summary') {
    for (const verdict of verdicts) process.stdout.write(`${verdict.summary}\n`);
  } else {
    process.stdout.write(`${JSON.stringify(show ? { units, verdicts } : { ...output, verdicts }, null, 2)}\n`);
  }
  if (list.length === 0) {
    process.stderr.write('systemd-status: no unit found in the input\n');
    return 4;
  }
  return verdicts.every((verdict) => verdict.health === 'running') ? 0 : 3;
}

process.exitCode = main(process.argv.slice(2));
