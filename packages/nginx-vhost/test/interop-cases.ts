import { nginxHttpPrelude, issoProxy, reverseProxy, type Directive, type NginxConfOptions, type Vhost } from '../src/index.js';
import { nginxSandbox } from '../../../tools/test-helpers/index.js';
import { articleVhost } from './fixtures.js';

// Vhosts covering every option, location kind and directive kind, shared by the nginx and Nix
// interop tests.

export const sandbox = nginxSandbox();
export const logs = `${sandbox.prefix}/logs`;
export const prelude = nginxHttpPrelude({ logFormats: [{ name: 'anonymous', format: '$time_iso8601 "$request" $status $body_bytes_sent "$http_user_agent"' }] });

/** Loopback listens on distinct high ports and the sandbox's self-signed certificate. */
export function testOptions(slot: number): NginxConfOptions {
  return {
    nginxVersion: '1.22.1',
    defaultListenAddresses: ['127.0.0.1'],
    httpPort: 20000 + slot * 2,
    sslPort: 20001 + slot * 2,
    acmeCertificate: () => ({ fullchain: sandbox.cert, key: sandbox.key, chain: sandbox.cert }),
  };
}

export const everyDirective: Directive[] = [
  { kind: 'proxy_set_header', name: 'X-Real-IP', value: '$remote_addr' },
  { kind: 'proxy_hide_header', name: 'X-Powered-By' },
  { kind: 'proxy_pass_header', name: 'Server' },
  { kind: 'proxy_ignore_headers', headers: ['Set-Cookie', 'X-Accel-Redirect', 'Vary'] },
  { kind: 'add_header', name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains', always: true },
  { kind: 'access_log', path: `${logs}/a.log`, format: 'anonymous' },
  { kind: 'access_log', path: null },
  { kind: 'error_log', path: `${logs}/e.log`, level: 'warn' },
  { kind: 'client_max_body_size', size: '10m' },
  { kind: 'proxy_read_timeout', time: '1h30m' },
  { kind: 'proxy_send_timeout', time: '60s' },
  { kind: 'proxy_connect_timeout', time: '500ms' },
  { kind: 'proxy_buffering', on: false },
  { kind: 'proxy_request_buffering', on: true },
  { kind: 'proxy_http_version', version: '1.1' },
  { kind: 'allow', address: '10.0.0.0/8' },
  { kind: 'allow', address: '2001:db8::/32' },
  { kind: 'deny', address: 'all' },
  { kind: 'rewrite', regex: '^/old/(.*)$', replacement: '/new/$1', flag: 'permanent' },
  { kind: 'expires', time: 'modified 1h' },
  { kind: 'set', variable: 'app', value: '${host}-x' },
];

export const cases: Vhost[] = [
  { ...articleVhost, directives: [{ kind: 'access_log', path: `${logs}/comments.log`, format: 'anonymous' }] },
  reverseProxy({ name: 'app.example', port: 3000, websockets: true, accessLog: { path: `${logs}/app.log` } }),
  issoProxy({ name: 'blog.example', mountPath: '/isso', acme: false }),
  issoProxy({ name: 'isso.example', port: 8081, hideCookies: false }),
  { name: 'add.example', addSSL: true, sslCertificate: sandbox.cert, sslCertificateKey: sandbox.key, http2: false, default: true, root: '/srv/$host' },
  { name: 'only', serverName: 'only.example', serverAliases: ['*.only.example', '.other.example', 'www.only.*'], onlySSL: true, useACMEHost: 'example.com', acmeRoot: null, basicAuthFile: `${sandbox.prefix}/conf/htpasswd` },
  { name: 'directives.example', directives: everyDirective, locations: { '/': { directives: everyDirective.filter((d) => d.kind !== 'error_log') } } },
  {
    name: 'locations.example',
    listen: [{ addr: '127.0.0.1', port: 20100, extraParameters: ['backlog=511'] }, { addr: '127.0.0.1', port: 20101, ssl: true, proxyProtocol: true }, { addr: `unix:${sandbox.prefix}/tmp/nginx.sock` }],
    sslCertificate: sandbox.cert,
    sslCertificateKey: sandbox.key,
    addSSL: true,
    locations: {
      '/': { tryFiles: '$uri $uri/ @app', index: ['index.html', '/index.html'], extraConfig: '    if ($request_method = POST) {\n      return 405;\n    }\n\tadd_header X-Tab "a\'\'b ${host}" always;\n' },
      '@app': { proxyPass: 'http://localhost:8080', recommendedProxySettings: true, proxyWebsockets: true },
      '= /health': { return: '200 ok' },
      '~* \\.(png|jpe?g)$': { root: '/srv/img', directives: [{ kind: 'expires', time: '30d' }] },
      '^~ /static/': { alias: '/srv/static/' },
      '~ ^/a{2}b$': { return: 404 },
      '/go': { return: { code: 302, text: 'https://example.com$request_uri' } },
      '/unix': { proxyPass: 'http://unix:/run/app.sock:/api/', basicAuthFile: '/run/secrets/htpasswd' },
      '/with space': { return: { code: 200, text: 'a "quoted" #text; {x}' } },
    },
  },
];

