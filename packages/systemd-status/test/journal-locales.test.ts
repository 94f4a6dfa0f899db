import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseStatus, type JournalEntry } from '../src/index.js';
import { fixture } from './fixtures.js';

const locales = suite('parseStatus: journal timestamps and locales');

// glibc's strftime(%b) in each locale, old and new spellings where glibc changed them.
const MONTHS: Readonly<Record<string, readonly string[]>> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  fr: ['janv.', 'févr.', 'mars', 'avril', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  de: ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'],
  es: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'],
  it: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
  pt: ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  fi: ['tammi', 'helmi', 'maalis', 'huhti', 'touko', 'kesä', 'heinä', 'elo', 'syys', 'loka', 'marras', 'joulu'],
  ru: ['янв', 'фев', 'мар', 'апр', 'мая', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  ruNominative: ['янв.', 'февр.', 'март', 'апр.', 'май', 'июнь', 'июль', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'],
  zh: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  pl: ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'],
  tr: ['Oca', 'Şub', 'Mar', 'Nis', 'May', 'Haz', 'Tem', 'Ağu', 'Eyl', 'Eki', 'Kas', 'Ara'],
  ko: ['1월', '2월', '3월', '4월', '5월', '6월', '7월', '8월', '9월', '10월', '11월', '12월'],
  ja: [' 1月', ' 2月', ' 3月', ' 4月', ' 5月', ' 6月', ' 7月', ' 8月', ' 9月', '10月', '11月', '12月'],
};

function journalOf(lines: readonly string[]): JournalEntry[] {
  const text = `● demo.service - Demo\n     Active: active (running) since Mon 2024-01-01 00:00:00 UTC; 1h ago\n\n${lines.join('\n')}\n`;
  const [unit] = parseStatus(text, { referenceDate: new Date('2024-12-31T12:00:00Z') });
  assert.equal(unit?.diagnostics, []);
  return unit?.journal ?? [];
}

for (const [locale, names] of Object.entries(MONTHS)) {
  locales(`reads all twelve ${locale} month names`, () => {
    const entries = journalOf(names.map((name, i) => `${name} ${String(i + 1).padStart(2, '0')} 10:20:30 host app[42]: message ${i}`));
    assert.equal(entries.map((e) => e.month), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.equal(entries.map((e) => e.date?.toISOString()), names.map((_, i) => `2024-${String(i + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}T10:20:30.000Z`));
    assert.equal(entries.map((e) => [e.host, e.identifier, e.pid]), names.map(() => ['host', 'app', 42]));
  });
}

locales('reads the month names the fixtures were captured with', () => {
  const cases: readonly [string, number][] = [
    ['reference-podman-isso.txt', 11], ['v219-centos7-httpd-failed.txt', 3], ['v229-ubuntu1604-nginx-de.txt', 3],
    ['v237-ubuntu1804-timer-es.txt', 4], ['v245-docker-socket-it.txt', 5], ['v247-debian11-mount-pt.txt', 9],
    ['v249-ubuntu2204-auto-restart-nl.txt', 3], ['v252-debian12-condition-fi.txt', 11], ['v255-ubuntu2404-missing-ru.txt', 11],
    ['v256-nixos-isso-failed-zh.txt', 10], ['v257-nixos-nginx-ja.txt', 4],
  ];
  for (const [name, month] of cases) {
    const entries = parseStatus(fixture(name)).flatMap((u) => u.journal);
    assert.ok(entries.length > 0, name);
    assert.ok(entries.every((e) => e.month === month), `${name}: month ${month}`);
  }
});

locales('keeps the raw timestamp of an unknown locale and still reads host, identifier and message', () => {
  const [entry] = journalOf(['Νοε 01 16:04:17 web03 podman[14697]: container init']);
  assert.equal(entry, {
    line: 4, timestamp: 'Νοε 01 16:04:17', date: null, month: null, day: 1, time: '16:04:17',
    host: 'web03', identifier: 'podman', pid: 14697, message: 'container init',
  });
});

locales('leaves short timestamps undated without a reference date', () => {
  const [unit] = parseStatus('● a.service\n     Active: active (running) since Mon 2024-01-01 00:00:00 UTC; 1h ago\n\nJan 01 00:00:01 h a[1]: x\n');
  assert.is(unit?.journal[0]?.date, null);
});

locales('leaves short timestamps undated when the zone is unknown, unless the caller gives the offset', () => {
  const text = '● a.service\n     Active: active (running) since Mon 2024-01-01 00:00:00 CET; 1h ago\n\nJan 01 00:00:01 h a[1]: x\n';
  const referenceDate = new Date('2024-01-02T00:00:00Z');
  assert.is(parseStatus(text, { referenceDate })[0]?.journal[0]?.date, null);
  assert.is(parseStatus(text, { referenceDate, utcOffsetMinutes: 60 })[0]?.journal[0]?.date?.toISOString(), '2023-12-31T23:00:01.000Z');
});

locales('puts December entries in the previous year when captured in January', () => {
  const [entry] = parseStatus('● a.service\n\nDec 31 23:59:59 h a[1]: x\n', { referenceDate: new Date('2025-01-01T00:10:00Z'), utcOffsetMinutes: 0 })[0]?.journal ?? [];
  assert.is(entry?.date?.toISOString(), '2024-12-31T23:59:59.000Z');
});

locales('reads short-iso, short-precise, short-full, short-unix and short-monotonic lines', () => {
  const entries = journalOf([
    '2020-11-01T16:04:17+0100 web03 podman[1]: iso',
    '2020-11-01T16:04:17.123456+01:00 web03 podman[1]: iso precise',
    'Nov 01 16:04:17.123456 web03 podman[1]: precise',
    'Sun 2020-11-01 16:04:17 UTC web03 podman[1]: full',
    '1604246657.500000 web03 podman[1]: unix',
    '[   12.345678] web03 kernel: monotonic',
  ]);
  assert.equal(entries.map((e) => [e.date?.toISOString() ?? null, e.time, e.message]), [
    ['2020-11-01T15:04:17.000Z', '16:04:17', 'iso'],
    ['2020-11-01T15:04:17.123Z', '16:04:17.123456', 'iso precise'],
    ['2024-11-01T16:04:17.123Z', '16:04:17.123456', 'precise'],
    ['2020-11-01T16:04:17.000Z', '16:04:17', 'full'],
    ['2020-11-01T16:04:17.500Z', null, 'unix'],
    [null, null, 'monotonic'],
  ]);
  assert.equal([entries[5]?.identifier, entries[5]?.pid], ['kernel', null]);
});

locales('rejects impossible calendar dates instead of rolling them over', () => {
  const [unit] = parseStatus('● a.service\n     Active: active since Mon 2023-02-30 10:00:00 UTC; 1h ago\n');
  assert.equal(unit?.since, { raw: 'Mon 2023-02-30 10:00:00 UTC', date: null, relative: '1h ago' });
});

locales('dates named zones only when unambiguous, and lets the caller resolve the rest', () => {
  const line = (zone: string): string => `● a.service\n     Active: active since Mon 2024-01-08 10:00:00 ${zone}; 1h ago\n`;
  assert.is(parseStatus(line('CET'))[0]?.since?.date?.toISOString(), '2024-01-08T09:00:00.000Z');
  assert.is(parseStatus(line('+0530'))[0]?.since?.date?.toISOString(), '2024-01-08T04:30:00.000Z');
  assert.is(parseStatus(line('CST'))[0]?.since?.date, null);
  assert.is(parseStatus(line('CST'), { timeZones: { CST: -360 } })[0]?.since?.date?.toISOString(), '2024-01-08T16:00:00.000Z');
  assert.is(parseStatus('● a.service\n     Active: active since @1704708000; 1h ago\n')[0]?.since?.date?.toISOString(), '2024-01-08T10:00:00.000Z');
});

locales.run();
