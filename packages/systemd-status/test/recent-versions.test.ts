/**
 * Output of systemd v254–v258, line by line. Each fixture is written as print_status_info() in
 * src/systemctl/systemctl-show.c of that version prints it. Sources read:
 *
 * - v254: Debian's source package 254.26-1~bpo12+1 (upstream tarball systemd-stable-254.26) —
 *   `"   FD Store: %u%s (limit: %u)%s"` (grey limit) when the store holds or may hold descriptors,
 *   in any active state; `"      Error: %i (%m)"`; Memory details joined by `" "`, `available:`
 *   whenever known; sizes always with one decimal (format_bytes_full(), `3.4M`, `2.0G`).
 * - v255: enr0n/systemd@041ce0c1b849c5da361230689a240b26f6417d5f and
 *   AtariDreams/systemd@15ad41f462886d070face51eeca794c018415e18 (post-v254, pre-Invocation
 *   states: NEWS puts peak/swap/zswap in v255 and Invocation in v256) — Memory details in the
 *   order min, low, low (startup), high, high (startup), max, max (startup), swap max,
 *   swap max (startup), zswap max, zswap max (startup), limit, available (only with high/max
 *   set), peak, `swap: X swap peak: Y` (when the swap peak is non-zero), zswap (when non-zero);
 *   the condition that opens `" ("` still tests MemoryAvailable alone, so `Memory: 1.6M ()` is
 *   printed when only that is known.
 * - v256: NEWS of 257.13 ("systemctl status will now display the invocation ID", CHANGES WITH
 *   256) and the project's research notes (read from the v256 tag): `" Invocation: "` after
 *   Duration, `"   Mem peak: %s"` + `" (swap: %s)"` for units without a current size, sizes
 *   without `.0` (`88M`), details still joined by `" "`.
 * - v257: Debian's source package 257.13-1~deb13u1 (tarball systemd-257.13) — after
 *   Active/Until/Duration: `"        Job: %" PRIu32` when a job is queued, then `" Invocation: "
 *   SD_ID128_FORMAT_STR`; `"      Error:"` + `" code: %i (%s)"`, `"; D-Bus: %s"`, `"; Varlink: %s"`;
 *   details joined by `", "` and `swap: X, swap peak: Y`; `available:` only when known and
 *   limited; active state `refreshing` (src/basic/unit-def.c), which services reach in
 *   sub-state `mounting` (src/core/service.c, `systemctl bind`/`mount-image`), with glyph `↻`
 *   and the ActiveEnter timestamp, like reloading.
 * - v258: external-mirrors/pmos-systemd@a04e96ccd841f255640b7afbad66f6a1352ce769 and
 *   11X0r/systemd@4ac8b9b52666669797fbd4eee3ec44810c6cbca2 (the glyph() API of v258; absent
 *   from 257.13) — as v257 plus `" Act. Units: %u"` for slices with
 *   `" (soft limit: %u; hard limit: %u)"` after the Error line.
 *
 * Locales: systemctl's labels are plain printf() strings (no gettext), the timestamp weekday is
 * English since v232 and relative times are never translated; but systemctl calls setlocale(), so
 * the journal's month names (strftime `%b`) and the Error line's strerror() text (`%m`, STRERROR)
 * follow LC_TIME and LC_MESSAGES. Each fixture uses another locale for both: de, fr, es, it, pl.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createStatusParser, parseStatus, parseStatusOutput, summarize, type SystemdUnitStatus } from '../src/index.js';
import { fixture } from './fixtures.js';

const recent = suite('parseStatus: systemd v254–v258');

const MiB = 1024 ** 2;
const size = (raw: string, bytes: number) => ({ raw, bytes });

function units(name: string): SystemdUnitStatus[] {
  const out = parseStatusOutput(fixture(name));
  assert.equal(out.diagnostics, [], `${name}: no stray lines`);
  for (const unit of out.units) {
    assert.equal(unit.diagnostics, [], `${name}: ${unit.name} has no diagnostics`);
    assert.equal(unit.truncated, [], `${name}: ${unit.name} has nothing cut`);
  }
  return out.units;
}

recent('v254: reads `FD Store: N (limit: M)` of running and failed units and a German strerror', () => {
  const [networkd, backup] = units('v254-fd-store-de.txt');
  assert.equal(networkd?.fdStore, { count: 0, limit: 512 });
  assert.equal(backup?.fdStore, { count: 2, limit: 8 });
  assert.equal(backup?.statusError, { code: 2, message: 'Datei oder Verzeichnis nicht gefunden', dbus: null, varlink: null });
  assert.is(backup?.error, '2 (Datei oder Verzeichnis nicht gefunden)');
  assert.equal(backup?.journal.map((e) => [e.month, e.day]), [[10, 16], [10, 16]]);
  assert.equal([backup?.memory, backup?.memPeak, backup?.invocationId, backup?.jobId], [null, null, null, null]);
});

recent('v255: reads peak, swap, swap peak and zswap from space-separated Memory details', () => {
  const [postgres, logind] = units('v255-memory-peak-swap-fr.txt');
  const memory = postgres?.memory;
  assert.equal(memory?.details.map((d) => d.name), ['max', 'available', 'peak', 'swap', 'swap peak', 'zswap']);
  assert.equal(memory?.peak, size('1.9G', Math.round(1.9 * 1024 ** 3)));
  assert.equal(memory?.swap, size('12.0M', 12 * MiB));
  assert.equal(memory?.swapPeak, size('64.0M', 64 * MiB));
  assert.equal(memory?.zswap, size('4.0M', 4 * MiB));
  assert.equal(memory?.max, size('2.0G', 2 * 1024 ** 3));
  assert.equal(memory?.available, size('102.4M', Math.round(102.4 * MiB)));
  assert.equal([memory?.high, memory?.limit], [null, null]);
  assert.equal(logind?.memory, {
    raw: '1.6M', bytes: Math.round(1.6 * MiB), details: [],
    peak: null, swap: null, swapPeak: null, zswap: null, available: null, high: null, max: null, limit: null,
  }, 'the empty ` ()` of v255 is no detail and no cut');
  assert.equal(logind?.statusError?.message, 'Aucun fichier ou dossier de ce type');
  assert.equal(postgres?.journal[0]?.month, 3, 'French `mars`');
});

recent('v256: reads Invocation as a typed id, space-separated peak details and `Mem peak:` with swap', () => {
  const [caddy, mailsync] = units('v256-invocation-mem-peak-es.txt');
  assert.is(caddy?.invocationId, '5e0c9a7b4f2d4d41a1b7c3e9d2f08a66');
  assert.equal(caddy?.memory?.high, size('256M', 256 * MiB));
  assert.equal(caddy?.memory?.swapPeak, size('2.3M', Math.round(2.3 * MiB)));
  assert.equal(caddy?.memory?.swap, size('0B', 0));
  assert.is(mailsync?.invocationId, '9b81c4e2a07d4f6c8e1d55b2aa3c7f90');
  assert.is(mailsync?.duration, '3h 12min 7.455s');
  assert.equal(mailsync?.memPeak, { peak: size('88M', 88 * MiB), swap: size('4M', 4 * MiB) });
  assert.is(mailsync?.statusError?.message, 'No existe el fichero o el directorio');
  assert.is(mailsync?.journal[0]?.month, 7);
});

recent('v257: reads the refreshing state, the Error line with its D-Bus part and a queued job', () => {
  const [app, reports] = units('v257-job-refreshing-dbus-it.txt');
  assert.equal([app?.glyph, app?.glyphState, app?.activeState, app?.subState], ['↻', 'reloading', 'refreshing', 'mounting']);
  assert.is(app?.since?.date?.toISOString(), '2025-10-13T08:15:00.000Z');
  assert.equal(app?.statusError, { code: 13, message: 'Permesso negato', dbus: 'org.freedesktop.DBus.Error.AccessDenied', varlink: null });
  assert.equal(app?.memory?.details.map((d) => d.name), ['max', 'available', 'peak', 'swap', 'swap peak']);
  assert.equal(app?.memory?.peak, size('61M', 61 * MiB));
  assert.equal([reports?.job, reports?.jobId, reports?.invocationId, reports?.since], ['4711', 4711, null, null]);
  assert.is(app?.journal[0]?.month, 10, 'Italian `ott`');
});

recent('v258: reads Act. Units of a slice, Job before Invocation, and an Error line with all three parts', () => {
  const [slice, importer] = units('v258-act-units-job-invocation-pl.txt');
  assert.equal(slice?.activeUnits, { count: 3, softLimit: 2, hardLimit: 4, activatingLimit: null });
  assert.equal(slice?.memory?.swapPeak, size('1M', MiB));
  assert.equal(slice?.cgroupTree.map((n) => n.depth), [0, 1]);
  assert.equal([importer?.jobId, importer?.invocationId], [912, '0c1d2e3f405142638798a9b0c1d2e3f4']);
  assert.equal(importer?.statusError, {
    code: 110, message: 'Przekroczony czas oczekiwania na połączenie',
    dbus: 'org.freedesktop.DBus.Error.Timeout', varlink: 'io.systemd.TimedOut',
  });
  assert.equal([importer?.controlPid, importer?.controlProcess], [3407, 'importer']);
  assert.equal(importer?.fdStore, { count: 8, limit: 8 });
  assert.is(importer?.journal[0]?.month, 10, 'Polish `paź`');
});

recent('reads every Error line form, also cut or garbled, without throwing', () => {
  const read = (value: string) => parseStatus(`● a.service\n      Error: ${value}\n`)[0]?.statusError;
  assert.equal(read('5 (Input/output error)'), { code: 5, message: 'Input/output error', dbus: null, varlink: null });
  assert.equal(read('Varlink: io.systemd.Foo'), { code: null, message: null, dbus: null, varlink: 'io.systemd.Foo' });
  assert.equal(read('D-Bus: org.a.B; Varlink: io.c.D'), { code: null, message: null, dbus: 'org.a.B', varlink: 'io.c.D' });
  assert.equal(read('code: 2 (No such file (or) dir)'), { code: 2, message: 'No such file (or) dir', dbus: null, varlink: null });
  assert.equal(read('code: 2 (No such fi'), { code: 2, message: 'No such fi', dbus: null, varlink: null });
  assert.equal(read('anything; D-Bus: x y'), { code: null, message: null, dbus: null, varlink: null });
});

recent('reads the Error line the same in the C locale and a translated one, keeping the strerror text', () => {
  const read = (value: string) => parseStatus(`● a.service\n      Error: ${value}\n`)[0]?.statusError;
  const english = read('code: 2 (No such file or directory); Varlink: io.systemd.Foo');
  const german = read('code: 2 (Datei oder Verzeichnis nicht gefunden); Varlink: io.systemd.Foo');
  assert.equal({ ...english, message: null }, { ...german, message: null });
  assert.equal([english?.message, german?.message], ['No such file or directory', 'Datei oder Verzeichnis nicht gefunden']);
});

recent('reports a key newer than v258 as a diagnostic and reads the rest of the block', () => {
  const text = fixture('v258-act-units-job-invocation-pl.txt').replace('        CPU: 18ms\n', '        CPU: 18ms\n   CPU peak: 3 (limit: 4)\n');
  const [, importer] = parseStatus(text);
  assert.equal(importer?.diagnostics.map((d) => [d.text.trim(), d.reason]), [['CPU peak: 3 (limit: 4)', 'unknown key']]);
  assert.equal([importer?.cpuMs, importer?.cgroup, importer?.journal.length], [18, '/system.slice/importer.service', 1]);
});

recent('reads Act. Units without limits, with a hard limit only, and with the later activating limit', () => {
  const read = (value: string) => parseStatus(`● s.slice\n Act. Units: ${value}\n`)[0]?.activeUnits;
  assert.equal(read('0'), { count: 0, softLimit: null, hardLimit: null, activatingLimit: null });
  assert.equal(read('5 (hard limit: 5)'), { count: 5, softLimit: null, hardLimit: 5, activatingLimit: null });
  assert.equal(read('1 (soft limit: 1; hard limit: 2; activating limit: 1)'), { count: 1, softLimit: 1, hardLimit: 2, activatingLimit: 1 });
  assert.equal(read('lots (hard limit: x)'), { count: null, softLimit: null, hardLimit: null, activatingLimit: null });
});

recent('keeps a malformed or cut invocation or job id out of the typed fields', () => {
  const [bad] = parseStatus('● a.service\n Invocation: 5e0c9a7b4f2d4d41a1b7c3e9d2f08a6\n        Job: 12a\n');
  assert.equal([bad?.invocation, bad?.invocationId, bad?.job, bad?.jobId], ['5e0c9a7b4f2d4d41a1b7c3e9d2f08a6', null, '12a', null]);
  const [cut] = parseStatus('● a.service\n Invocation: 5e0c9a7b4f2d4d41a1b7c3e9d2f08a66>\n        Job: 12>\n');
  assert.equal([cut?.invocationId, cut?.jobId], [null, null]);
  assert.equal(cut?.truncated, ['invocation', 'job']);
});

recent('gives the same units when the v254–v258 fixtures arrive one character at a time', () => {
  for (const name of ['v254-fd-store-de.txt', 'v255-memory-peak-swap-fr.txt', 'v256-invocation-mem-peak-es.txt', 'v257-job-refreshing-dbus-it.txt', 'v258-act-units-job-invocation-pl.txt']) {
    const text = fixture(name);
    const parser = createStatusParser();
    const streamed: SystemdUnitStatus[] = [];
    for (const char of text) streamed.push(...parser.write(char));
    const tail = parser.end();
    assert.equal([...streamed, ...tail.units], parseStatusOutput(text).units, name);
  }
});

recent.run();

const verdicts = suite('summarize: fields of systemd v254–v258');

const verdictOf = (name: string, index: number) => summarize(parseStatus(fixture(name))[index] ?? {});

verdicts('reports a memory peak within 10% of the tightest limit', () => {
  assert.match(verdictOf('v255-memory-peak-swap-fr.txt', 0).summary, /memory 1\.9G \(peak 1\.9G near max 2\.0G, 95%\)/);
  assert.match(verdictOf('v257-job-refreshing-dbus-it.txt', 0).summary, /peak 61M near max 64M, 95%/);
  assert.match(verdictOf('v256-invocation-mem-peak-es.txt', 0).summary, /memory 41\.5M \(peak 63\.2M\),/, 'far from the limit: the peak alone');
});

verdicts('calls a refreshing unit running and says it is refreshing', () => {
  const result = verdictOf('v257-job-refreshing-dbus-it.txt', 0);
  assert.is(result.health, 'running');
  assert.match(result.summary, /^portable-app\.service: running, refreshing — refreshing \(mounting\)/);
  assert.match(result.summary, /error code: 13 \(Permesso negato\); D-Bus: org\.freedesktop\.DBus\.Error\.AccessDenied$/);
});

verdicts('reports a job in progress and a full FD store', () => {
  const queued = verdictOf('v257-job-refreshing-dbus-it.txt', 1);
  assert.equal([queued.health, queued.summary], ['inactive', 'reports.service: inactive — inactive (dead); job 4711 in progress']);
  const importer = verdictOf('v258-act-units-job-invocation-pl.txt', 1);
  assert.is(importer.health, 'starting');
  assert.match(importer.summary, /job 912 in progress, 1 tasks, memory 2\.1M \(peak 2\.4M\), FD store full \(8 of 8\)/);
  assert.not.match(verdictOf('v254-fd-store-de.txt', 1).summary, /FD store full/);
});

verdicts('takes the new fields from JSON and names a wrong type', () => {
  const unit = JSON.parse(JSON.stringify(parseStatus(fixture('v255-memory-peak-swap-fr.txt'))[0]));
  assert.match(summarize(unit).summary, /near max 2\.0G/);
  assert.throws(() => summarize({ ...unit, jobId: 'x' }), /unit\.jobId/);
  assert.throws(() => summarize({ ...unit, memory: { ...unit.memory, peak: { raw: '1G', bytes: Number.NaN } } }), /unit\.memory\.peak\.bytes/);
  assert.throws(() => summarize({ ...unit, fdStore: { count: 1, limit: '8' } }), /unit\.fdStore\.limit/);
  const older = { ...unit, memory: { raw: '1G', bytes: 1024 ** 3, details: [] } };
  assert.match(summarize(older).summary, /memory 1G,/, 'a unit stored by an older version has no typed memory fields');
});

verdicts.run();
