import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NginxVhostError, nixosAcmeCertificate, toNginxConf, toNginxConfAll, type Vhost } from '../src/index.js';
import { articleVhost } from './fixtures.js';

const test = suite('toNginxConf');
const old = { nginxVersion: '1.22.1' };

test('renders forceSSL as a redirect server then the TLS server, with NixOS ACME paths', () => {
  const conf = toNginxConf(articleVhost, old);
  const [redirect, main] = conf.split(/^server \{$/m).slice(1);
  assert.match(redirect!, /listen 0\.0\.0\.0:80;\n  listen \[::0\]:80;/);
  assert.match(redirect!, /location \/ \{\n    return 301 https:\/\/\$host\$request_uri;/);
  assert.match(redirect!, /location \^~ \/\.well-known\/acme-challenge\/ \{\n    root \/var\/lib\/acme\/acme-challenge;\n    auth_basic off;\n    auth_request off;/);
  assert.match(main!, /listen 0\.0\.0\.0:443 http2 ssl;/);
  assert.not.match(main!, /:80;/);
  assert.match(main!, /ssl_certificate \/var\/lib\/acme\/comments\.luffy\.cx\/fullchain\.pem;\n  ssl_certificate_key \/var\/lib\/acme\/comments\.luffy\.cx\/key\.pem;\n  ssl_trusted_certificate \/var\/lib\/acme\/comments\.luffy\.cx\/chain\.pem;/);
  assert.match(main!, /access_log \/var\/log\/nginx\/comments\.luffy\.cx\.log anonymous;\n\}\n$/);
});

test('uses "http2 on" from nginx 1.25.1 and the listen flag before', () => {
  const vhost: Vhost = { name: 'a.example', addSSL: true, sslCertificate: '/c.pem', sslCertificateKey: '/k.pem' };
  assert.match(toNginxConf(vhost, { nginxVersion: '1.25.0' }), /listen 0\.0\.0\.0:443 http2 ssl;/);
  const modern = toNginxConf(vhost, { nginxVersion: '1.25.1' });
  assert.match(modern, /listen 0\.0\.0\.0:443 ssl;[\s\S]*http2 on;/);
  assert.not.match(toNginxConf({ ...vhost, http2: false }, { nginxVersion: '1.26.0' }), /http2/);
});

test('addSSL listens on both ports in one server and onlySSL only on TLS', () => {
  const base = { name: 'a.example', sslCertificate: '/c.pem', sslCertificateKey: '/k.pem' };
  const add = toNginxConf({ ...base, addSSL: true }, { ...old, defaultListenAddresses: ['127.0.0.1'], httpPort: 8080, sslPort: 8443 });
  assert.equal(add.match(/^server/gm)?.length, 1);
  assert.match(add, /listen 127\.0\.0\.1:8443 http2 ssl;\n  listen 127\.0\.0\.1:8080;/);
  const only = toNginxConf({ ...base, onlySSL: true }, old);
  assert.not.match(only, /:80;/);
});

test('sorts locations by priority then by name in byte order, as NixOS does', () => {
  const conf = toNginxConf({ name: 'a.example', locations: { '/b': {}, '~ \\.php$': {}, '/a': {}, '/z': { priority: 50 }, '@x': {}, '= /exact': {}, '^~ /p': {} } }, old);
  const order = [...conf.matchAll(/location (.*) \{/g)].map((m) => m[1]);
  assert.equal(order, ['/z', '/a', '/b', '= /exact', '@x', '^~ /p', '~ \\.php$']);
});

test('quotes values so nginx reads each as one argument', () => {
  const conf = toNginxConf({ name: 'a.example', locations: { '/a b': { return: { code: 200, text: 'say "hi"; # not a comment' } } } }, old);
  assert.match(conf, /location "\/a b" \{\n    return 200 "say \\"hi\\"; # not a comment";/);
});

test('puts the location body in NixOS order with recommended headers after extra config', () => {
  const conf = toNginxConf({ name: 'a.example', locations: { '/': { proxyPass: 'http://127.0.0.1:1', proxyWebsockets: true, recommendedProxySettings: true, basicAuthFile: '/run/htpasswd', extraConfig: 'proxy_buffering off;' } } }, old);
  const body = conf.slice(conf.indexOf('location / {'));
  const names = [...body.matchAll(/^ {4}(\S+ ?\S*)/gm)].map((m) => m[1]);
  assert.equal(names, [
    'proxy_pass http://127.0.0.1:1;', 'proxy_http_version 1.1;', 'proxy_set_header Upgrade', 'proxy_set_header Connection', 'proxy_buffering off;',
    'proxy_set_header Host', 'proxy_set_header X-Real-IP', 'proxy_set_header X-Forwarded-For', 'proxy_set_header X-Forwarded-Proto',
    'proxy_set_header X-Forwarded-Host', 'proxy_set_header X-Forwarded-Server', 'auth_basic secured;', 'auth_basic_user_file /run/htpasswd;',
  ]);
});

test('uses the useACMEHost certificate and configurable certificate paths', () => {
  const vhost: Vhost = { name: 'b.example', useACMEHost: 'example.com', forceSSL: true };
  assert.match(toNginxConf(vhost, old), /ssl_certificate \/var\/lib\/acme\/example\.com\/fullchain\.pem;/);
  const custom = toNginxConf(vhost, { ...old, acmeCertificate: (name) => ({ fullchain: `/certs/${name}.crt`, key: `/certs/${name}.key`, chain: `/certs/${name}.chain` }) });
  assert.match(custom, /ssl_certificate \/certs\/example\.com\.crt;\n  ssl_certificate_key \/certs\/example\.com\.key;\n  ssl_trusted_certificate \/certs\/example\.com\.chain;/);
});

test('prints explicit listen entries verbatim with their flags', () => {
  const conf = toNginxConf({ name: 'a.example', default: true, listen: [{ addr: '[::1]', port: 8080, proxyProtocol: true, extraParameters: ['reuseport'] }, { addr: 'unix:/run/nginx.sock' }] }, old);
  assert.match(conf, /listen \[::1\]:8080 default_server proxy_protocol reuseport;\n  listen unix:\/run\/nginx\.sock default_server;/);
});

test('throws NginxVhostError for invalid input and versions', () => {
  assert.throws(() => toNginxConf({ name: 'a.example', root: 'relative' }, old), (e: unknown) => e instanceof NginxVhostError && e.path[0] === 'root');
  assert.throws(() => toNginxConf({ name: 'a.example' }, { nginxVersion: 'latest' }), /nginxVersion/);
});

test.run();

const all = suite('toNginxConfAll');

all('orders vhosts by name bytes as NixOS does and refuses duplicate names', () => {
  const conf = toNginxConfAll([{ name: 'b.example' }, { name: 'a.example' }, { name: '800-work.com' }], old);
  assert.equal([...conf.matchAll(/server_name (.*);/g)].map((m) => m[1]), ['800-work.com', 'a.example', 'b.example']);
  assert.throws(() => toNginxConfAll([{ name: 'a.example' }, { name: 'a.example' }], old), /same name/);
});

all.run();

const acme = suite('nixosAcmeCertificate');

acme('points at the NixOS security.acme certificate directory', () => {
  assert.equal(nixosAcmeCertificate('example.com'), { fullchain: '/var/lib/acme/example.com/fullchain.pem', key: '/var/lib/acme/example.com/key.pem', chain: '/var/lib/acme/example.com/chain.pem' });
});

acme.run();
