import { validateContainer } from '@nixkit/oci-container';
import { NomadJobError, fromContainer, type FromContainerOptions, type NomadJob } from '@nixkit/nomad-job';
import { containerSpec } from './container-spec.js';
import type { ResolvedDeployment } from './deployment.js';
import { IssoDeploymentError } from './errors.js';
import { underField } from './under-field.js';

// The article's container as a Nomad job. The node side (nomad-node-module.ts) declares the
// names this job refers to, so both read them from here.

/** Where the node keeps the image archive: a link into the store that the system closure holds. */
export function nomadImagePath(d: ResolvedDeployment): string {
  return `/etc/nixkit/${d.containerName}/image.tar.gz`;
}

/** The client host_volume holding the SQLite directory. */
export function nomadHostVolume(d: ResolvedDeployment): string {
  return `${d.containerName}-db`;
}

/** The client host_network bound to the loopback address, so only nginx reaches Isso. */
export const NOMAD_LOOPBACK_NETWORK = 'loopback';

/** Client meta key naming the database directory; the job's constraint requires it. */
export const NOMAD_NODE_META = 'nixkit_isso_db';

/** Nomad variable item keys the secrets template reads. */
export const NOMAD_SECRET_ITEMS = { smtpPassword: 'smtp_password', adminPassword: 'admin_password' } as const;

/** A DNS-label service name from the container name (which may hold "_" and "."). */
function serviceName(d: ResolvedDeployment): string {
  const name = d.containerName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return name === '' ? 'isso' : name;
}

function secretsOption(d: ResolvedDeployment): FromContainerOptions['secrets'] | undefined {
  const env: Record<string, string> = {};
  if (d.secrets?.smtpPassword !== undefined) env[d.secrets.smtpPassword] = NOMAD_SECRET_ITEMS.smtpPassword;
  if (d.secrets?.adminPassword !== undefined) env[d.secrets.adminPassword] = NOMAD_SECRET_ITEMS.adminPassword;
  return Object.keys(env).length === 0 ? undefined : { env };
}

/**
 * The Nomad job for a resolved deployment: the article's container through @nixkit/nomad-job's
 * fromContainer, with the podman (or docker) driver, the image archive the node keeps, the
 * database as the node's host volume, port `d.port` on loopback, a check on Isso's `/info`,
 * and the passwords from the Nomad variable `nomad/jobs/<name>`.
 */
export function nomadJob(d: ResolvedDeployment): NomadJob {
  // The image name as `docker load` names it (the archive itself is options.imageArchive); the
  // environment file has no place in a Nomad task: the template replaces it.
  const { environmentFiles: _files, imageFile: _image, ...spec } = containerSpec(d, { imageFile: true });
  const container = underField([], 'the container', () => validateContainer(spec));
  const options: FromContainerOptions = {
    driver: d.backend,
    imageArchive: nomadImagePath(d),
    node: { attribute: `\${meta.${NOMAD_NODE_META}}`, value: d.dbVolume.hostPath },
    hostVolumes: { [d.dbVolume.hostPath]: nomadHostVolume(d) },
    hostNetwork: NOMAD_LOOPBACK_NETWORK,
    service: { name: serviceName(d), provider: 'nomad', checkPath: '/info' },
  };
  const secrets = secretsOption(d);
  if (secrets !== undefined) options.secrets = secrets;
  try {
    return fromContainer(container, options);
  } catch (error) {
    if (error instanceof NomadJobError) throw new IssoDeploymentError(`the Nomad job: ${error.message}`, { value: error.value });
    throw error;
  }
}
