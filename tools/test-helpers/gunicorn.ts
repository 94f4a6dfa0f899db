import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startProcess, waitForPort, type LiveProcess } from './live-process.js';
import { requireTool } from './require-tool.js';

/** The directory holding the `isso` stand-in package (tools/isso-stand-in), for PYTHONPATH. */
export const ISSO_STAND_IN = fileURLToPath(new URL('../isso-stand-in/', import.meta.url));

/**
 * Debian's python3 with gunicorn and gevent (python3-gunicorn, python3-gevent). The `python3`
 * on PATH may be another interpreter without them, so this one is found by its Debian path.
 * Throws (the test fails) when either module is missing.
 */
export function requireGunicornPython(): string {
  const python = requireTool('/usr/bin/python3', ['/usr/bin/python3']);
  const probe = spawnSync(python, ['-c', 'import gunicorn, gevent'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(`gunicorn and gevent are not importable by ${python}: run tools/install-interop-deps (python3-gunicorn, python3-gevent)\n${probe.stderr}`);
  }
  return python;
}

/**
 * Starts the real gunicorn with `args` (a rendered command line after the binary) and `env`,
 * the stand-in `isso` package first on PYTHONPATH, and waits until `port` answers.
 */
export async function startGunicorn(args: readonly string[], env: Record<string, string>, port: number): Promise<LiveProcess> {
  const python = requireGunicornPython();
  const live = startProcess(python, ['-m', 'gunicorn', ...args], { PATH: '/usr/bin:/bin', ...env, PYTHONPATH: ISSO_STAND_IN, PYTHONDONTWRITEBYTECODE: '1' });
  try {
    await waitForPort(port, live);
  } catch (error) {
    await live.stop();
    throw error;
  }
  return live;
}
