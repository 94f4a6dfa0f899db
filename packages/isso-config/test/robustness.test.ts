import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { durationSeconds, env, formatDuration, IssoConfigError, parse, parseRaw, secretEnvVars, serialize, toNixosSettings, validate } from '../src/index.js';
import { operationMeter } from '../src/operation-meter.js';

// Force a full collection so heap deltas measure what is retained, not garbage.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const SCALES = [1, 2, 4, 8];

/** The operations counted for each scale; asserts that 8× the input costs at most ~8× as much. */
function assertLinear(label: string, cost: (scale: number) => number): void {
  const counts = SCALES.map(cost);
  const base = counts[0] as number;
  assert.ok(base > 0, `${label}: nothing was counted`);
  SCALES.forEach((scale, i) => {
    assert.ok((counts[i] as number) <= base * scale * 1.25, `${label}: ${counts.join(', ')} operations for ${SCALES.join(', ')}× input`);
  });
}

function metered(run: () => void): number {
  operationMeter.operations = 0;
  run();
  return operationMeter.operations;
}

function errorOf(run: () => unknown): IssoConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof IssoConfigError) return error;
    throw error;
  }
  throw new Error('expected an IssoConfigError');
}

const Linear = suite('robustness: linear cost');

Linear('parse scans a value of unclosed ${ once, not once per ${', () => {
  assertLinear('${ value', (scale) => metered(() => {
    const { diagnostics } = parse(`[general]\nname = ${'${'.repeat(5000 * scale)}`);
    assert.is(diagnostics.length, 0);
  }));
});

Linear('parse still finds a ${…} that closes at the very end', () => {
  const { diagnostics } = parse(`[general]\nname = ${'${'.repeat(20000)}}`);
  assert.equal(diagnostics.map((d) => d.code), ['env-expansion']);
});

Linear('validate of a host list with ${ in many items is linear in the list length', () => {
  assertLinear('${ hosts', (scale) => metered(() => {
    const host = Array.from({ length: 5000 * scale }, (_, i) => (i % 2 === 0 ? 'https://a.example${' : 'https://b.example'));
    assert.is(validate({ general: { host } }, { version: '0.14.0' }).config.general?.host?.length, 5000 * scale);
  }));
});

Linear('parse of many diagnostic lines is linear and keeps a fixed number of diagnostics', () => {
  assertLinear('garbage lines', (scale) => metered(() => {
    assert.is(parse('x = 1\n'.repeat(16_000 * scale)).diagnostics.length, 10_001);
  }));
});

Linear('parse of a host list of many lines is linear', () => {
  assertLinear('host lines', (scale) => metered(() => {
    const text = `[general]\nhost =\n${'    https://example.org/${x\n'.repeat(16_000 * scale)}`;
    assert.is(parse(text).config.general?.host?.length, 16_000 * scale);
  }));
});

Linear.run();

const Large = suite('robustness: large and deep input');

Large('parse of 130,000 diagnostic lines returns without a RangeError, keeping the first 10,000', () => {
  const { diagnostics } = parse('x\n'.repeat(130_000));
  assert.is(diagnostics.length, 10_001);
  const closing = diagnostics[diagnostics.length - 1];
  assert.is(closing?.code, 'too-many-diagnostics');
  assert.is(closing?.value, 120_000);
  assert.is(closing?.severity, 'error');
  assert.is(parseRaw('x\n'.repeat(130_000)).diagnostics.length, 10_001);
});

Large('parse of 130,000 valid lines reads every item', () => {
  const text = `[general]\nhost =\n${Array.from({ length: 130_000 }, (_, i) => `    https://h${i}.example`).join('\n')}\n`;
  const { config, diagnostics } = parse(text);
  assert.equal(diagnostics, []);
  assert.is(config.general?.host?.length, 130_000);
});

Large('a 4 MB valid file stays within a heap bound of 40 bytes per input byte', () => {
  const items = Array.from({ length: 200_000 }, (_, i) => `    https://host-${i}.example.org`);
  const text = `[general]\nhost =\n${items.join('\n')}\n[server]\nlisten = http://localhost:8080\n`;
  collect();
  const before = process.memoryUsage().heapUsed;
  const result = parse(text);
  collect();
  const retained = process.memoryUsage().heapUsed - before;
  assert.is(result.config.general?.host?.length, 200_000);
  assert.ok(retained < text.length * 40, `${retained} bytes retained for ${text.length} bytes of input`);
});

Large('error messages show a bounded preview of huge, cyclic, deep and odd values', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  let deep: unknown[] = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const odd = Object.create(null) as object;
  for (const [value, path] of [
    [`${'x'.repeat(5_000_000)}\n`, ['general', 'dbpath']],
    [cyclic, ['general', 'dbpath']],
    [deep, ['general', 'dbpath']],
    [odd, ['general', 'dbpath']],
    [10n, ['smtp', 'port']],
    [Symbol('x'), ['smtp', 'port']],
  ] as const) {
    const section = path[0];
    const error = errorOf(() => validate({ [section]: { [path[1]]: value } }, { version: '0.14.0' }));
    assert.equal(error.path, path);
    assert.ok(error.message.length < 600, error.message.slice(0, 200));
  }
});

