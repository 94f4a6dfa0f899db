import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcess, waitForPort, type LiveProcess } from './live-process.js';
import { nginxMainConfig, nginxSandbox } from './nginx.js';
import { requireTool } from './require-tool.js';

/** A running nginx under a private prefix. */
export interface LiveNginx extends LiveProcess {
  readonly prefix: string;
}

/**
 * Starts the real nginx in the foreground with `httpBody` inside `http { }`, under a fresh
 * prefix (logs, temp files), and waits until every port in `ports` answers on 127.0.0.1.
 * The prefix is world-readable so nginx's unprivileged workers can serve files from it.
 */
export async function startNginx(httpBody: string, ports: readonly number[]): Promise<LiveNginx> {
  const bin = requireTool('nginx', ['/usr/sbin/nginx']);
  nginxSandbox();
  const prefix = mkdtempSync(join(tmpdir(), 'nixkit-nginx-live-'));
  for (const dir of ['logs', 'conf', 'tmp']) mkdirSync(join(prefix, dir), { recursive: true });
  chmodSync(prefix, 0o755);
  chmodSync(join(prefix, 'tmp'), 0o777);
  const conf = join(prefix, 'conf', 'nginx.conf');
  writeFileSync(conf, nginxMainConfig(prefix, httpBody, { masterProcess: true }));
  const live = startProcess(bin, ['-p', prefix, '-c', conf], { PATH: '/usr/sbin:/usr/bin:/bin' });
  try {
    for (const port of ports) await waitForPort(port, live);
  } catch (error) {
    await live.stop();
    rmSync(prefix, { recursive: true, force: true });
    throw error;
  }
  return {
    ...live,
    prefix,
    async stop(graceMs?: number) {
      await live.stop(graceMs);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
