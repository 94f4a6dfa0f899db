import { DEPLOYMENT_MODES, type DeploymentMode } from './deployment-mode.js';
import { IssoDeploymentError } from './errors.js';
import { readEnum } from './read-json.js';

/**
 * The mode a call renders or checks: the caller's option, else the description's own `"mode"`
 * (so a deployment.json says once how it runs and every command follows it), else `container`.
 * A description whose mode contradicts the option is refused rather than silently overridden.
 */
export function chooseMode(input: unknown, requested: DeploymentMode | undefined): DeploymentMode {
  const raw = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>).mode : undefined;
  const described = raw === undefined || raw === null ? undefined : readEnum(raw, ['mode'], DEPLOYMENT_MODES);
  if (requested !== undefined && described !== undefined && requested !== described) {
    throw new IssoDeploymentError(`the description says "mode": "${described}", but the ${requested} mode was asked for; drop one of them`, { path: ['mode'], value: raw });
  }
  return requested ?? described ?? 'container';
}
