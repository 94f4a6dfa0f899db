import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createStatusParser, parseShow, parseStatusOutput, SystemdStatusError } from '../src/index.js';

const options = suite('parseStatusOutput: options');

function throwsAt(run: () => unknown, path: string): void {
  try {
    run();
  } catch (error) {
    assert.instance(error, SystemdStatusError);
    assert.is((error as SystemdStatusError).path, path);
    assert.match((error as Error).message, path);
    return;
  }
  assert.unreachable(`expected an error at ${path}`);
}

options('rejects unknown options and wrong types, naming the option', () => {
  throwsAt(() => parseStatusOutput('', { referenceDat: new Date() } as never), 'options.referenceDat');
  throwsAt(() => parseStatusOutput('', { referenceDate: '2020-01-01' } as never), 'options.referenceDate');
  throwsAt(() => parseStatusOutput('', { referenceDate: new Date('nope') }), 'options.referenceDate');
  throwsAt(() => parseStatusOutput('', { utcOffsetMinutes: 3600 }), 'options.utcOffsetMinutes');
  throwsAt(() => parseShow('', { timeZones: { PST: '-8' } } as never), 'options.timeZones.PST');
  throwsAt(() => parseStatusOutput('', 'utc' as never), 'options');
  throwsAt(() => parseStatusOutput('', new Map() as never), 'options');
  throwsAt(() => parseStatusOutput('', { timeZones: new Map([['PST', -480]]) } as never), 'options.timeZones');
  throwsAt(() => parseStatusOutput('', { timeZones: { PST: 10n } } as never), 'options.timeZones.PST');
  throwsAt(() => parseStatusOutput('', { utcOffsetMinutes: NaN }), 'options.utcOffsetMinutes');
  throwsAt(() => parseStatusOutput('', { utcOffsetMinutes: Infinity }), 'options.utcOffsetMinutes');
  throwsAt(() => parseStatusOutput('', { utcOffsetMinutes: 1.5 }), 'options.utcOffsetMinutes');
  throwsAt(() => parseStatusOutput('', { meter: { operations: NaN } }), 'options.meter');
  throwsAt(() => parseStatusOutput('', { meter: { operations: 1n } } as never), 'options.meter');
  throwsAt(() => createStatusParser({ referenceDate: Date.now() } as never), 'options.referenceDate');
});

options('counts the characters it examines in the meter', () => {
  const meter = { operations: 0 };
  parseStatusOutput('● a.service\n     Loaded: loaded\n', { meter });
  assert.ok(meter.operations >= 30);
});

options('lists hints and out-of-unit lines at the output level', () => {
  const out = parseStatusOutput('garbage first\n● a.service\nHint: Some lines were ellipsized, use -l to show in full.\n');
  assert.equal(out.diagnostics, [{ line: 1, text: 'garbage first', reason: 'not part of a unit block' }]);
  assert.ok(out.ellipsized);
  assert.equal(out.notices, ['Hint: Some lines were ellipsized, use -l to show in full.']);
});

options.run();
