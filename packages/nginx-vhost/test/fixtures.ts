import type { Vhost } from '../src/index.js';

/** The reference article's vhost (services.nginx.virtualHosts."comments.luffy.cx"), as a model. */
export const articleVhost: Vhost = {
  name: 'comments.luffy.cx',
  root: '/data/webserver/comments.luffy.cx',
  enableACME: true,
  forceSSL: true,
  directives: [{ kind: 'access_log', path: '/var/log/nginx/comments.luffy.cx.log', format: 'anonymous' }],
  locations: {
    '/': {
      proxyPass: 'http://127.0.0.1:8080',
      directives: [
        { kind: 'proxy_set_header', name: 'X-Forwarded-For', value: '$proxy_add_x_forwarded_for' },
        { kind: 'proxy_set_header', name: 'Host', value: '$host' },
        { kind: 'proxy_set_header', name: 'X-Forwarded-Proto', value: '$scheme' },
        { kind: 'proxy_hide_header', name: 'Set-Cookie' },
        { kind: 'proxy_hide_header', name: 'X-Set-Cookie' },
        { kind: 'proxy_ignore_headers', headers: ['Set-Cookie'] },
      ],
    },
  },
};

/** The same vhost's `extraConfig` text of location "/", as the article writes it. */
export const articleLocationExtra = [
  'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
  'proxy_set_header Host $host;',
  'proxy_set_header X-Forwarded-Proto $scheme;',
  'proxy_hide_header Set-Cookie;',
  'proxy_hide_header X-Set-Cookie;',
  'proxy_ignore_headers Set-Cookie;',
  '',
].join('\n');
