import { isNixExpr } from '@nixkit/nix-expr';
import { OciContainerError } from './errors.js';

/**
 * A value marked secret. Nothing in this package accepts one inline: secret values belong in a
 * file listed in `environmentFiles`, never in the Nix store or a unit file. The marker exists so
 * that a caller who has a secret in hand gets a clear refusal instead of a silent leak.
 */
export interface SecretValue {
  kind: 'secret';
  value?: string;
  name?: string;
}

/** Marks a value as secret (see `SecretValue`); useful to make the refusal explicit in code. */
export function secret(value?: string, name?: string): SecretValue {
  if (value !== undefined && typeof value !== 'string') throw new OciContainerError('a secret value must be a string', { path: ['value'], value: typeof value, accepted: 'a string or nothing' });
  if (name !== undefined && typeof name !== 'string') throw new OciContainerError('a secret name must be a string', { path: ['name'], value: name, accepted: 'a string or nothing' });
  const marker: SecretValue = { kind: 'secret' };
  if (value !== undefined) marker.value = value;
  if (name !== undefined) marker.name = name;
  return marker;
}

/** Recognises both the typed marker and a JSON caller's `{ "secret": true, … }`. */
export function isSecret(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || isNixExpr(value)) return false;
  const record = value as Record<string, unknown>;
  return record['kind'] === 'secret' || record['secret'] === true;
}
