import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { issoProxy, NginxVhostError, proxyLocation, reverseProxy, toNixosOptions } from '../src/index.js';
import { articleVhost } from './fixtures.js';

const reverse = suite('reverseProxy');

reverse('reproduces the reference article vhost', () => {
  const vhost = reverseProxy({ name: 'comments.luffy.cx', port: 8080, root: '/data/webserver/comments.luffy.cx', accessLog: { path: '/var/log/nginx/comments.luffy.cx.log', format: 'anonymous' } });
  assert.equal(toNixosOptions(vhost), toNixosOptions(articleVhost));
});

reverse('turns off ACME, cookie hiding and adds websockets on request', () => {
  const vhost = reverseProxy({ name: 'a.example', port: 3000, host: '::1', acme: false, hideCookies: false, websockets: true });
  assert.is(vhost.forceSSL, undefined);
  const location = vhost.locations?.['/'];
  assert.is(location?.proxyPass, 'http://[::1]:3000');
  assert.is(location?.proxyWebsockets, true);
  assert.not.ok(location?.directives?.some((d) => d.kind === 'proxy_hide_header'));
});

reverse('reports a bad port or host with the field path', () => {
  assert.throws(() => reverseProxy({ name: 'a.example', port: 8080, host: 'a b' }), (e: unknown) => e instanceof NginxVhostError && e.path.join('|') === 'locations|/|proxyPass');
});

reverse.run();

const isso = suite('issoProxy');

isso('sets X-Script-Name and a slash-terminated location under a mount path', () => {
  const vhost = issoProxy({ name: 'blog.example', mountPath: '/isso/' });
  assert.equal(Object.keys(vhost.locations ?? {}), ['/isso/']);
  const location = vhost.locations?.['/isso/'];
  assert.is(location?.proxyPass, 'http://127.0.0.1:8080');
  assert.ok(location?.directives?.some((d) => d.kind === 'proxy_set_header' && d.name === 'X-Script-Name' && d.value === '/isso'));
});

isso('omits X-Script-Name at the root', () => {
  const vhost = issoProxy({ name: 'comments.example', port: 8081 });
  assert.not.ok(vhost.locations?.['/']?.directives?.some((d) => d.kind === 'proxy_set_header' && d.name === 'X-Script-Name'));
});

isso.run();

const location = suite('proxyLocation');

location('sends the article headers and hides Set-Cookie', () => {
  const loc = proxyLocation({ port: 1234 });
  assert.equal(loc.directives?.map((d) => d.kind === 'proxy_set_header' || d.kind === 'proxy_hide_header' ? `${d.kind} ${d.name}` : d.kind), [
    'proxy_set_header X-Forwarded-For', 'proxy_set_header Host', 'proxy_set_header X-Forwarded-Proto',
    'proxy_hide_header Set-Cookie', 'proxy_hide_header X-Set-Cookie', 'proxy_ignore_headers',
  ]);
  assert.is(loc.recommendedProxySettings, false);
});

location.run();
