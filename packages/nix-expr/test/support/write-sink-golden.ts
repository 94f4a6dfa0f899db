import { writeFileSync } from 'node:fs';
import { outcome, sinkCases } from './sink-cases.js';

// Rewrites test/golden/print-sink.json from the current printer. Run it only when a layout
// change is meant to alter the printed text: node --import tsx test/support/write-sink-golden.ts
const all = sinkCases().map(outcome);
const text = JSON.stringify(all).replace(/","/g, '",\n"');
writeFileSync(new URL('../golden/print-sink.json', import.meta.url), `${text}\n`);
console.log(`${all.length} cases written`);
