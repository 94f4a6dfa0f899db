import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NginxVhostError, validateVhost } from '../src/index.js';
import { articleVhost } from './fixtures.js';

const test = suite('validateVhost');

function rejects(input: unknown, path: readonly (string | number)[], pattern?: RegExp): NginxVhostError {
  try {
    validateVhost(input);
  } catch (error) {
    assert.instance(error, NginxVhostError);
    const e = error as NginxVhostError;
    assert.equal(e.path, path, e.message);
    if (pattern) assert.match(e.message, pattern);
    return e;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

test('accepts the reference article vhost unchanged', () => {
  assert.equal(validateVhost(JSON.parse(JSON.stringify(articleVhost))), articleVhost);
});

test('names an unknown vhost field and lists the valid ones', () => {
  const e = rejects({ name: 'a.example', serverNames: ['x'] }, ['serverNames'], /has no option "serverNames"/);
  assert.match(e.message, /serverAliases/);
});

test('names an unknown location field with its full path', () => {
  rejects({ name: 'a.example', locations: { '/': { proxy_pass: 'http://127.0.0.1:1' } } }, ['locations', '/', 'proxy_pass'], /proxyPass/);
});

test('names a wrong type with its path', () => {
  rejects({ name: 'a.example', forceSSL: 'yes', sslCertificate: '/c', sslCertificateKey: '/k' }, ['forceSSL'], /true or false/);
  rejects({ name: 'a.example', locations: { '/': { proxyPass: 8080 } } }, ['locations', '/', 'proxyPass'], /expected a string/);
});

test('refuses an unknown directive kind and unknown directive fields', () => {
  rejects({ name: 'a.example', directives: [{ kind: 'include', path: '/etc/passwd' }] }, ['directives', 0, 'kind'], /proxy_set_header/);
  rejects({ name: 'a.example', directives: [{ kind: 'add_header', name: 'X', value: 'y', alwys: true }] }, ['directives', 0, 'alwys']);
  rejects({ name: 'a.example', directives: [{ kind: 'add_header', name: 'X' }] }, ['directives', 0, 'value'], /needs "value"/);
});

test('refuses CR and LF in a header value (response splitting)', () => {
  rejects({ name: 'a.example', directives: [{ kind: 'add_header', name: 'X', value: 'a\r\nSet-Cookie: x=1' }] }, ['directives', 0, 'value'], /U\+000D/);
});

test('refuses a literal $ where the directive interpolates', () => {
  rejects({ name: 'a.example', locations: { '/': { return: { code: 200, text: 'costs 5$' } } } }, ['locations', '/', 'return', 'text'], /literal "\$"/);
  rejects({ name: 'a.example', directives: [{ kind: 'add_header', name: 'X', value: '${x' }] }, ['directives', 0, 'value']);
});

test('refuses unknown variables unless the vhost declares or sets them', () => {
  rejects({ name: 'a.example', directives: [{ kind: 'add_header', name: 'X', value: '$nope' }] }, ['directives', 0, 'value'], /unknown nginx variable "\$nope"/);
  validateVhost({ name: 'a.example', variables: ['nope'], directives: [{ kind: 'add_header', name: 'X', value: '$nope' }] });
  validateVhost({ name: 'a.example', directives: [{ kind: 'set', variable: 'mine', value: '$host' }, { kind: 'add_header', name: 'X', value: '${mine}x $http_x_custom $1' }] });
});

test('keeps a literal $ where nginx does not interpolate (location regex)', () => {
  const vhost = validateVhost({ name: 'a.example', locations: { '~ \\.php$': { return: 404 } } });
  assert.equal(Object.keys(vhost.locations ?? {}), ['~ \\.php$']);
});

test('accepts NixOS string forms and normalises them', () => {
  const vhost = validateVhost({ name: 'a.example', locations: { '/': { tryFiles: '$uri $uri/ =404', index: 'index.html index.htm', return: '301 https://b.example$request_uri' } } });
  assert.equal(vhost.locations?.['/'], { index: ['index.html', 'index.htm'], tryFiles: ['$uri', '$uri/', '=404'], return: { code: 301, text: 'https://b.example$request_uri' } });
  assert.equal(validateVhost({ name: 'a.example', locations: { '/': { return: 403 } } }).locations?.['/']?.return, { code: 403 });
});

test('refuses combinations NixOS asserts against', () => {
  rejects({ name: 'a.example', enableACME: true, addSSL: true, forceSSL: true }, ['forceSSL'], /mutually exclusive/);
  rejects({ name: 'a.example', enableACME: true, useACMEHost: 'b.example' }, ['useACMEHost']);
  rejects({ name: 'a.example', locations: { '/': { root: '/a', alias: '/b/' } } }, ['locations', '/', 'alias']);
  rejects({ name: 'a.example', forceSSL: true }, ['sslCertificate'], /needs a certificate/);
});

test('refuses configs nginx -t would reject', () => {
  rejects({ name: 'a.example', locations: { '= /x': {}, '=/x': {} } }, ['locations', '=/x'], /duplicate location/);
  rejects({ name: 'a.example', locations: { '~ ^/a': { proxyPass: 'http://127.0.0.1:1/b' } } }, ['locations', '~ ^/a', 'proxyPass'], /URI part/);
  rejects({ name: 'a.example', locations: { '/': { tryFiles: ['$uri'] } } }, ['locations', '/', 'tryFiles']);
  rejects({ name: 'a.example', locations: { '/': { proxyWebsockets: true, directives: [{ kind: 'proxy_http_version', version: '1.0' }] } } }, ['locations', '/', 'directives', 0]);
  rejects({ name: 'a.example', enableACME: true, locations: { '/.well-known/acme-challenge/': {} } }, ['locations', '/.well-known/acme-challenge/']);
  rejects({ name: 'a.example', listen: [{ addr: '127.0.0.1', port: 1 }, { addr: '127.0.0.1', port: 1 }] }, ['listen', 1]);
});

test('refuses narrow values nginx -t would reject', () => {
  const dir = (d: object) => ({ name: 'a.example', directives: [d] });
  rejects(dir({ kind: 'proxy_read_timeout', time: '30m1h' }), ['directives', 0, 'time'], /out of order/);
  rejects(dir({ kind: 'proxy_read_timeout', time: '1M' }), ['directives', 0, 'time']);
  rejects(dir({ kind: 'expires', time: '500ms' }), ['directives', 0, 'time']);
  rejects(dir({ kind: 'client_max_body_size', size: '99999999999m' }), ['directives', 0, 'size']);
  rejects(dir({ kind: 'allow', address: ':::' }), ['directives', 0, 'address']);
  rejects(dir({ kind: 'deny', address: '10.0.0.0/33' }), ['directives', 0, 'address']);
  rejects(dir({ kind: 'set', variable: 'host', value: 'x' }), ['directives', 0, 'variable'], /cannot be set/);
  rejects(dir({ kind: 'rewrite', regex: '^/(a)\\2', replacement: '/b' }), ['directives', 0, 'regex'], /back reference/);
  rejects({ name: 'a.example', listen: [{ addr: '127.0.0.1', port: 1, extraParameters: ['bogus'] }] }, ['listen', 0, 'extraParameters', 0]);
  rejects({ name: 'a.example', listen: [{ addr: '[::g]', port: 1 }] }, ['listen', 0, 'addr']);
  rejects({ name: 'a.example', locations: { '/': { proxyPass: 'http://127.0.0.1:70000' } } }, ['locations', '/', 'proxyPass'], /port/);
  rejects({ name: 'a.example', locations: { '/': { tryFiles: ['$uri', '=abc'] } } }, ['locations', '/', 'tryFiles', 1]);
  rejects({ name: 'a.example', serverAliases: ['*.example.*'] }, ['serverAliases', 0], /both ends/);
  validateVhost({ name: 'a.example', listen: [{ addr: '[2001:db8::1]', port: 8443, extraParameters: ['ipv6only=on', 'so_keepalive=30m::10'] }], directives: [{ kind: 'allow', address: '::ffff:10.0.0.1/128' }, { kind: 'proxy_read_timeout', time: '1h30m' }] });
});

test('refuses regexes PCRE reads differently from JS', () => {
  for (const regex of ['[]a', '[^]', '\\pL', '\\u0041', 'a\\', '(?<=a+)b', '[[:alpha:]]']) {
    rejects({ name: 'a.example', locations: { [`~ ${regex}`]: {} } }, ['locations', `~ ${regex}`]);
  }
});

test('refuses location names nginx would read as another modifier', () => {
  rejects({ name: 'a.example', locations: { 'x/': {} } }, ['locations', 'x/'], /start with "\/"/);
  rejects({ name: 'a.example', locations: { '~ (': {} } }, ['locations', '~ ('], /does not compile/);
  rejects({ name: 'a.example', locations: { '@a b': {} } }, ['locations', '@a b']);
});

test('refuses server names and paths NixOS would interpolate unsafely', () => {
  rejects({ name: 'a.example; include /etc/passwd' }, ['name'], /host name/);
  rejects({ name: 'x', serverName: 'a.example', serverAliases: ['ok.example', '~.*'] }, ['serverAliases', 1]);
  rejects({ name: 'a.example', root: '/srv/a b' }, ['root']);
  rejects({ name: 'a.example', root: '/srv/../etc' }, ['root'], /\.\./);
});

test('refuses a non-object input', () => {
  rejects('a.example', [], /vhost object/);
  rejects({ serverName: 'a.example' }, ['name'], /needs a "name"/);
});

test.run();
