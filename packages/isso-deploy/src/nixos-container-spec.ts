import type { ResolvedDeployment } from './deployment.js';
import type { DeploymentMode } from './deployment-mode.js';
import { STATE_DIRECTORY } from './defaults.js';

// Names and paths of the nixos-container mode that the module, the plain files and the status
// check must agree on.

/** Where isso.conf appears inside the container (a read-only bind mount of the store file). */
export const CONTAINER_CONFIG_PATH = '/etc/isso/isso.conf';

/**
 * Where the host's database directory is mounted inside the container: the directory systemd
 * uses for the state directory of a service with `DynamicUser=` (it links /var/lib/isso to it).
 */
export const CONTAINER_STATE_PATH = `/var/lib/private/${STATE_DIRECTORY}`;

/** The service's view of its state directory, the path Isso's dbpath and ReadWritePaths name. */
export const SERVICE_STATE_PATH = `/var/lib/${STATE_DIRECTORY}`;

/** The unit inside the container. */
export const INNER_UNIT = 'isso.service';

/** The host's unit for the container: `container@<name>.service`. */
export function hostUnitName(d: ResolvedDeployment): string {
  return `container@${d.nixosContainer.name}.service`;
}

/** The host side of the container's veth link, as systemd-nspawn names it. */
export function hostInterface(d: ResolvedDeployment): string {
  return `ve-${d.nixosContainer.name}`;
}

/** Where nginx finds gunicorn in a mode: the container's address, or the loopback interface. */
export function upstreamAddress(d: ResolvedDeployment, mode: DeploymentMode): string {
  return mode === 'nixos-container' ? d.nixosContainer.localAddress : '127.0.0.1';
}
