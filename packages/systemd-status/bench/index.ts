import { compare, report } from '../../../tools/bench/harness.js';
import { createStatusParser, parseStatus } from '../src/index.js';
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
