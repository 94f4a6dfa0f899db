import { IssoDeploymentError, type FieldPath } from './errors.js';
import { ENV_NAME } from './read-values.js';

// Where a secret reference belongs, a value that is not a variable name is most likely the secret
// itself. Errors about such a value therefore never carry it: not in the message, not in `value`,
// so a CLI, a log or a bug report that shows the error does not leak it.

/** What an error holds instead of a refused secret. */
export const REDACTED = '[redacted]';

/** The NAME of a variable in the environment file, refused without being repeated. */
export function readSecretName(value: unknown, path: FieldPath): string {
  if (typeof value === 'string' && ENV_NAME.test(value)) return value;
  throw new IssoDeploymentError(
    'expected the NAME of a variable in the environment file, such as "ISSO_SMTP_PASSWORD" ([A-Z_][A-Z0-9_]*); ' +
      'the value given is not one (is it the secret itself? it is not repeated here)',
    { path, value: REDACTED },
  );
}

/**
 * Checks the keys of an object that holds secret references without repeating any value: an
 * unknown key may be a misspelt one whose value is a secret.
 */
export function readSecretObject(value: unknown, path: FieldPath, known: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IssoDeploymentError('expected an object', { path, value: REDACTED });
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new IssoDeploymentError(`unknown field "${key}"; accepted fields here: ${known.join(', ')}`, { path: [...path, key], value: REDACTED });
    }
  }
  return value as Record<string, unknown>;
}
