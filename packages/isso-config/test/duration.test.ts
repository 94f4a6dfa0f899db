import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { durationSeconds, formatDuration } from '../src/index.js';

const FormatDuration = suite('formatDuration');

FormatDuration('writes days, hours, minutes and seconds with zeros left out', () => {
  assert.is(formatDuration(0), '0');
  assert.is(formatDuration(900), '15m');
  assert.is(formatDuration(5437), '1h30m37s');
  assert.is(formatDuration(2592000), '30d');
  assert.is(formatDuration(1861020), '21d12h57m');
  assert.is(formatDuration(59), '59s');
});

FormatDuration.run();

const DurationSeconds = suite('durationSeconds');

DurationSeconds('accepts Isso durations that match completely, and plain seconds', () => {
  assert.is(durationSeconds('15m'), 900);
  assert.is(durationSeconds('3w 12h 57m'), 1861020);
  assert.is(durationSeconds('1h30m37s'), 5437);
  assert.is(durationSeconds('90'), 90);
  assert.is(durationSeconds('0m'), 0);
});

DurationSeconds('refuses what Isso would read only in part or not at all', () => {
  for (const text of ['', '30m1h', '1m 30x', '1y', '1H', '15 m', 'h', '1h ', ' 1h', '-5', '1.5h']) assert.is(durationSeconds(text), undefined, text);
});

DurationSeconds.run();
