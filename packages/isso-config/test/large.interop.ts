import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, serialize, toNixosSettings, validate } from '../src/index.js';

// The heavy end of the robustness suite: 50 MB inputs, kept out of `npm test` for its runtime.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const large = suite('50 MB inputs');

large('parse, validate and serialize a 50 MB host list without throwing, within a heap bound', () => {
  const host = Array.from({ length: 1_700_000 }, (_, i) => `https://host-${i}.example.org`);
  const text = serialize({ general: { host } }, { version: '0.14.0' });
  assert.ok(text.length > 50_000_000, `${text.length}`);
  collect();
  const before = process.memoryUsage().heapUsed;
  const { config, diagnostics } = parse(text);
  collect();
  const retained = process.memoryUsage().heapUsed - before;
  assert.equal(diagnostics, []);
  assert.is(config.general?.host?.length, host.length);
  assert.ok(retained < text.length * 8, `${retained} bytes retained for ${text.length} bytes`);
  assert.is(validate(config, { version: '0.14.0' }).config.general?.host?.length, host.length);
  assert.ok((toNixosSettings(config, { version: '0.14.0' }).general?.host as string).length > 50_000_000);
});

large('parse 50 MB of unknown keys and of garbage lines with bounded diagnostics', () => {
  const keys = `[general]\n${'unknown-key = some value here\n'.repeat(1_700_000)}`;
  assert.ok(parse(keys).diagnostics.length <= 10_001);
  const garbage = `${'${ no section here }\n'.repeat(2_500_000)}`;
  const { diagnostics } = parse(garbage);
  assert.is(diagnostics.length, 10_001);
});

large.run();
