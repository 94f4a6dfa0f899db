import type { ResolvedDeployment } from './deployment.js';
import type { DeploymentMode } from './deployment-mode.js';
import { STATE_DIRECTORY } from './defaults.js';
import { IssoDeploymentError } from './errors.js';
import { checkNixosContainerFields } from './resolve-nixos-container.js';

// Checks that depend on how Isso runs: where the database survives a restart, and whether the
// published port can reach gunicorn.

const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

function under(path: string, dir: string): boolean {
  const base = dir.replace(/\/+$/, '');
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return false;
  return path.startsWith(`${base}/`) && path.length > base.length + 1;
}

/**
 * Throws for a description that would deploy but not work in `mode`:
 * - container: the container runs with `--rm`, so a `dbpath` outside the mounted volume loses
 *   every comment at restart; and gunicorn bound to loopback inside the container is out of
 *   reach of the published port.
 * - native and nixos-module: the service's user is dynamic, so only its StateDirectory
 *   (`/var/lib/isso`) is both writable and kept.
 * - nixos-module: services.isso always runs pkgs.isso.
 * - nixos-container: gunicorn binds the container's address, the database is its state directory.
 */
export function checkMode(d: ResolvedDeployment, mode: DeploymentMode): void {
  const dbpath = (d.settings.general as { dbpath?: unknown } | undefined)?.dbpath;
  if (mode === 'container') {
    if (LOOPBACK.test(d.gunicorn.bindAddress)) {
      throw new IssoDeploymentError(
        `gunicorn bound to ${d.gunicorn.bindAddress} inside the container cannot be reached through the published port; ` +
          'use "0.0.0.0" (the port is published on the host\'s 127.0.0.1 only)',
        { path: ['gunicorn', 'bindAddress'], value: d.gunicorn.bindAddress },
      );
    }
    if (typeof dbpath === 'string' && !under(dbpath, d.dbVolume.containerPath)) {
      throw new IssoDeploymentError(
        `the database at ${dbpath} would live in the container, which runs with --rm: every comment would be lost at restart. ` +
          `Put it under the mounted volume, e.g. ${d.dbVolume.containerPath.replace(/\/+$/, '')}/comments.db, or remove dbpath`,
        { path: ['settings', 'general', 'dbpath'], value: dbpath },
      );
    }
    return;
  }
  if (mode === 'nixos-module' && d.source.kind !== 'nixpkgs') {
    throw new IssoDeploymentError('NixOS\'s services.isso always runs pkgs.isso and cannot build another source; remove "source" or use the container or native mode', { path: ['source'], value: d.source.kind });
  }
  if (mode === 'nixos-container') checkNixosContainerFields(d);
  const state = `/var/lib/${STATE_DIRECTORY}`;
  if (typeof dbpath === 'string' && !under(dbpath, state)) {
    throw new IssoDeploymentError(
      `the database at ${dbpath} is outside the service's StateDirectory: with a dynamic user it is either not writable or not kept. ` +
        `Put it under ${state}/, e.g. ${state}/comments.db, or remove dbpath`,
      { path: ['settings', 'general', 'dbpath'], value: dbpath },
    );
  }
}
