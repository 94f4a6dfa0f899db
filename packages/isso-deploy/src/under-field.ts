import { IssoConfigError } from '@nixkit/isso-config';
import { NixExprError } from '@nixkit/nix-expr';
import { NginxVhostError } from '@nixkit/nginx-vhost';
import { OciContainerError } from '@nixkit/oci-container';
import { IssoDeploymentError, type FieldPath } from './errors.js';

/**
 * Runs a call into another @nixkit package and turns its typed error into an
 * IssoDeploymentError located at `field` of the description (plus the inner path when the inner
 * model mirrors the description, as Isso settings do), so callers handle one error type.
 */
export function underField<T>(field: FieldPath, what: string, run: () => T, options: { keepInnerPath?: boolean } = {}): T {
  try {
    return run();
  } catch (error) {
    if (
      error instanceof IssoConfigError ||
      error instanceof NginxVhostError ||
      error instanceof OciContainerError ||
      error instanceof NixExprError
    ) {
      const inner = (error as { path?: readonly (string | number)[] }).path ?? [];
      const path = options.keepInnerPath ? [...field, ...inner] : field;
      throw new IssoDeploymentError(`${what}: ${error.message}`, { path, value: (error as { value?: unknown }).value });
    }
    throw error;
  }
}
