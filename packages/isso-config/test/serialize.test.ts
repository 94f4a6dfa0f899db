import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { env, IssoConfigError, serialize, type IssoConfig } from '../src/index.js';
import { catchError } from './catch-error.js';

const Serialize = suite('serialize');

Serialize('reproduces the isso.conf of the reference article', () => {
  const text = serialize(
    { general: { dbpath: '/db/comments.db', host: ['https://vincent.bernat.ch', 'http://localhost:8080'], notify: ['smtp'] } },
    { version: '0.14.0' },
  );
  assert.is(text, '[general]\ndbpath = /db/comments.db\nhost =\n    https://vincent.bernat.ch\n    http://localhost:8080\nnotify = smtp\n');
});

Serialize('writes sections and keys in schema order whatever the input order', () => {
  const config: IssoConfig = { rss: { limit: 5, base: 'https://b' }, general: { notify: ['stdout'], name: 'blog' }, server: { listen: 'http://localhost:8080' } };
  assert.is(
    serialize(config, { version: '0.14.0' }),
    '[general]\nname = blog\nnotify = stdout\n\n[server]\nlisten = http://localhost:8080\n\n[rss]\nbase = https://b\nlimit = 5\n',
  );
});

Serialize('writes values literally: no quotes, no escapes for # ; = % \\ or quotes', () => {
  const password = `p#ss;w=0rd%s%%"'\\:[x]`;
  assert.is(serialize({ smtp: { password } }, { version: '0.14.0' }), `[smtp]\npassword = ${password}\n`);
  assert.is(
    serialize({ general: { 'gravatar-url': 'https://www.gravatar.com/avatar/{}?d=identicon&s=55' } }, { version: '0.13.0' }),
    '[general]\ngravatar-url = https://www.gravatar.com/avatar/{}?d=identicon&s=55\n',
  );
});

Serialize('doubles % for Isso before 0.12.6, whose parser interpolated it', () => {
  assert.is(serialize({ smtp: { password: '100%' } }, { version: '0.12.5' }), '[smtp]\npassword = 100%%\n');
  assert.is(serialize({ smtp: { password: '100%' } }, { version: '0.12.6' }), '[smtp]\npassword = 100%\n');
});

Serialize('writes canonical durations, true/false and comma lists', () => {
  const text = serialize(
    { general: { 'max-age': '90', gravatar: true, notify: ['stdout', 'smtp'] }, moderation: { 'purge-after': '3w 12h 57m', enabled: false } },
    { version: '0.14.0' },
  );
  assert.is(text, '[general]\nmax-age = 1m30s\nnotify = stdout, smtp\ngravatar = true\n\n[moderation]\nenabled = false\npurge-after = 21d12h57m\n');
});

Serialize('writes an empty value as "key =" and leaves out empty sections', () => {
  assert.is(serialize({ general: { name: '', host: ['https://a'] }, admin: {}, server: { samesite: '' } }, { version: '0.14.0' }), '[general]\nname =\nhost =\n    https://a\n\n[server]\nsamesite =\n');
});

Serialize('writes a secret reference as ${NAME}', () => {
  assert.is(serialize({ smtp: { password: env('ISSO_SMTP_PASSWORD') } }, { version: '0.14.0' }), '[smtp]\npassword = ${ISSO_SMTP_PASSWORD}\n');
});

Serialize('refuses a secret reference for Isso before 0.14, which does not expand variables', () => {
  const error = catchError(() => serialize({ smtp: { password: env('X') } }, { version: '0.13.0' }));
  assert.equal(error.path, ['smtp', 'password']);
  assert.match(error.message, /0\.14\.0/);
});

