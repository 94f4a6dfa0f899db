import { env, type IssoConfig } from '@nixkit/isso-config';
import type { ResolvedDeployment } from './deployment.js';
import type { DeploymentMode } from './deployment-mode.js';
import { STATE_DIRECTORY } from './defaults.js';

/** Where the SQLite database lives, as Isso sees the path in each mode. */
export function databasePath(d: ResolvedDeployment, mode: DeploymentMode): string {
  return mode === 'container' ? `${d.dbVolume.containerPath.replace(/\/+$/, '')}/comments.db` : `/var/lib/${STATE_DIRECTORY}/comments.db`;
}

/**
 * The Isso settings of a mode: the database path and the embedding websites this package
 * derives, the password references from `secrets`, and the caller's own settings on top, key by
 * key. `services.isso` runs Isso's built-in server, which needs `[server] listen`; gunicorn
 * ignores it.
 */
export function issoSettings(d: ResolvedDeployment, mode: DeploymentMode): IssoConfig {
  const derived: Record<string, Record<string, unknown>> = {
    general: { dbpath: databasePath(d, mode), host: d.sites },
  };
  if (mode === 'nixos-module') derived.server = { listen: `http://127.0.0.1:${d.port}` };
  const refs = d.secrets;
  if (refs?.smtpPassword !== undefined || refs?.smtpUsername !== undefined) {
    derived.smtp = {
      ...(refs.smtpUsername === undefined ? {} : { username: env(refs.smtpUsername) }),
      ...(refs.smtpPassword === undefined ? {} : { password: env(refs.smtpPassword) }),
    };
  }
  // An admin password only matters with the admin interface on; giving one asks for it.
  if (refs?.adminPassword !== undefined) derived.admin = { enabled: true, password: env(refs.adminPassword) };
  if (refs?.hashSalt !== undefined) derived.hash = { salt: env(refs.hashSalt) };
  const merged: Record<string, Record<string, unknown>> = { ...derived };
  for (const [section, keys] of Object.entries(d.settings)) {
    merged[section] = { ...derived[section], ...keys };
  }
  return merged as IssoConfig;
}
