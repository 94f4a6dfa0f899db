import { compare, report } from '../../../tools/bench/harness.js';
import { createStatusParser, parseStatus, type SystemdUnitStatus } from '../src/index.js';
import { make } from './generate.js';

const encoder = new TextEncoder();
report(
  compare({
    package: '@nixkit/systemd-status',
    workload: 'parse a 20 MB systemctl status output (many units, 60-line journals)',
    make,
    sizeOf: (text) => encoder.encode(text).length,
    ours: (text) => parseStatus(text),
    baselineName: "text.split('\\n')",
    baseline: (text) => text.split('\n'),
    targets: [{ metric: 'speedRatio', atLeast: 0.15 }],
  }),
);

report(
  compare({
    package: '@nixkit/systemd-status',
    workload: 'stream the same output through createStatusParser in 64 KiB chunks',
    make,
    sizeOf: (text) => encoder.encode(text).length,
    ours: (text) => {
      const parser = createStatusParser();
      let units = 0;
      for (let at = 0; at < text.length; at += 65536) units += parser.write(text.slice(at, at + 65536)).length;
      return units + parser.end().units.length;
    },
    baselineName: "text.split('\\n')",
    baseline: (text) => text.split('\n'),
    runs: 5,
  }),
);

report(
  compare({
    package: '@nixkit/systemd-status',
    workload: "parse the same output with journal: 'lazy' (no journal field read)",
    make,
    sizeOf: (text) => encoder.encode(text).length,
    ours: (text) => parseStatus(text, { journal: 'lazy' }),
    baselineName: "text.split('\\n')",
    baseline: (text) => text.split('\n'),
    targets: [{ metric: 'speedRatio', atLeast: 0.3 }],
  }),
);

/** Reads every field of every journal entry, so lazy entries are all built. */
function readEveryEntry(units: readonly SystemdUnitStatus[]): number {
  let sum = 0;
  for (const unit of units) {
    for (const e of unit.journal) {
      sum += e.line + e.timestamp.length + (e.date === null ? 0 : 1) + (e.month ?? 0) + (e.day ?? 0) + (e.time?.length ?? 0) +
        (e.host?.length ?? 0) + (e.identifier?.length ?? 0) + (e.pid ?? 0) + e.message.length;
    }
  }
  return sum;
}

report(
  compare({
    package: '@nixkit/systemd-status',
    workload: "parse with journal: 'lazy' and read every field of every journal entry",
    make,
    sizeOf: (text) => encoder.encode(text).length,
    ours: (text) => readEveryEntry(parseStatus(text, { journal: 'lazy' })),
    baselineName: "text.split('\\n')",
    baseline: (text) => text.split('\n'),
    targets: [{ metric: 'speedRatio', atLeast: 0.15 }],
  }),
);
