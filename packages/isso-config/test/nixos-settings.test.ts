import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { env, toNixosSettings } from '../src/index.js';
import { catchError as errorOf } from './catch-error.js';

const ToNixos = suite('toNixosSettings');

ToNixos('gives INI atoms: booleans, ints, canonical durations, comma lists and indented newline lists', () => {
  const settings = toNixosSettings({
    general: { host: ['https://a', 'http://b:8080'], notify: ['smtp', 'stdout'], 'max-age': 5400, gravatar: true, 'reply-notifications': false },
    moderation: { enabled: true, 'purge-after': '30d' },
    smtp: { port: 587, password: env('ISSO_SMTP_PASSWORD'), security: 'ssl' },
  }, { version: '0.14.0' });
  assert.equal(settings, {
    general: { host: '\n  https://a\n  http://b:8080', 'max-age': '1h30m', notify: 'smtp, stdout', 'reply-notifications': false, gravatar: true },
    moderation: { enabled: true, 'purge-after': '30d' },
    smtp: { password: '${ISSO_SMTP_PASSWORD}', port: 587, security: 'ssl' },
  });
});

ToNixos('is plain JSON data that survives a JSON round trip unchanged', () => {
  const settings = toNixosSettings({ general: { host: ['https://a'], name: 'x' }, rss: { limit: 0 } }, { version: '0.14.0' });
  assert.equal(JSON.parse(JSON.stringify(settings)), settings);
  assert.is(Object.getPrototypeOf(settings.general), Object.prototype);
});

ToNixos('keeps a zero duration a string and a secret reference for an int a string', () => {
  const settings = toNixosSettings({ general: { 'max-age': 0 }, smtp: { port: env('SMTP_PORT') } }, { version: '0.14.0' });
  assert.equal(settings, { general: { 'max-age': '0' }, smtp: { port: '${SMTP_PORT}' } });
});

ToNixos('doubles % for Isso before 0.12.6 exactly as serialize does', () => {
  assert.equal(toNixosSettings({ smtp: { password: '100%' } }, { version: '0.12.5' }), { smtp: { password: '100%%' } });
  assert.equal(toNixosSettings({ smtp: { password: '100%' } }, { version: '0.12.6' }), { smtp: { password: '100%' } });
});

ToNixos('writes an empty newline list as an empty string and leaves empty sections out', () => {
  assert.equal(toNixosSettings({ server: { 'trusted-proxies': [] }, admin: {} }, { version: '0.14.0' }), { server: { 'trusted-proxies': '' } });
});

ToNixos('passes unknown keys through as their atoms in lenient mode only', () => {
  const input = { general: { host: ['https://a'], 'x-extra': 3, 'x-flag': true }, custom: { key: 'v' } };
  assert.equal(toNixosSettings(input as never, { version: '0.14.0', lenient: true }), {
    general: { host: '\n  https://a', 'x-extra': 3, 'x-flag': true },
    custom: { key: 'v' },
  });
  assert.equal(errorOf(() => toNixosSettings(input as never, { version: '0.14.0' })).path, ['general', 'x-extra']);
});

ToNixos('refuses what serialize refuses, with the same error', () => {
  const bad = { general: { host: ['example.org'] }, smtp: { password: 'a\nb' } };
  const ours = errorOf(() => toNixosSettings(bad as never, { version: '0.14.0' }));
  assert.equal(ours.issues.map((i) => i.path), [['general', 'host', 0], ['smtp', 'password']]);
  assert.equal(errorOf(() => toNixosSettings({}, { version: '0.11.0' as never })).issues[0]?.code, 'invalid-version');
});

ToNixos('refuses a NUL character, which would cut the Nix string short', () => {
  const error = errorOf(() => toNixosSettings({ general: { name: 'a\u0000b' } }, { version: '0.14.0' }));
  assert.equal([error.path, error.issues[0]?.code], [['general', 'name'], 'nul-character']);
  const item = errorOf(() => toNixosSettings({ server: { 'trusted-proxies': ['1.2.3.4', '\u0000x'] } }, { version: '0.14.0' }));
  assert.equal(item.path, ['server', 'trusted-proxies']);
  const key = errorOf(() => toNixosSettings({ general: { 'a\u0000': 'x' } } as never, { version: '0.14.0', lenient: true }));
  assert.equal(key.path, ['general', 'a\u0000']);
});

ToNixos.run();
