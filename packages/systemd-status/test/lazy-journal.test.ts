import { readdirSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hostileString, HOSTILE_FRAGMENTS, intBetween, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { createStatusParser, parseStatusOutput, summarize, SystemdStatusError, type JournalEntry, type ParseOptions, type StatusOutput } from '../src/index.js';
import { fixture } from './fixtures.js';

const lazy = suite("parseStatusOutput with journal: 'lazy'");

const FIXTURES = readdirSync(new URL('./fixtures/', import.meta.url)).filter((name) => !name.startsWith('show-')).map((name) => fixture(name));

// Month tokens of every locale the parser knows (see months.ts and journal-locales.test.ts),
// printed spellings with and without the dot, plus tokens it does not know.
const MONTHS = [
  'Jan', 'Feb', 'Mär', 'nov.', 'janv.', 'févr.', 'août', 'déc.', 'ene', 'sept', 'gen', 'mag', 'fev', 'out', 'mrt', 'mei',
  'tammi', 'maalis', 'marras', 'joulu', 'янв', 'нояб.', 'мая', 'дек.', '1月', '12月', ' 4月', '10월', 'sty', 'paź', 'Şub',
  'Ağu', 'led', 'úno', 'NOV', 'Νοε', 'x', '13月', '月', '…',
];
const HOSTS = ['web03', 'h', 'localhost.localdomain', 'émile', '日本', 'a:b'];
const IDENTIFIERS = ['podman[14697]', 'kernel', 'systemd[1]', 'app[]', 'app[x]', 'app[12345678901]', 'a[b][2]', '[3]', 'sshd[007]', ''];
const PIECES = [...HOSTILE_FRAGMENTS, ': ', '[', ']', '[1]:', '…', '>', '<', '$', '...', '\x1b[0;31m', '\x1b[0m', '\u2028', '\ud800', '\u0000', '\ufeff', '\u00a0\u00a0'];

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** One journal line in any of the formats the parser reads, or one it must reject. */
function journalLine(random: () => number): string {
  const time = `${two(intBetween(random, 0, 25))}:${two(intBetween(random, 0, 61))}:${two(intBetween(random, 0, 61))}${random() < 0.3 ? `.${'123456789'.slice(0, intBetween(random, 1, 7))}` : ''}`;
  const day = random() < 0.8 ? two(intBetween(random, 0, 32)) : String(intBetween(random, 1, 9));
  const host = random() < 0.15 ? '' : `${pick(random, HOSTS)} `;
  const separator = pick(random, [': ', ': ', ':', ' ', '']);
  const rest = `${pick(random, IDENTIFIERS)}${separator}${hostileString(random, 10, PIECES)}`;
  const stamp = pick(random, [
    () => `${pick(random, MONTHS)} ${day} ${time}`,
    () => `${pick(random, MONTHS)} ${day} ${time}`,
    () => `2024-${two(intBetween(random, 1, 13))}-${day}T${time}${pick(random, ['Z', '+0100', '-03:30', '+01'])}`,
    () => `${pick(random, ['Sun', 'mer.', 'Di'])} 2024-02-${day} ${time} ${pick(random, ['UTC', 'CET', 'CST', 'XYZ'])}`,
    () => `${intBetween(random, 0, 2e9)}.${intBetween(random, 0, 999999)}`,
    () => `[${' '.repeat(intBetween(random, 0, 4))}${intBetween(random, 0, 99999)}.${intBetween(random, 0, 999999)}]`,
    () => hostileString(random, 4, PIECES),
  ])();
  const line = `${' '.repeat(intBetween(random, 0, 2))}${stamp} ${host}${rest}`;
  const shape = intBetween(random, 0, 19);
  if (shape === 0) return `${line}${'long message '.repeat(intBetween(random, 1000, 8000))}`;
  if (shape === 1) return `  ${hostileString(random, 6, PIECES)}`; // a continuation line, or garbage
  if (shape === 2) return hostileString(random, 12, PIECES); // no timestamp at all
  if (shape === 3) return `${line}\r`;
  return line;
}

function unitWithJournal(random: () => number): string {
  const zone = pick(random, ['UTC', 'CET', '+0530', 'PST']);
  const lines = [`● app${intBetween(random, 0, 9)}.service - App`, `     Active: active (running) since Mon 2024-01-01 00:00:00 ${zone}; 1h ago`, ''];
  const n = intBetween(random, 0, 40);
  for (let i = 0; i < n; i++) lines.push(journalLine(random));
  return lines.join('\n');
}

function input(random: () => number): string {
  const parts: string[] = [];
  const n = intBetween(random, 1, 4);
  for (let i = 0; i < n; i++) parts.push(random() < 0.25 ? pick(random, FIXTURES) : unitWithJournal(random));
  return parts.join(pick(random, ['\n\n', '\n', '\r\n\r\n']));
}

const FIELDS = ['line', 'timestamp', 'date', 'month', 'day', 'time', 'host', 'identifier', 'pid', 'message'] as const;

/** A plain copy of an entry made by reading each field, the way a caller would. */
function readFields(entry: JournalEntry): JournalEntry {
  const copy: Record<string, unknown> = {};
  for (const field of FIELDS) copy[field] = entry[field];
  return copy as unknown as JournalEntry;
}

/** The output with every journal entry replaced by what reading its fields gives. */
function readAll(out: StatusOutput): StatusOutput {
  return { ...out, units: out.units.map((unit) => ({ ...unit, journal: unit.journal.map(readFields) })) };
}

function streamed(text: string, options: ParseOptions, random: () => number): StatusOutput {
  const parser = createStatusParser(options);
  const units = [];
  for (let at = 0; at < text.length;) {
    const size = intBetween(random, 1, 300);
    units.push(...parser.write(text.slice(at, at + size)));
    at += size;
  }
  const tail = parser.end();
  return { ...tail, units: [...units, ...tail.units] };
}

const OPTIONS: readonly ParseOptions[] = [
  {},
  { referenceDate: new Date('2024-12-31T12:00:00Z') },
  { referenceDate: new Date('2025-01-01T00:10:00Z'), utcOffsetMinutes: -480 },
  { referenceDate: new Date('2024-03-01T00:00:00Z'), timeZones: { PST: -480 } },
];

lazy('gives the same JSON, the same fields and the same verdicts as parsed entries, on hostile journals', () => {
  let entries = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const random = seededRandom(seed);
    const text = input(random);
    const options = pick(random, OPTIONS);
    const eager = parseStatusOutput(text, { ...options, journal: random() < 0.5 ? 'parsed' : undefined } as ParseOptions);
    const lazyOut = parseStatusOutput(text, { ...options, journal: 'lazy' });
    const where = `seed ${seed}`;
    // Before any field is read: JSON.stringify goes through toJSON.
    assert.is(JSON.stringify(lazyOut), JSON.stringify(eager), where);
    assert.equal(lazyOut.units.map((unit) => summarize(unit)), eager.units.map((unit) => summarize(unit)), where);
    assert.equal(readAll(lazyOut), eager, where);
    // And again once the fields have been read (cached values).
    assert.is(JSON.stringify(lazyOut, null, 2), JSON.stringify(eager, null, 2), where);
    assert.equal(readAll(streamed(text, { ...options, journal: 'lazy' }, random)), eager, `${where}, streamed`);
    entries += eager.units.reduce((sum, unit) => sum + unit.journal.length, 0);
  }
  assert.ok(entries > 3000, `the inputs carry journal entries (${entries})`);
});

