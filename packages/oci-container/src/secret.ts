import { isNixExpr } from '@nixkit/nix-expr';

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