Serialize('refuses values Isso would read differently, naming section, key, value and what is accepted', () => {
  const cases: [IssoConfig, (string | number)[], RegExp][] = [
    [{ general: { name: 'a\nb' } }, ['general', 'name'], /line break/],
    [{ general: { name: 'a\rb' } }, ['general', 'name'], /line break/],
    [{ general: { name: ' padded' } }, ['general', 'name'], /leading or trailing blanks/],
    [{ general: { name: 'nbsp\u00a0' } }, ['general', 'name'], /leading or trailing blanks/],
    [{ general: { host: ['https://a', '#https://b'] } }, ['general', 'host', 1], /comment/],
    [{ server: { 'trusted-proxies': [';1.2.3.4'] } }, ['server', 'trusted-proxies', 0], /comment/],
    [{ general: { host: ['example.org'] } }, ['general', 'host', 0], /scheme required/],
    [{ general: { host: ['https://a, https://b'] } }, ['general', 'host', 0], /commas/],
    [{ general: { host: [] } }, ['general', 'host'], /No website/],
    [{ server: { 'public-endpoint': 'https://example.org/isso/' } }, ['server', 'public-endpoint'], /trailing slash/],
    [{ server: { listen: 'https://localhost:8080' } }, ['server', 'listen'], /http:\/\/ or unix:\/\//],
    [{ markup: { 'allowed-elements': ['a,b'] } }, ['markup', 'allowed-elements', 0], /comma/],
    [{ markup: { 'allowed-elements': [''] } }, ['markup', 'allowed-elements', 0], /empty/],
    [{ smtp: { password: 'pa$word' } }, ['smtp', 'password'], /environment variable/],
    [{ smtp: { password: 'a${b}c' } }, ['smtp', 'password'], /environment variable/],
  ];
  for (const [config, path, reason] of cases) {
    const error = catchError(() => serialize(config, { version: '0.14.0' }));
    assert.equal(error.path, path, JSON.stringify(config));
    assert.match(error.message, reason);
    assert.ok(error.accepted.length > 0);
  }
});

Serialize('refuses $NAME spread across list items, because Isso expands the joined value', () => {
  const error = catchError(() => serialize({ server: { 'trusted-proxies': ['a${', 'b}'] } }, { version: '0.14.0' }));
  assert.equal(error.path, ['server', 'trusted-proxies']);
  assert.is(serialize({ server: { 'trusted-proxies': ['a${', 'b}'] } }, { version: '0.13.0' }), '[server]\ntrusted-proxies =\n    a${\n    b}\n');
});

Serialize('allows a literal $ before Isso 0.14', () => {
  assert.is(serialize({ smtp: { password: 'pa$word' } }, { version: '0.13.0' }), '[smtp]\npassword = pa$word\n');
});

Serialize('writes unknown scalar keys only in lenient mode', () => {
  const config = { general: { name: 'x', 'future-key': 'on' }, custom: { n: 3 } } as unknown as IssoConfig;
  assert.throws(() => serialize(config, { version: '0.14.0' }), (e: unknown) => e instanceof IssoConfigError && e.issues.length === 2);
  assert.is(serialize(config, { version: '0.14.0', lenient: true }), '[general]\nname = x\nfuture-key = on\n\n[custom]\nn = 3\n');
});

Serialize('refuses keys the target version does not read', () => {
  assert.equal(catchError(() => serialize({ markup: { renderer: 'mistune' } }, { version: '0.13.0' })).path, ['markup', 'renderer']);
  assert.equal(catchError(() => serialize({ markup: { options: ['autolink'] } }, { version: '0.14.0' })).path, ['markup', 'options']);
  assert.equal(catchError(() => serialize({ 'markup.misaka': { options: ['autolink'] } }, { version: '0.13.0' })).path, ['markup.misaka']);
  assert.equal(catchError(() => serialize({ server: { samesite: 'Lax' } }, { version: '0.12.5' })).path, ['server', 'samesite']);
  assert.is(serialize({ server: { samesite: 'Lax' } }, { version: '0.12.6' }), '[server]\nsamesite = Lax\n');
});

Serialize('refuses unsupported versions', () => {
  for (const version of ['0.11.1', '0.15.0', '1.0', 'latest', '0.14.0-rc1']) {
    assert.match(catchError(() => serialize({}, { version: version as '0.14' })).message, /0\.12\.0/);
  }
});

Serialize.run();