Large.run();

const Options = suite('robustness: options and helper inputs are validated');

Options('serialize, validate and toNixosSettings refuse bad options, naming the option', () => {
  for (const run of [serialize, validate, toNixosSettings] as const) {
    for (const [options, path] of [
      [{ version: '0.14.0', lenent: true }, ['options', 'lenent']],
      [{ version: '0.14.0', lenient: 'yes' }, ['options', 'lenient']],
      [{ version: '0.14.0', lenient: 1 }, ['options', 'lenient']],
      [new Map([['version', '0.14.0']]), ['options']],
      [null, ['options']],
      ['0.14.0', ['options']],
      [[], ['options']],
    ] as const) {
      assert.equal(errorOf(() => run({}, options as never)).path, path, `${run.name} ${String(options)}`);
    }
    for (const version of [NaN, Infinity, 14, 10n, '0.14.0 ', ['0.14.0'], undefined]) {
      assert.is(errorOf(() => run({}, { version } as never)).issues[0]?.code, 'invalid-version', String(version));
    }
  }
});

Options('parse reports bad options as error diagnostics and reads with the defaults', () => {
  const { config, diagnostics } = parse('[general]\nname = x\n', { versio: '0.13.0' } as never);
  assert.equal(config, { general: { name: 'x' } });
  assert.equal(diagnostics.map((d) => [d.code, d.path]), [['unknown-option', ['options', 'versio']]]);
  assert.is(parse('', null as never).diagnostics[0]?.code, 'invalid-options');
  assert.is(parse('', { version: NaN } as never).diagnostics[0]?.code, 'invalid-version');
});

Options('config values: sparse arrays, Maps, BigInts, NaN and Infinity are refused at their path', () => {
  // eslint-disable-next-line no-sparse-arrays
  const cases: [unknown, (string | number)[]][] = [
    [{ general: { host: [, 'https://a.example'] } }, ['general', 'host', 0]],
    [{ general: new Map([['host', ['https://a.example']]]) }, ['general']],
    [{ general: { host: new Set(['https://a.example']) } }, ['general', 'host']],
    [{ smtp: { port: 587n } }, ['smtp', 'port']],
    [{ smtp: { port: NaN } }, ['smtp', 'port']],
    [{ smtp: { port: Infinity } }, ['smtp', 'port']],
    [{ smtp: { port: 2 ** 64 } }, ['smtp', 'port']],
    [{ smtp: { timeout: -1 } }, ['smtp', 'timeout']],
    [{ general: { 'max-age': 1e300 } }, ['general', 'max-age']],
  ];
  for (const [config, path] of cases) assert.equal(errorOf(() => serialize(config as never, { version: '0.14.0' })).path, path);
});

Options('helpers refuse what they cannot use with IssoConfigError, or return undefined where documented', () => {
  for (const seconds of [NaN, Infinity, -1, 1.5, 2 ** 64, '60', 10n]) errorOf(() => formatDuration(seconds as never));
  assert.is(formatDuration(5437), '1h30m37s');
  for (const text of [null, undefined, 60, ['60'], {}]) assert.is(durationSeconds(text as never), undefined);
  for (const name of [1, '', '1X', 'A-B', null]) assert.is(errorOf(() => env(name as never)).issues[0]?.code, 'invalid-env-name');
  for (const config of [null, 'x', [], 1]) errorOf(() => secretEnvVars(config as never));
  assert.is(parseRaw(42 as never).diagnostics[0]?.code, 'wrong-type');
});

Options.run();

const Messages = suite('robustness: messages stay short');

Messages('megabyte names and values are cut in every message', () => {
  const huge = 'n'.repeat(1_000_000);
  const texts = [
    `[${huge}]\nk = v\n[${huge}]\n`,
    `[general]\n${huge} = 1\n${huge} = 2\n`,
    `[general]\nname = \${${huge}}\n`,
  ];
  for (const text of texts) {
    for (const diagnostic of parse(text).diagnostics) assert.ok(diagnostic.message.length < 1000, diagnostic.message.slice(0, 120));
  }
  const lenient = errorOf(() => serialize({ [`${huge}[`]: { k: 'v' }, general: { [huge]: 'x\n' } } as never, { version: '0.14.0', lenient: true }));
  for (const issue of lenient.issues) assert.ok(issue.message.length < 1000, issue.message.slice(0, 120));
  assert.ok(errorOf(() => validate({ [huge]: {} }, { version: '0.14.0' })).message.length < 1000);
});

Messages.run();
