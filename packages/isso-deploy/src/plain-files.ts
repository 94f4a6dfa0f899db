import { toNginxConf } from '@nixkit/nginx-vhost';
import { toQuadlet } from '@nixkit/oci-container';
import type { ResolvedDeployment } from './deployment.js';
import type { DeploymentMode } from './deployment-mode.js';
import { containerSpec } from './container-spec.js';
import { upstreamAddress } from './nixos-container-spec.js';
import { issoConfText } from './isso-conf.js';
import { underField } from './under-field.js';
import { logFormatPrelude, vhostSpec } from './vhost-spec.js';

/** Where the Quadlet unit expects isso.conf on the host, and where the container sees it. */
export const HOST_CONFIG_PATH = '/etc/isso/isso.conf';
const CONTAINER_CONFIG_PATH = '/config/isso.conf';

/** certbot's certificate files, for hosts that get their certificate with certbot's webroot mode. */
function certbotCertificate(name: string) {
  const dir = `/etc/letsencrypt/live/${name}`;
  return { fullchain: `${dir}/fullchain.pem`, key: `${dir}/privkey.pem`, chain: `${dir}/chain.pem` };
}

/** The files for a host without NixOS. */
export interface PlainFiles {
  /** isso.conf for the container (database under the volume), to place at /etc/isso/isso.conf. */
  issoConf: string;
  /** The http-level lines (log format) and the `server { }` blocks, to include inside `http { }`. */
  nginxServer: string;
  /** A Podman Quadlet unit, to place at /etc/containers/systemd/<name>.container (container mode only). */
  quadlet: string | null;
}

/**
 * The same deployment for a host without NixOS (isso.conf as the mode writes it, the nginx server
 * block, and in container mode a Quadlet unit): the container runs from the Nix-built image
 * (loaded with `podman load`), reads isso.conf from the host so it can be edited there, and
 * nginx uses certbot's certificate paths with the same webroot challenge location.
 */
export function plainFiles(d: ResolvedDeployment, mode: DeploymentMode): PlainFiles {
  const container = containerSpec(d, { imageFile: false });
  container.volumes = [...(container.volumes ?? []), { source: HOST_CONFIG_PATH, target: CONTAINER_CONFIG_PATH, options: ['ro'] }];
  container.environment = { ISSO_SETTINGS: CONTAINER_CONFIG_PATH };
  delete container.backend;
  const prelude = logFormatPrelude(d, { connectionUpgradeMap: true }) ?? '';
  return {
    issoConf: issoConfText(d, mode),
    nginxServer: underField(['nginx'], 'the nginx server block', () =>
      prelude + toNginxConf(vhostSpec(d, upstreamAddress(d, mode)), { nginxVersion: d.nginx.version, acmeCertificate: certbotCertificate })),
    quadlet: mode === 'container' ? underField([], 'the Quadlet unit', () => toQuadlet(container)) : null,
  };
}
