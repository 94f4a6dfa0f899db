import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lintVhost } from '../src/index.js';
import { articleVhost } from './fixtures.js';

const test = suite('lintVhost');
const codes = (vhost: Parameters<typeof lintVhost>[0]) => lintVhost(vhost).map((lint) => `${lint.code}:${lint.severity}`);

test('flags an alias whose location lacks the trailing slash (off-by-slash traversal)', () => {
  const lints = lintVhost({ name: 'a.example', locations: { '/static': { alias: '/srv/www/static/' } } });
  assert.equal(lints.map((l) => l.code), ['alias-traversal']);
  assert.equal(lints[0]!.path, ['locations', '/static', 'alias']);
  assert.equal(codes({ name: 'a.example', locations: { '/static/': { alias: '/srv/www/static/' } } }), []);
  assert.equal(codes({ name: 'a.example', locations: { '/static/': { alias: '/srv/www/static' } } }), ['alias-slash-mismatch:warning']);
});

test('notes that a location setting proxy headers drops inherited ones', () => {
  assert.equal(codes(articleVhost), ['proxy-header-inheritance:info']);
  const shadowing = lintVhost({
    name: 'a.example',
    directives: [{ kind: 'proxy_set_header', name: 'X-Tenant', value: 'a' }],
    locations: { '/': { proxyPass: 'http://127.0.0.1:1', recommendedProxySettings: true } },
  });
  assert.equal(shadowing.map((l) => `${l.code}:${l.severity}`), ['proxy-header-inheritance:warning']);
  assert.match(shadowing[0]!.message, /vhost-level proxy_set_header/);
});

test('flags headers recommendedProxySettings already sends', () => {
  const lints = lintVhost({ name: 'a.example', locations: { '/': { proxyPass: 'http://127.0.0.1:1', recommendedProxySettings: true, directives: [{ kind: 'proxy_set_header', name: 'host', value: '$host' }] } } });
  assert.ok(lints.some((l) => l.code === 'recommended-proxy-duplicate' && l.path.join('/') === 'locations///directives/0'));
});

test('flags add_header inheritance, decoded $uri in responses, ACME without TLS', () => {
  assert.equal(codes({
    name: 'a.example',
    enableACME: true,
    directives: [{ kind: 'add_header', name: 'X-Frame-Options', value: 'DENY' }],
    locations: { '/': { directives: [{ kind: 'add_header', name: 'X-A', value: '$uri' }] }, '/r': { return: { code: 302, text: 'https://b.example$uri' } } },
  }), ['acme-without-ssl:warning', 'add-header-inheritance:warning', 'uri-in-response:warning', 'uri-in-response:warning']);
  assert.equal(codes({ name: 'a.example', locations: { '/r': { return: { code: 302, text: 'https://b.example$request_uri' } } } }), []);
});

test('flags regex locations that the NixOS name sort reorders', () => {
  assert.equal(codes({ name: 'a.example', locations: { '~ ^/z': {}, '~ ^/a': {} } }), ['regex-location-order:warning']);
  assert.equal(codes({ name: 'a.example', locations: { '~ ^/z': { priority: 10 }, '~ ^/a': {} } }), []);
});

test('flags a server name too long for nginx\'s default server-name hash bucket', () => {
  const long = `${'a'.repeat(39)}.example`; // 47 bytes
  assert.equal(codes({ name: long }), ['server-name-hash-bucket:info']);
  assert.equal(codes({ name: long.slice(1) }), []);
  assert.equal(codes({ name: 'a.example', serverAliases: ['b.example', `*.${long.slice(1)}`] }), []);
  assert.equal(codes({ name: 'a.example', serverAliases: ['b.example', `*.${long}`] }), ['server-name-hash-bucket:info']);
});

test.run();
