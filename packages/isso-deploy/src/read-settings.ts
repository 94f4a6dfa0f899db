import { ISSO_SCHEMA, isSecretRef, secretEnvVars, validate, type IssoConfig, type IssoVersion } from '@nixkit/isso-config';
import { IssoDeploymentError, type FieldPath } from './errors.js';
import { REDACTED, readSecretName } from './secret-names.js';
import { underField } from './under-field.js';

/** The `secrets` field that carries a reference for each secret setting, and its usual variable. */
const SECRET_HINTS: Readonly<Record<string, { ref: string; variable: string }>> = {
  'smtp.password': { ref: 'smtpPassword', variable: 'ISSO_SMTP_PASSWORD' },
  'admin.password': { ref: 'adminPassword', variable: 'ISSO_ADMIN_PASSWORD' },
  'smtp.username': { ref: 'smtpUsername', variable: 'ISSO_SMTP_USERNAME' },
  'hash.salt': { ref: 'hashSalt', variable: 'ISSO_HASH_SALT' },
};

/**
 * Refuses a literal value anywhere the schema marks a key as secret (`[smtp] password` and
 * `username`, `[admin] password`, `[hash] salt`), with the fix: the config is written with
 * `pkgs.writeText` into the world-readable Nix store. A `{ env: NAME }` whose NAME is not a
 * variable name is refused the same way. The refused value is never repeated.
 */
function refuseLiteralSecrets(input: unknown, path: FieldPath): void {
  if (typeof input !== 'object' || input === null) return;
  for (const [section, spec] of Object.entries(ISSO_SCHEMA)) {
    const keys = (input as Record<string, unknown>)[section];
    const secretKeys = Object.entries(spec.keys).filter(([, schema]) => (schema as { secret?: boolean }).secret).map(([key]) => key);
    if (keys === undefined) continue;
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
      // `"smtp": "hunter2"`: the whole section where its keys belong; do not quote it back.
      if (secretKeys.length > 0) throw new IssoDeploymentError(`[${section}] must be an object of keys (${Object.keys(spec.keys).join(', ')})`, { path: [...path, section], value: REDACTED });
      continue;
    }
    // A misspelt key in a section with secrets (`pasword`) may hold one: refuse it here, before
    // the settings validator would quote its value.
    for (const key of Object.keys(keys)) {
      if (secretKeys.length > 0 && !Object.hasOwn(spec.keys, key)) {
        throw new IssoDeploymentError(`"${key}" is not a key Isso reads in [${section}]; accepted: ${Object.keys(spec.keys).join(', ')}`, { path: [...path, section, key], value: REDACTED });
      }
    }
    for (const [key, schema] of Object.entries(spec.keys)) {
      if (!(schema as { secret?: boolean }).secret || !Object.hasOwn(keys, key)) continue;
      const value = (keys as Record<string, unknown>)[key];
      if (isSecretRef(value)) {
        readSecretName(value.env, [...path, section, key, 'env']);
        continue;
      }
      // An empty login name means "no SMTP authentication", which gives nothing away.
      if (section === 'smtp' && key === 'username' && value === '') continue;
      const hint = SECRET_HINTS[`${section}.${key}`] ?? { ref: `${section}${key[0]!.toUpperCase()}${key.slice(1)}`, variable: `ISSO_${section.toUpperCase()}_${key.toUpperCase()}` };
      throw new IssoDeploymentError(
        `[${section}] ${key} is a secret and would be written into isso.conf, which pkgs.writeText puts in the world-readable Nix store. ` +
          `Remove it here, put ${hint.variable}=… in an environment file outside the store (e.g. /run/secrets/isso.env, mode 0600) ` +
          `and set "secrets": {"environmentFile": "/run/secrets/isso.env", "${hint.ref}": "${hint.variable}"}`,
        { path: [...path, section, key], value: REDACTED },
      );
    }
  }
}

/**
 * Reads the `settings` field with @nixkit/isso-config's validation for the source's Isso
 * version (unknown keys and wrong types are errors under `settings.…`), after refusing literal
 * secrets. `{ env: NAME }` references are kept; they need `secrets.environmentFile`.
 */
export function readSettings(value: unknown, path: FieldPath, version: IssoVersion, hasEnvironmentFile: boolean): IssoConfig {
  refuseLiteralSecrets(value, path);
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
