import { ISSO_SCHEMA, isSecretRef, secretEnvVars, validate, type IssoConfig, type IssoVersion } from '@nixkit/isso-config';
import { IssoDeploymentError, type FieldPath } from './errors.js';
import { underField } from './under-field.js';

/** The description field that carries a reference for each password, and its usual variable. */
const PASSWORD_REFS: Readonly<Record<string, { ref: string; variable: string }>> = {
  smtp: { ref: 'smtpPassword', variable: 'ISSO_SMTP_PASSWORD' },
  admin: { ref: 'adminPassword', variable: 'ISSO_ADMIN_PASSWORD' },
};

/**
 * Refuses a literal password anywhere the schema marks a key as a password, with the fix: the
 * config is written with `pkgs.writeText` into the world-readable Nix store.
 */
function refuseLiteralPasswords(input: unknown, path: FieldPath): void {
  if (typeof input !== 'object' || input === null) return;
  for (const [section, spec] of Object.entries(ISSO_SCHEMA)) {
    const keys = (input as Record<string, unknown>)[section];
    if (typeof keys !== 'object' || keys === null) continue;
    for (const [key, schema] of Object.entries(spec.keys)) {
      const value = (keys as Record<string, unknown>)[key];
      if (!(schema as { secret?: boolean }).secret || key !== 'password' || value === undefined || isSecretRef(value)) continue;
      const hint = PASSWORD_REFS[section] ?? { ref: `${section}Password`, variable: `ISSO_${section.toUpperCase()}_PASSWORD` };
      throw new IssoDeploymentError(
        `[${section}] ${key} would be written into isso.conf, which pkgs.writeText puts in the world-readable Nix store. ` +
          `Remove it here, put ${hint.variable}=… in an environment file outside the store (e.g. /run/secrets/isso.env, mode 0600) ` +
          `and set "secrets": {"environmentFile": "/run/secrets/isso.env", "${hint.ref}": "${hint.variable}"}`,
        { path: [...path, section, key], value: '[redacted]' },
      );
    }
  }
}

/**
 * Reads the `settings` field with @nixkit/isso-config's validation for the source's Isso
 * version (unknown keys and wrong types are errors under `settings.…`), after refusing literal
 * passwords. `{ env: NAME }` references are kept; they need `secrets.environmentFile`.
 */
export function readSettings(value: unknown, path: FieldPath, version: IssoVersion, hasEnvironmentFile: boolean): IssoConfig {
  refuseLiteralPasswords(value, path);
  const config = underField(path, 'Isso settings', () => validate(value, { version }).config, { keepInnerPath: true });
  const variables = secretEnvVars(config);
  if (variables.length > 0 && !hasEnvironmentFile) {
    throw new IssoDeploymentError(
      `the settings read ${variables.map((name) => `\${${name}}`).join(', ')} from the environment, but no file provides them; ` +
        'set "secrets": {"environmentFile": "/run/secrets/isso.env"} and define the variables there',
      { path, value: variables },
    );
  }
  return config;
}
