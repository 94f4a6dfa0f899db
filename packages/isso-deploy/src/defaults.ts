import type { IssoVersion } from '@nixkit/isso-config';
import type { ResolvedDeployment } from './deployment.js';

// The reference article's choices ("Running Isso on NixOS in a Docker container"), used for every
// field a description leaves out.

/** The article's fork of Isso, pinned as the article pins it. */
export const ARTICLE_SOURCE = {
  kind: 'github',
  owner: 'vincentbernat',
  repo: 'isso',
  rev: 'vbe/master',
  hash: '0vkkvjcvcjcdzdj73qig32hqgjly8n3ln2djzmhshc04i6g9z07j',
  version: 'custom',
  // The fork dates from late 2020, before 0.12.6: `%` still needs doubling and `${VAR}`
  // expansion (0.14.0) is not there.
  issoVersion: '0.12.2' as IssoVersion,
} as const;

/** The version nixpkgs' `isso` package ships. */
export const NIXPKGS_ISSO_VERSION: IssoVersion = '0.14.0';

export const ARTICLE_PYTHON: ResolvedDeployment['python'] = {
  dependencies: ['itsdangerous', 'jinja2', 'misaka', 'html5lib', 'werkzeug', 'bleach', 'flask-caching'],
  buildDependencies: ['cffi'],
  check: { inputs: ['nose'], setupPyCommand: 'nosetests' },
  environment: ['gunicorn', 'gevent'],
};

export const ARTICLE_PORT = 8080;

export const ARTICLE_GUNICORN: ResolvedDeployment['gunicorn'] = {
  name: 'isso',
  workers: 2,
  workerClass: 'gevent',
  bindAddress: '0.0.0.0',
  preload: true,
  workerTmpDir: '/dev/shm',
  app: 'isso.run',
};

export const ARTICLE_IMAGE: ResolvedDeployment['image'] = { name: 'isso', tag: 'latest' };

export const ARTICLE_DB_VOLUME: ResolvedDeployment['dbVolume'] = { hostPath: '/var/db/isso', containerPath: '/db' };

/** Where the native service and `services.isso` keep the database (systemd StateDirectory). */
export const STATE_DIRECTORY = 'isso';

/**
 * The article logs with a format named `anonymous` that it defines elsewhere; this definition
 * drops the client address so the module works on its own.
 */
export const ANONYMOUS_LOG_FORMAT =
  '- - [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';

/** The article's vhost `root`, access log and cookie handling for a given domain. */
export function articleNginx(domain: string): ResolvedDeployment['nginx'] {
  return {
    aliases: [],
    root: `/data/webserver/${domain}`,
    version: '1.22.1',
    accessLog: { path: `/var/log/nginx/${domain}.log`, format: 'anonymous' },
    logFormats: { anonymous: ANONYMOUS_LOG_FORMAT },
    hideCookies: true,
  };
}

/**
 * The website that embeds the comments, guessed from the comments domain the way the article
 * pairs them (comments.luffy.cx serves vincent.bernat.ch; the common case is comments.<site>),
 * plus the article's local test origin.
 */
export function defaultSites(domain: string, port: number): string[] {
  const labels = domain.split('.');
  const site = labels.length > 2 ? labels.slice(1).join('.') : domain;
  return [`https://${site}`, `http://localhost:${port}`];
}