lazy('gives the same fields as parsed entries on every fixture', () => {
  for (const text of FIXTURES) {
    const eager = parseStatusOutput(text, { referenceDate: new Date('2024-12-31T12:00:00Z') });
    const lazyOut = parseStatusOutput(text, { referenceDate: new Date('2024-12-31T12:00:00Z'), journal: 'lazy' });
    assert.equal(readAll(lazyOut), eager);
    assert.is(JSON.stringify(lazyOut), JSON.stringify(eager));
  }
});

lazy('builds short-format entries only when a field is read, then keeps them', () => {
  const text = '● a.service\n     Active: active (running) since Mon 2024-01-01 00:00:00 UTC; 1h ago\n\nJan 02 03:04:05 h app[7]: hello…\n  second line\n';
  const [unit] = parseStatusOutput(text, { journal: 'lazy', referenceDate: new Date('2024-06-01T00:00:00Z') }).units;
  const entry = unit?.journal[0] as JournalEntry;
  // No own fields: the values live in the plain entry built on the first read.
  assert.equal(Object.keys(entry), []);
  assert.equal(unit?.truncated, ['journal.0.message']);
  assert.is(entry.message, 'hello…\nsecond line');
  assert.is(entry.date, entry.date, 'the same Date object on every read');
  assert.is(entry.date?.toISOString(), '2024-01-02T03:04:05.000Z');
  entry.pid = 8;
  assert.is(entry.pid, 8);
  assert.is(JSON.parse(JSON.stringify(entry)).pid, 8);
});

lazy('accepts only parsed or lazy, naming the option', () => {
  for (const journal of ['eager', 'raw', '', 1, null, true, ['lazy']]) {
    assert.throws(() => parseStatusOutput('', { journal } as never), (error: unknown) => error instanceof SystemdStatusError && error.path === 'options.journal');
    assert.throws(() => createStatusParser({ journal } as never), (error: unknown) => error instanceof SystemdStatusError && error.path === 'options.journal');
  }
  assert.equal(parseStatusOutput('', { journal: 'parsed' }).units, []);
});

lazy.run();
