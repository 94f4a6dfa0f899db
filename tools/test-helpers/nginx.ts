import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from './require-tool.js';

/** Result of `nginx -t` (or `-T`) on a generated configuration. */
export interface NginxCheck {
  ok: boolean;
  /** Everything nginx printed (it reports on stderr; `-T` dumps the config on stdout). */
  output: string;
  /** The config as nginx re-printed it with `-T`, when it was asked for. */
  dump: string;
}

/** Paths a test can reference from inside the generated http block. */
export interface NginxSandbox {
  prefix: string;
  /** A self-signed certificate and key pair, for `ssl_certificate` directives. */
  cert: string;
  key: string;
}

let sandbox: NginxSandbox | undefined;

/** One prefix directory with a self-signed certificate, made once per test process. */
export function nginxSandbox(): NginxSandbox {
  if (sandbox) return sandbox;
  const prefix = mkdtempSync(join(tmpdir(), 'nixkit-nginx-'));
  for (const dir of ['logs', 'conf', 'tmp', 'html']) mkdirSync(join(prefix, dir), { recursive: true });
  const cert = join(prefix, 'conf', 'cert.pem');
  const key = join(prefix, 'conf', 'key.pem');
  const openssl = requireTool('openssl');
  const made = spawnSync(openssl, [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
    '-keyout', key, '-out', cert,
  ], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr}`);
  sandbox = { prefix, cert, key };
  process.on('exit', () => rmSync(prefix, { recursive: true, force: true }));
  return sandbox;
}

/**
 * A complete nginx.conf under `prefix` (its logs/ and tmp/ directories), in the foreground, with
 * `httpBody` inside `http { }`: what both the `nginx -t` checks and the live servers run.
 */
export function nginxMainConfig(prefix: string, httpBody: string, options: { masterProcess?: boolean } = {}): string {
  return [
    'daemon off;',
    ...(options.masterProcess ? ['master_process on;'] : []),
    'worker_processes 1;',
    `pid ${join(prefix, 'logs', 'nginx.pid')};`,
    `error_log ${join(prefix, 'logs', 'error.log')};`,
    'events { worker_connections 64; }',
    'http {',
    `  access_log ${join(prefix, 'logs', 'access.log')};`,
    `  client_body_temp_path ${join(prefix, 'tmp')};`,
    `  proxy_temp_path ${join(prefix, 'tmp')};`,
    `  fastcgi_temp_path ${join(prefix, 'tmp')};`,
    `  uwsgi_temp_path ${join(prefix, 'tmp')};`,
    `  scgi_temp_path ${join(prefix, 'tmp')};`,
    httpBody,
    '}',
    '',
  ].join('\n');
}

/**
 * Runs the real `nginx -t` (or `-T` with `dump`) on `httpBody`, placed inside an `http { }` block
 * of a complete configuration under a private prefix. Nothing listens: -t only checks.
 */
export function nginxTest(httpBody: string, options: { dump?: boolean } = {}): NginxCheck {
  const bin = requireTool('nginx', ['/usr/sbin/nginx']);
  const { prefix } = nginxSandbox();
  const conf = join(prefix, 'conf', `test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.conf`);
  const full = nginxMainConfig(prefix, httpBody);
  writeFileSync(conf, full);
  try {
    const result = spawnSync(bin, [options.dump ? '-T' : '-t', '-q', '-p', prefix, '-c', conf], { encoding: 'utf8' });
    if (result.error) throw result.error;
    return { ok: result.status === 0, output: `${result.stderr}${options.dump ? '' : result.stdout}`, dump: options.dump ? result.stdout : '' };
  } finally {
    rmSync(conf, { force: true });
  }
}
