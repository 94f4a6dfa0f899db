import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NginxVhostError, toNixos, toNixosOptions, toNixosVirtualHosts } from '../src/index.js';
import { articleLocationExtra, articleVhost } from './fixtures.js';

const options = suite('toNixosOptions');

options('reproduces the reference article vhost', () => {
  assert.equal(toNixosOptions(articleVhost), {
    enableACME: true,
    forceSSL: true,
    root: '/data/webserver/comments.luffy.cx',
    extraConfig: 'access_log /var/log/nginx/comments.luffy.cx.log anonymous;\n',
    locations: { '/': { proxyPass: 'http://127.0.0.1:8080', recommendedProxySettings: false, extraConfig: articleLocationExtra } },
  });
});

options('stores nginx-quoted tokens where NixOS interpolates unquoted', () => {
  const out = toNixosOptions({ name: 'a.example', locations: { '/a b': { return: { code: 200, text: 'x y' }, tryFiles: ['$uri', '/a b'] } } });
  assert.equal(out.locations, { '"/a b"': { return: '200 "x y"', tryFiles: '$uri "/a b"' } });
});

options('writes recommendedProxySettings for every proxied location', () => {
  const out = toNixosOptions({ name: 'a.example', locations: { '/': { proxyPass: 'http://127.0.0.1:1' }, '/s/': { root: '/srv' } } });
  assert.equal(out.locations, { '/': { proxyPass: 'http://127.0.0.1:1', recommendedProxySettings: false }, '/s/': { root: '/srv' } });
});

options('keeps serverName apart from the attribute name', () => {
  assert.equal(toNixosOptions({ name: 'site', serverName: 'a.example', serverAliases: ['www.a.example'] }), { serverName: 'a.example', serverAliases: ['www.a.example'] });
});

options.run();

const nixos = suite('toNixos');

nixos('builds an attrset whose extraConfig is an indented string node', () => {
  const expr = toNixos(articleVhost);
  assert.is(expr.kind, 'attrs');
  if (expr.kind !== 'attrs') return;
  const extra = expr.bindings.find((b) => b.kind === 'binding' && b.path[0] === 'extraConfig');
  assert.ok(extra && extra.kind === 'binding' && extra.value.kind === 'string' && extra.value.style === 'indented');
});

nixos.run();

const many = suite('toNixosVirtualHosts');

many('keys each vhost by its name and refuses duplicates', () => {
  const expr = toNixosVirtualHosts([articleVhost, { name: 'b.example' }]);
  assert.ok(expr.kind === 'attrs' && expr.bindings.length === 2);
  assert.throws(() => toNixosVirtualHosts([{ name: 'b.example' }, { name: 'b.example' }]), (e: unknown) => e instanceof NginxVhostError && e.path[0] === 1);
});

many.run();
