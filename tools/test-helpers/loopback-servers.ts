import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nginxSandbox } from './nginx.js';
import { requireTool } from './require-tool.js';

// Real gunicorn and a real nginx on loopback, for tests that run a rendered command line and a
// rendered server block. Several test processes share this machine: every server listens on
// 127.0.0.1 only, on a port the kernel picked as free, and the test stops what it started
// (`stop()`, plus a last-resort kill when the test process exits).

/** A server process started by a test. */
export interface LoopbackServer {
  port: number;
  /** Everything the process wrote on stdout and stderr so far. */
  output(): string;
  /** Stops the process (SIGTERM, then SIGKILL) and waits until it has exited. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A TCP port on 127.0.0.1 that was free a moment ago (the kernel's choice for port 0). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts `command args` and resolves once something accepts connections on each of `ports`
 * (127.0.0.1). Rejects with the process output when it exits first or `patienceMs` passes.
 */
export async function startServer(command: string, args: readonly string[], options: { ports: readonly number[]; cwd?: string; env?: NodeJS.ProcessEnv; patienceMs?: number }): Promise<LoopbackServer> {
  const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk) => { output += String(chunk); });
  child.stderr!.on('data', (chunk) => { output += String(chunk); });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => { exited = true; running.delete(child); resolve(); }));
  child.once('error', (error) => { output += `\n${String(error)}`; });
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.patienceMs ?? 20000);
  for (;;) {
    if (exited) throw new Error(`${command} exited before listening:\n${output}`);
    const ready = await Promise.all(options.ports.map(connects));
    if (ready.every(Boolean)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${command} did not listen on ${options.ports.join(', ')}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { port: options.ports[0]!, output: () => output, stop };
}

/**
 * Starts Debian's gunicorn (`/usr/bin/python3 -m gunicorn`; the python3 on PATH may lack it)
 * with `args` as rendered after the binary, in `cwd` so the WSGI module there can be imported.
 */
export function startGunicorn(args: readonly string[], options: { port: number; cwd: string; env?: Record<string, string> }): Promise<LoopbackServer> {
  const python = requireTool('/usr/bin/python3', ['/usr/bin/python3']);
  return startServer(python, ['-m', 'gunicorn', ...args], {
    ports: [options.port],
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONPATH: options.cwd, ...options.env },
  });
}

/**
 * Starts a real nginx with `httpBody` inside `http { }`, under the shared sandbox prefix (its
 * self-signed certificate is at `nginxSandbox().cert`/`.key`). `ports` are the ports the body
 * listens on, waited for before returning.
 */
export function startNginx(httpBody: string, ports: readonly number[]): Promise<LoopbackServer> {
  const bin = requireTool('nginx', ['/usr/sbin/nginx']);
  const { prefix } = nginxSandbox();
  const id = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const temp = join(prefix, `tmp-${id}`);
  mkdirSync(temp, { recursive: true });
  const conf = join(prefix, 'conf', `live-${id}.conf`);
  writeFileSync(conf, [
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    `pid ${join(prefix, 'logs', `nginx-${id}.pid`)};`,
    `error_log ${join(prefix, 'logs', `error-${id}.log`)} info;`,
    'events { worker_connections 64; }',
    'http {',
    `  access_log ${join(prefix, 'logs', `access-${id}.log`)};`,
    `  client_body_temp_path ${temp};`,
    `  proxy_temp_path ${temp};`,
    `  fastcgi_temp_path ${temp};`,
    `  uwsgi_temp_path ${temp};`,
    `  scgi_temp_path ${temp};`,
    httpBody,
    '}',
    '',
  ].join('\n'));
  return startServer(bin, ['-p', prefix, '-c', conf], { ports });
}

/**
 * A fresh temporary directory, removed when the test process exits. It is world-readable: run as
 * root, nginx serves files as its unprivileged worker user.
 */
export function scratchDirectory(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `nixkit-${name}-`));
  chmodSync(dir, 0o755);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The WSGI module `writeEchoApp` writes, as gunicorn's app argument. */
export const ECHO_APP = 'nixkit_echo_app:app';

/**
 * Writes a small WSGI app into `dir` that answers every request with JSON: the method, path,
 * request headers (`HTTP_*` and the content headers), the peer address and the environment
 * variables named in `envNames`. It also sets `Set-Cookie` and `X-Set-Cookie`, as Isso does, so a
 * test can see a proxy hide them.
 */
export function writeEchoApp(dir: string, envNames: readonly string[] = []): string {
  writeFileSync(join(dir, 'nixkit_echo_app.py'), `import json, os

ENV_NAMES = ${JSON.stringify(envNames)}

def app(environ, start_response):
    headers = {k[5:].replace('_', '-').title(): v for k, v in environ.items() if k.startswith('HTTP_')}
    body = json.dumps({
        'method': environ['REQUEST_METHOD'],
        'path': environ.get('PATH_INFO', ''),
        'headers': headers,
        'remote': environ.get('REMOTE_ADDR'),
        'env': {name: os.environ.get(name) for name in ENV_NAMES},
    }).encode('utf-8')
    start_response('200 OK', [
        ('Content-Type', 'application/json'),
        ('Content-Length', str(len(body))),
        ('Set-Cookie', 'isso-1=token; Path=/'),
        ('X-Set-Cookie', 'isso-1=token; Path=/'),
    ])
    return [body]
`);
  return ECHO_APP;
}

/** One HTTP exchange. */
export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A GET to 127.0.0.1:`port` with the given headers (a `Host` among them, as a browser sends it),
 * over TLS without certificate checks when `tls` (the test certificate is self-signed).
 */
export function loopbackGet(port: number, path: string, options: { headers?: Record<string, string>; tls?: boolean; servername?: string } = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const common = { host: '127.0.0.1', port, path, method: 'GET', headers: options.headers ?? {} };
    const done = (response: import('node:http').IncomingMessage) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    };
    const req = options.tls
      ? httpsRequest({ ...common, rejectUnauthorized: false, servername: options.servername ?? 'localhost' }, done)
      : httpRequest(common, done);
    req.once('error', reject);
    req.setTimeout(10000, () => req.destroy(new Error(`no answer from 127.0.0.1:${port}${path}`)));
    req.end();
  });
}
