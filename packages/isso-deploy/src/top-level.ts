import type { IssoDeployment } from './deployment.js';

/** Every field of a deployment description; `satisfies` keeps the list and the type in step. */
export const TOP_LEVEL_FIELDS = [
  '$schema', 'nixosRelease', 'preset', 'openFirewall', 'domain', 'acmeEmail', 'acmeAcceptTerms', 'sites', 'port', 'source',
  'python', 'settings', 'gunicorn', 'image', 'backend', 'containerName', 'dbVolume', 'nginx', 'secrets',
  'mode', 'nixosContainer',
] as const satisfies readonly (keyof IssoDeployment)[];
