/**
 * Serializes and parses a 10,000-section isso.conf (Isso's own sections plus lenient extra
 * sections, as a multi-site setup would have), against npm `ini` on the same data in the same
 * process. `ini` is only a speed baseline here: its output is not what Isso reads (see README).
 */
import * as ini from 'ini';
import { compare, report } from '../../../tools/bench/harness.js';
import { parse, parseRaw, serialize, type IssoConfig } from '../src/index.js';

const SECTIONS = 10_000;

function makeConfig(scale: number): IssoConfig {
  const config: Record<string, Record<string, unknown>> = {
    general: { dbpath: '/var/lib/isso/comments.db', host: ['https://example.org', 'http://localhost:8080'], notify: ['smtp'], 'max-age': 900 },
    server: { listen: 'http://localhost:8080', 'public-endpoint': 'https://example.org/isso' },
    smtp: { host: 'mail.example.org', port: 587, security: 'starttls', password: 'p#ss;w0rd%' },
  };
  const extra = SECTIONS * scale - Object.keys(config).length;
  for (let i = 0; i < extra; i++) {
    config[`site-${i}`] = { name: `site ${i}`, url: `https://example.org/blog/${i}?a=b`, enabled: i % 2 === 0, port: 8000 + (i % 1000) };
  }
  return config as IssoConfig;
}

const options = { version: '0.14.0', lenient: true } as const;

report(
  compare({
    package: '@nixkit/isso-config',
    workload: `serialize a ${SECTIONS.toLocaleString('en')}-section isso.conf`,
    make: makeConfig,
    sizeOf: (config) => serialize(config, options).length,
    ours: (config) => serialize(config, options),
    baselineName: 'ini.encode',
    baseline: (config) => ini.encode(config, { whitespace: true }),
  }),
);

report(
  compare({
    package: '@nixkit/isso-config',
    workload: `parse a ${SECTIONS.toLocaleString('en')}-section isso.conf (typed, with diagnostics)`,
    make: (scale) => serialize(makeConfig(scale), options),
    sizeOf: (text) => text.length,
    ours: (text) => parse(text),
    baselineName: 'ini.decode',
    baseline: (text) => ini.decode(text),
    notes: ['the extra sections are unknown to Isso, so parse also builds one warning per section (10,000 diagnostics)'],
  }),
);

report(
  compare({
    package: '@nixkit/isso-config',
    workload: `parseRaw a ${SECTIONS.toLocaleString('en')}-section isso.conf (configparser semantics only)`,
    make: (scale) => serialize(makeConfig(scale), options),
    sizeOf: (text) => text.length,
    ours: (text) => parseRaw(text),
    baselineName: 'ini.decode',
    baseline: (text) => ini.decode(text),
  }),
);
