import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

// Long-running real programs for tests (gunicorn, nginx): loopback ports picked by the kernel,
// a wait until the port answers, and a stop that waits for the process to be gone. Every
// process started here is also killed when the test process exits, whatever happened.

/** A port on 127.0.0.1 that was free a moment ago (the kernel's pick; other tests run concurrently). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A started program: its process, what it printed so far, and `stop()`. */
export interface LiveProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  output(): string;
  /** Sends SIGTERM (SIGKILL after `graceMs`) and resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `command` with exactly `env` (no inherited variables beyond those given). */
export function startProcess(command: string, args: readonly string[], env: Record<string, string>, cwd?: string): LiveProcess {
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { running.delete(child); resolve(); }));
  return {
    child,
    pid: child.pid,
    output: () => output,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** True when nothing with this pid exists any more (it was reaped or never was). */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Resolves when 127.0.0.1:`port` accepts a connection; rejects after `timeoutMs` or if `live` exits. */
export async function waitForPort(port: number, live: LiveProcess, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (live.child.exitCode !== null || live.child.signalCode !== null) {
      throw new Error(`process ${live.pid} exited before listening on ${port}:\n${live.output()}`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms:\n${live.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
