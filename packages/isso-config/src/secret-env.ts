import { preview } from './describe.js';
import { IssoConfigError } from './errors.js';
import { isSecretRef } from './secret-ref.js';
import type { IssoConfig } from './types.js';

/**
 * The environment variables a config refers to through `{ env: NAME }` values, in
 * the order they appear, without duplicates. These must be set for Isso (for example through the systemd
 * `EnvironmentFile` of the service), or Isso reads the literal `${NAME}`. Throws
 * `IssoConfigError` when `config` is not an object.
 */
export function secretEnvVars(config: IssoConfig): string[] {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    const accepted = 'a config object of sections';
    throw new IssoConfigError([{ severity: 'error', code: 'wrong-type', path: [], value: config, accepted, message: `the config ${preview(config)} is not an object; accepted: ${accepted}` }]);
  }
  const names = new Set<string>();
  for (const section of Object.values(config as Record<string, unknown>)) {
    if (typeof section !== 'object' || section === null) continue;
    for (const value of Object.values(section as Record<string, unknown>)) {
      if (isSecretRef(value)) names.add(value.env);
    }
  }
  return [...names];
}
