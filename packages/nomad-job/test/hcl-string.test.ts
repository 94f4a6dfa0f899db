import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatGoDuration, hclString, parseGoDuration } from '../src/index.js';

const escape = suite('hclString');

escape('doubles $ and % before { so HCL reads no template sequence', () => {
  assert.is(hclString('${x}'), '"$${x}"');
  assert.is(hclString('%{if}'), '"%%{if}"');
  assert.is(hclString('$${x}'), '"$$${x}"');
  assert.is(hclString('$ % {'), '"$ % {"');
});

escape('escapes quotes, backslashes and newlines', () => {
  assert.is(hclString('a"b\\c\nd\re\tf'), '"a\\"b\\\\c\\nd\\re\\tf"');
});

escape('writes control characters and non-ASCII as \\u and \\U escapes', () => {
  assert.is(hclString('\u0001\u007f'), '"\\u0001\\u007F"');
  assert.is(hclString('é日'), '"\\u00E9\\u65E5"');
  assert.is(hclString('🦀'), '"\\U0001F980"');
});

const durations = suite('Go durations');

durations('formats nanoseconds as time.Duration.String does', () => {
  // Outputs of Go's time.Duration(n).String() for these values.
  const cases: [number, string][] = [
    [0, '0s'], [1, '1ns'], [1500, '1.5µs'], [2_000_000, '2ms'], [1_500_000_000, '1.5s'], [90_000_000_000, '1m30s'],
    [3_600_000_000_000, '1h0m0s'], [3_723_000_000_001, '1h2m3.000000001s'], [300_000_000_000, '5m0s'],
  ];
  for (const [ns, text] of cases) assert.is(formatGoDuration(ns), text, String(ns));
});

durations('parses Go duration text, fractions included, and refuses other text', () => {
  assert.is(parseGoDuration('1h2m3.5s'), 3_723_500_000_000);
  assert.is(parseGoDuration('250ms'), 250_000_000);
  assert.is(parseGoDuration('1.5µs'), 1500);
  assert.is(parseGoDuration('0'), 0);
  for (const bad of ['', '5', '1d', '-1s', '1 s', 's', '.s']) assert.is(parseGoDuration(bad), undefined, bad);
});

durations('formats and parses back every value exactly', () => {
  for (let ns = 1; ns < Number.MAX_SAFE_INTEGER / 3; ns = ns * 3 + 7) assert.is(parseGoDuration(formatGoDuration(ns)), ns);
});

escape.run();
durations.run();
