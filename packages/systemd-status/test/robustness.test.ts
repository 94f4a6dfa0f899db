import { readdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seededRandom } from '../../../tools/test-helpers/random.js';
import { make } from '../bench/generate.js';
import { createShowParser, createStatusParser, parseShow, parseStatusOutput, SystemdStatusError } from '../src/index.js';
import type { StatusOutput } from '../src/index.js';
import { fixture } from './fixtures.js';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const FIXTURES = readdirSync(new URL('./fixtures/', import.meta.url)).filter((name) => name.endsWith('.txt'));

/** Cuts `text` at random places (sometimes inside `\r\n` or a multi-byte character's UTF-16 pair). */
function chunks(text: string, random: () => number, maxSize: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; ) {
    const size = 1 + Math.floor(random() * maxSize);
    out.push(text.slice(at, at + size));
    at += size;
  }
  return out;
}

function streamStatus(parts: readonly string[], options?: Parameters<typeof createStatusParser>[0]): StatusOutput {
  const parser = createStatusParser(options);
  const units = parts.flatMap((part) => parser.write(part));
  const tail = parser.end();
  return { ...tail, units: [...units, ...tail.units] };
}

const Identity = suite('createStatusParser and createShowParser: same result as the whole-text parse');

Identity('every fixture, cut at random places, parses exactly as the whole text', () => {
  const random = seededRandom(18);
  for (const name of FIXTURES) {
    const text = fixture(name);
    for (const maxSize of [1, 7, 100, 5000]) {
      const parts = chunks(text, random, maxSize);
      const options = { referenceDate: new Date('2024-11-04T00:00:00Z') };
      assert.equal(streamStatus(parts, options), parseStatusOutput(text, options), `${name} in chunks of ≤${maxSize}`);
      const show = createShowParser();
      const units = parts.flatMap((part) => show.write(part));
      assert.equal([...units, ...show.end()], parseShow(text), `${name} as show output in chunks of ≤${maxSize}`);
    }
  }
});

Identity('a changed-on-disk warning far after its unit still reaches it, within the window', () => {
  const block = (name: string): string => `● ${name} - X\n     Loaded: loaded (/etc/systemd/system/${name}; enabled)\n     Active: active (running) since Sun 2024-11-03 16:04:16 UTC; 1min ago\n`;
  const text = `${block('a.service')}${block('b.service')}Warning: a.service changed on disk. Run 'systemctl daemon-reload' to reload units.\n`;
  const whole = parseStatusOutput(text);
  assert.ok(whole.units[0]?.changedOnDisk);
  assert.equal(streamStatus(chunks(text, seededRandom(1), 9)), whole);
});

Identity('writes after end and non-string chunks are refused with SystemdStatusError', () => {
  const parser = createStatusParser();
  assert.throws(() => parser.write(42 as never), (error: unknown) => error instanceof SystemdStatusError && error.path === 'chunk');
  parser.end();
  assert.throws(() => parser.write(''), (error: unknown) => error instanceof SystemdStatusError);
  assert.throws(() => createShowParser({ meter: { operations: 'x' } } as never), (error: unknown) => error instanceof SystemdStatusError && error.path === 'options.meter');
});

Identity.run();

const Linear = suite('robustness: cost grows linearly');

const SCALES = [1, 2, 4, 8];

function assertLinear(label: string, cost: (scale: number) => number): void {
  const counts = SCALES.map(cost);
  const base = counts[0] as number;
  SCALES.forEach((scale, i) => assert.ok((counts[i] as number) <= base * scale * 1.25, `${label}: ${counts.join(', ')} for ${SCALES.join(', ')}×`));
}

Linear('a long line fed one small chunk at a time', () => {
  assertLinear('long line', (scale) => {
    const meter = { operations: 0 };
    const parser = createStatusParser({ meter });
    const line = `● a.service - ${'x'.repeat(20_000 * scale)}\n`;
    for (const part of chunks(line, seededRandom(scale), 16)) parser.write(part);
    const { units } = parser.end();
    assert.is(units[0]?.description?.length, 20_000 * scale);
    return meter.operations;
  });
});

Linear('many changed-on-disk warnings for units that never appear', () => {
  assertLinear('orphan warnings', (scale) => {
    const meter = { operations: 0 };
    const warning = "Warning: ghost.service changed on disk. Run 'systemctl daemon-reload' to reload units.\n";
    const out = parseStatusOutput(`● a.service\n${warning.repeat(2000 * scale)}`, { meter });
    assert.is(out.units[0]?.warnings.length, 2000 * scale);
    return meter.operations;
  });
});

Linear('many units, each with a journal', () => {
  assertLinear('units', (scale) => {
    const meter = { operations: 0 };
    parseStatusOutput(make(0.01 * scale), { meter });
    return meter.operations;
  });
});

Linear('stray lines between units keep at most 10,000 diagnostics and notices', () => {
  const unit = '● a.service\n     Loaded: loaded (/etc/systemd/system/a.service; enabled)\n';
  const text = `${'garbage\nHint: stray\n'.repeat(12_000)}${unit}`;
  const whole = parseStatusOutput(text);
  assert.is(whole.diagnostics.length, 10_001);
  assert.equal(whole.diagnostics[10_000], { line: 0, text: '', reason: '2000 more lines outside any unit not kept (limit 10000)' });
  assert.is(whole.notices.length, 10_001);
  assert.is(whole.notices[10_000], '… 2000 more notices not kept (limit 10000)');
  assert.equal(streamStatus(chunks(text, seededRandom(3), 4096)), whole);
});

Linear.run();

const Memory = suite('robustness: streaming memory stays flat');

Memory('32 MB of status output in 64 KiB chunks retains less than 24 MB at any point', () => {
  const unit = make(0.05); // about 1 MB of unit blocks
  const parser = createStatusParser();
  collect();
  const before = process.memoryUsage().heapUsed;
  let units = 0;
  let peak = 0;
  for (let round = 0; round < 32; round++) {
    for (let at = 0; at < unit.length; at += 65536) units += parser.write(unit.slice(at, at + 65536)).length;
    if (round % 8 === 7) {
      collect();
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
  }
  units += parser.end().units.length;
  assert.ok(units > 32 * 100, `${units} units`);
  assert.ok(peak < 24 * 1024 * 1024, `${peak} bytes retained while streaming`);
});

Memory.run();
