import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { validate, type IssoConfigError } from '../src/index.js';
import { catchError } from './catch-error.js';

const Validate = suite('validate');

function errorOf(input: unknown, lenient = false): IssoConfigError {
  return catchError(() => validate(input, { version: '0.14.0', lenient }));
}

Validate('returns the config with durations in seconds and no warnings for a complete config', () => {
  const result = validate({ general: { host: ['https://a'], 'max-age': '1h30m' }, moderation: { 'purge-after': 60 } }, { version: '0.14.0' });
  assert.equal(result.config, { general: { host: ['https://a'], 'max-age': 5400 }, moderation: { 'purge-after': 60 } });
  assert.equal(result.warnings, []);
});

Validate('reports an unknown section or key with its path, value and the accepted names', () => {
  const section = errorOf({ genral: { host: ['https://a'] } });
  assert.equal(section.path, ['genral']);
  assert.match(section.accepted, /general/);
  const key = errorOf({ general: { hosts: ['https://a'] } });
  assert.equal(key.path, ['general', 'hosts']);
  assert.equal(key.value, ['https://a']);
  assert.match(key.message, /\[general\] hosts/);
  assert.match(key.accepted, /host/);
});

Validate('turns unknown keys into warnings in lenient mode', () => {
  const result = validate({ general: { host: ['https://a'], hosts: 'x' } }, { version: '0.14.0', lenient: true });
  assert.equal(result.warnings.map((w) => [w.code, w.path]), [['unknown-key', ['general', 'hosts']]]);
});

Validate('reports wrong types with what is accepted', () => {
  const cases: [unknown, (string | number)[], RegExp][] = [
    [{ smtp: { port: '587' } }, ['smtp', 'port'], /whole number/],
    [{ smtp: { port: -1 } }, ['smtp', 'port'], /whole number/],
    [{ smtp: { port: 1.5 } }, ['smtp', 'port'], /whole number/],
    [{ admin: { enabled: 'yes' } }, ['admin', 'enabled'], /true or false/],
    [{ general: { host: 'https://a' } }, ['general', 'host'], /array/],
    [{ general: { host: [42] } }, ['general', 'host', 0], /array of strings/],
    [{ general: { host: [, 'https://a'] } }, ['general', 'host', 0], /array of strings/],
    [{ general: { 'max-age': '30m1h' } }, ['general', 'max-age'], /duration/],
    [{ general: { 'max-age': '1y' } }, ['general', 'max-age'], /duration/],
    [{ general: { 'max-age': '1000000000d' } }, ['general', 'max-age'], /999999999 days/],
    [{ general: { 'max-age': 2 ** 53 } }, ['general', 'max-age'], /999999999 days/],
    [{ general: { name: null } }, ['general', 'name'], /string/],
    [{ smtp: { security: 'tls' } }, ['smtp', 'security'], /"starttls"/],
    [{ general: { notify: ['email'] } }, ['general', 'notify', 0], /"smtp"/],
    [{ smtp: { password: { env: '1X' } } }, ['smtp', 'password'], /variable name/],
    [{ smtp: { password: { env: 'X', extra: 1 } } }, ['smtp', 'password'], /string/],
    [{ general: [] }, ['general'], /object/],
    [[], [], /object/],
  ];
  for (const [input, path, accepted] of cases) {
    const error = errorOf(input);
    assert.equal(error.path, path, JSON.stringify(input));
    assert.match(error.accepted, accepted, JSON.stringify(input));
  }
});

Validate('lists every error, not only the first', () => {
  const error = errorOf({ general: { name: 1, dbpath: 2 }, smtp: { port: 'x' } });
  assert.equal(error.issues.map((issue) => issue.path), [['general', 'dbpath'], ['general', 'name'], ['smtp', 'port']]);
});

Validate('treats undefined values as absent, as JavaScript callers expect', () => {
  assert.equal(validate({ general: { host: ['https://a'], name: undefined } }, { version: '0.14.0' }).config, { general: { host: ['https://a'] } });
});

Validate('warns about a missing host and an enabled admin with the default password', () => {
  const result = validate({ admin: { enabled: true } }, { version: '0.14.0' });
  assert.equal(result.warnings.map((w) => w.code), ['missing-host', 'default-admin-password']);
});

Validate('warns about reply notifications without moderation, and only then', () => {
  const codes = (input: unknown) => validate(input, { version: '0.14.0' }).warnings.map((w) => w.code);
  const host = { host: ['https://a'] };
  const warning = validate({ general: { ...host, 'reply-notifications': true } }, { version: '0.14.0' }).warnings[0];
  assert.equal([warning?.severity, warning?.code, warning?.path], ['warning', 'unmoderated-reply-notifications', ['general', 'reply-notifications']]);
  assert.match(warning!.message, /^\[general\] reply-notifications = true .*spam.*; accepted: \[moderation\] enabled = true/);
  assert.equal(codes({ general: { ...host, 'reply-notifications': true }, moderation: { enabled: false } }), ['unmoderated-reply-notifications']);
  assert.equal(codes({ general: { ...host, 'reply-notifications': true }, moderation: { enabled: true } }), []);
  assert.equal(codes({ general: { ...host, 'reply-notifications': false } }), []);
});

Validate('warns when an SMTP password would be sent without TLS, and only then', () => {
  const codes = (smtp: unknown) => validate({ general: { host: ['https://a'] }, smtp }, { version: '0.14.0' }).warnings.map((w) => w.code);
  const warning = validate({ general: { host: ['https://a'] }, smtp: { password: { env: 'P' }, security: 'none' } }, { version: '0.14.0' }).warnings[0];
  assert.equal([warning?.code, warning?.path, warning?.value], ['cleartext-smtp-login', ['smtp', 'security'], 'none']);
  assert.match(warning!.message, /clear text; accepted: "starttls" or "ssl"/);
  assert.equal(codes({ password: 'secret', security: 'none' }), ['cleartext-smtp-login']);
  assert.equal(codes({ password: 'secret', security: { env: 'SMTP_SECURITY' } }), ['cleartext-smtp-login']);
  assert.equal(codes({ password: 'secret', security: 'starttls' }), []);
  assert.equal(codes({ password: 'secret', security: 'ssl' }), []);
  assert.equal(codes({ password: 'secret' }), [], 'Isso defaults to starttls');
  assert.equal(codes({ password: '', security: 'none' }), [], 'no password, no login');
  assert.equal(codes({ security: 'none' }), []);
});

Validate('refuses invalid names even in lenient mode', () => {
  assert.equal(errorOf({ general: { 'Bad Key': 'x' } }, true).path, ['general', 'Bad Key']);
  assert.equal(errorOf({ DEFAULT: { a: 'x' } }, true).path, ['DEFAULT']);
  assert.equal(errorOf({ general: { 'a=b': 'x' } }, true).path, ['general', 'a=b']);
});

Validate.run();
