import type { ResolvedDeployment } from './deployment.js';

/**
 * gunicorn's arguments after the binary, in the article's order. `bindAddress` is where it
 * listens: `0.0.0.0` inside the container (the port is published on 127.0.0.1 only), 127.0.0.1 on
 * the host.
 */
export function gunicornArgs(d: ResolvedDeployment, bindAddress: string): string[] {
  const g = d.gunicorn;
  const args = ['--name', g.name, '--bind', `${bindAddress}:${d.port}`, '--worker-class', g.workerClass, '--workers', String(g.workers)];
  if (g.workerTmpDir !== null) args.push('--worker-tmp-dir', g.workerTmpDir);
  if (g.preload) args.push('--preload');
  args.push(g.app);
  return args;
}
