import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, serialize } from '../src/index.js';

const Parse = suite('parse');

const codes = (text: string, version?: '0.12.5' | '0.13.0' | '0.14.0') =>
  parse(text, version ? { version } : {}).diagnostics.map((d) => `${d.severity}:${d.code}@${d.line}`);

Parse('reads the reference article config into typed values', () => {
  const { config, diagnostics } = parse('[general]\ndbpath = /db/comments.db\nhost =\n  https://vincent.bernat.ch\n  http://localhost:8080\nnotify = smtp\n');
  assert.equal(config, { general: { dbpath: '/db/comments.db', host: ['https://vincent.bernat.ch', 'http://localhost:8080'], notify: ['smtp'] } });
  assert.equal(diagnostics, []);
});

Parse('reads booleans, ints and durations with Isso rules', () => {
  const { config } = parse('[admin]\nenabled = YES\n[smtp]\nport = 1_000\ntimeout = 1m\n[general]\nmax-age = 3w 12h 57m\n[moderation]\npurge-after = 0\n');
  assert.equal(config, { general: { 'max-age': 1861020 }, admin: { enabled: true }, moderation: { 'purge-after': 0 }, smtp: { port: 1000, timeout: 60 } });
});

Parse('keeps # and ; inside values, because Isso has no inline comments', () => {
  assert.equal(parse('[smtp]\npassword = p#ss;w0rd\n[general]\ndbpath = /x # c\n').config, { general: { dbpath: '/x # c' }, smtp: { password: 'p#ss;w0rd' } });
});

Parse('splits newline lists on lines only and comma lists on commas only', () => {
  const { config } = parse('[general]\nhost = https://a, https://b\nnotify = smtp,\n  stdout\n');
  assert.equal(config, { general: { host: ['https://a, https://b'], notify: ['smtp', 'stdout'] } });
  const multiline = parse('[general]\nnotify = stdout\n  smtp\n');
  assert.equal(multiline.config, { general: { notify: ['stdout\nsmtp'] } });
  assert.equal(multiline.diagnostics.map((d) => [d.severity, d.path]), [['warning', ['general', 'notify', 0]]]);
});

Parse('reads an empty comma list as no items', () => {
  assert.equal(parse('[general]\nnotify =\n').config, { general: { notify: [] } });
});

Parse('reports what stops Isso: BOM, missing header, duplicates, empty key, bad booleans', () => {
  assert.equal(codes('\ufeff[general]\nname = x\n'), ['error:bom@1']);
  assert.equal(codes('name = x\n[general]\n'), ['error:missing-section-header@1']);
  assert.equal(codes('[general]\nName = a\nname = b\n'), ['error:duplicate-key@3']);
  assert.equal(codes('[general]\n[general]\n'), ['error:duplicate-section@2']);
  assert.equal(codes('[general]\n= x\n'), ['error:empty-key@2']);
  assert.equal(codes('[admin]\nenabled = y\n'), ['error:invalid-bool@2']);
  assert.equal(codes('[smtp]\nport = 1y\n'), ['error:invalid-int@2']);
  assert.equal(codes('[general]\nname\n'), ['error:valueless-key@2']);
});

Parse('reports what Isso ignores or misreads as warnings', () => {
  assert.equal(codes('[general]\nhost = https://a\nhosts = x\n[extra]\na = 1\nb = 2\n[empty]\n'), ['warning:unknown-key@3', 'warning:unknown-section@4']);
  assert.equal(codes('[general]\nmax-age = 30m1h\n'), ['warning:ignored-duration-tail@2']);
  assert.equal(codes('[server]\npublic-endpoint = https://a/\n'), ['warning:invalid-endpoint@2']);
  assert.equal(codes('[markup]\nrenderer = mistune\n', '0.13.0'), ['warning:unsupported-key@2']);
  assert.equal(codes('[DEFAULT]\na = 1\n'), ['warning:default-section@1']);
});

Parse('reads a whole ${NAME} as a secret reference on 0.14 and warns about $ inside a literal', () => {
  const { config, diagnostics } = parse('[smtp]\npassword = ${ISSO_SMTP_PASSWORD}\nusername = $USER\nhost = mail$HOST\n');
  assert.equal(config, { smtp: { username: { env: 'USER' }, password: { env: 'ISSO_SMTP_PASSWORD' }, host: 'mail$HOST' } });
  assert.equal(diagnostics.map((d) => d.code), ['env-expansion']);
  assert.equal(parse('[smtp]\npassword = ${X}\n', { version: '0.13.0' }).config, { smtp: { password: '${X}' } });
});

Parse('decodes %% for Isso before 0.12.6 and rejects a single %', () => {
  assert.equal(parse('[smtp]\npassword = 100%%\n', { version: '0.12.5' }).config, { smtp: { password: '100%' } });
  assert.equal(codes('[smtp]\npassword = 100%\n', '0.12.5'), ['error:percent-interpolation@2']);
  assert.equal(parse('[smtp]\npassword = 100%%\n', { version: '0.12.6' }).config, { smtp: { password: '100%%' } });
});

Parse('never throws on garbage or wrong input types', () => {
  for (const input of ['\u0000[\n]]]\n\t=\n:::\n', '['.repeat(1000), '\r\r\n\n', undefined, 42, null]) {
    const result = parse(input as string);
    assert.type(result.config, 'object');
  }
});

Parse('runs in linear time on long and pathological input', () => {
  const time = (text: string) => {
    const start = performance.now();
    parse(text);
    return performance.now() - start;
  };
  const unit = '[general]\nhost =\n' + '  https://a\n'.repeat(50) + 'name = ' + '='.repeat(200) + '\n';
  time(unit.repeat(200));
  const small = time(unit.repeat(200));
  const large = time(unit.repeat(2000));
  assert.ok(large < small * 30, `10x input took ${(large / small).toFixed(1)}x the time`);
  const line = time('[a]' + ' '.repeat(200000) + 'x');
  assert.ok(line < 1000, `a long line took ${line} ms`);
});

Parse('reads back what serialize writes', () => {
  const config = { general: { host: ['https://a', 'http://b:8080'], notify: ['stdout', 'smtp'] as ('stdout' | 'smtp')[], 'max-age': 900 }, smtp: { port: 25, security: 'ssl' as const } };
  assert.equal(parse(serialize(config, { version: '0.14.0' })).config, config);
});

Parse.run();
