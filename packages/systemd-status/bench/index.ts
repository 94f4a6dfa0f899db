import { compare, report } from '../../../tools/bench/harness.js';
import { parseStatus } from '../src/index.js';
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
    runs: 5,
  }),
);
