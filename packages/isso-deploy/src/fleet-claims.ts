import { STATE_DIRECTORY } from './defaults.js';
import { imageReference } from './container-spec.js';
import { IssoDeploymentError, formatFieldPath } from './errors.js';
import type { Fleet, FleetSite } from './fleet-description.js';
import { usedLogFormat } from './fleet-http-config.js';

// Two sites clash when they claim the same thing: on one host (a unit, a port, a database
// directory) or anywhere in the fleet (a server name, which DNS points at one place and ACME
// certifies once). A claim with a `value` may be shared by sites that agree on the value (the
// same log_format text, the same container backend); without one it belongs to one site only.

/** Something a site needs for itself. */
export interface FleetClaim {
  /** Where the claim must be unique: on the site's host, or in the whole fleet. */
  scope: 'host' | 'fleet';
  /** What is claimed, in words: `the systemd unit`, `the port on 127.0.0.1`. */
  kind: string;
  /** The claimed thing itself: `podman-isso.service`, `8080`. */
  key: string;
  /** When set, sites with the same value may share the claim. */
  value?: string;
  /** How to resolve a clash on it. */
  hint: string;
}

/** A function listing what a site claims. Modes with other resources add their own. */
export type ClaimSource = (site: FleetSite) => FleetClaim[];

/** The unit, and with it NixOS's `systemd.services.<name>` definition. */
export const unitClaims: ClaimSource = (site) => [{
  scope: 'host',
  kind: 'the systemd unit',
  key: site.unit,
  hint: site.mode === 'container' ? 'give one site another "containerName"' : `only one ${site.mode} site fits on a host; run the others in container mode with their own "containerName"`,
}];

/**
 * Ports on the host's loopback: the container publishes 127.0.0.1:<port>, the native service
 * binds it, services.isso listens on it. Modes with their own network namespace (a NixOS
 * container with a private network) claim nothing here; they claim their addresses instead.
 */
export const hostPortClaims: ClaimSource = (site) =>
  site.mode === 'container' || site.mode === 'native' || site.mode === 'nixos-module'
    ? [{ scope: 'host', kind: 'the port on 127.0.0.1', key: String(site.deployment.port), hint: 'give one site another "port"' }]
    : [];

/** The SQLite database directory on the host. */
export const databaseClaims: ClaimSource = (site) => [{
  scope: 'host',
  kind: 'the database directory',
  key: site.mode === 'container' ? site.deployment.dbVolume.hostPath.replace(/\/+$/, '') : `/var/lib/${STATE_DIRECTORY}`,
  hint: site.mode === 'container' ? 'give one site another "dbVolume": {"hostPath": …}' : 'run one site in container mode with its own "dbVolume"',
}];

/**
 * Container mode: the oci-containers attribute, the image name podman loads the archive as (two
 * sites loading different images as `isso:latest` would run each other's), and the backend, of
 * which NixOS has one per host.
 */
export const containerClaims: ClaimSource = (site) => {
  if (site.mode !== 'container') return [];
  const d = site.deployment;
  return [
    { scope: 'host', kind: 'the container name', key: d.containerName, hint: 'give one site another "containerName"' },
    { scope: 'host', kind: 'the image name', key: imageReference(d), hint: 'give one site another "image": {"name": …} or "tag"' },
    { scope: 'host', kind: 'virtualisation.oci-containers.backend', key: 'backend', value: d.backend, hint: 'use one "backend" for every container site of a host' },
  ];
};

/** nginx server names (domain and aliases) and the ACME certificate named after the domain. */
export const serverNameClaims: ClaimSource = (site) =>
  [site.deployment.domain, ...site.deployment.nginx.aliases].map((name) => ({
    scope: 'fleet' as const,
    kind: 'the nginx server name',
    key: name.toLowerCase(),
    hint: 'serve each name from one site only (Isso keeps its comments in one SQLite file)',
  }));

/** The access log's `log_format`, defined once per host; two sites may share it only word for word. */
export const logFormatClaims: ClaimSource = (site) => {
  const format = usedLogFormat(site.deployment);
  return format === null ? [] : [{ scope: 'host', kind: 'the nginx log_format', key: format.name, value: format.definition, hint: 'give the differing format another name in "nginx": {"logFormats": …, "accessLog": …}' }];
};

/**
 * The secret environment file: the Colmena key of that name. Sites may share one file only with
 * the same local source.
 */
export const secretClaims: ClaimSource = (site) => {
  const file = site.deployment.secrets?.environmentFile;
  return file === undefined ? [] : [{
    scope: 'host', kind: 'the secret environment file', key: file,
    value: JSON.stringify(site.secretKey),
    hint: 'give each site its own "secrets": {"environmentFile": …}, or the same "secretKey"',
  }];
};

/**
 * NAT addresses of modes with a private network (a NixOS container's hostAddress/localAddress
 * pair): none for the modes above. A mode that has them lists them here, scope `host`.
 */
export const natAddressClaims: ClaimSource = () => [];

/** Every claim source the fleet checks, in the order clashes are reported. */
export const CLAIM_SOURCES: readonly ClaimSource[] = [
  unitClaims, containerClaims, hostPortClaims, databaseClaims, natAddressClaims, serverNameClaims, logFormatClaims, secretClaims,
];

function label(site: FleetSite): string {
  return `${formatFieldPath(site.path)} (${site.deployment.domain} on ${site.host})`;
}

/**
 * Refuses a fleet in which two sites claim the same thing, with an `IssoDeploymentError` at the
 * later site's path naming both sites, the thing, and how to resolve it. `sources` defaults to
 * `CLAIM_SOURCES`; pass more for resources of other modes.
 */
export function checkFleetClashes(fleet: Fleet, sources: readonly ClaimSource[] = CLAIM_SOURCES): void {
  const seen = new Map<string, { site: FleetSite; claim: FleetClaim }>();
  for (const host of fleet.hosts) {
    for (const site of host.sites) {
      for (const source of sources) {
        for (const claim of source(site)) {
          const id = JSON.stringify([claim.scope === 'host' ? host.name : '', claim.kind, claim.key]);
          const earlier = seen.get(id);
          if (earlier === undefined) {
            seen.set(id, { site, claim });
            continue;
          }
          if (claim.value !== undefined && claim.value === earlier.claim.value) continue;
          const how = claim.value === undefined ? 'is already used by' : 'is defined differently by';
          throw new IssoDeploymentError(
            `${claim.kind} ${JSON.stringify(claim.key)} ${how} ${label(earlier.site)}; both cannot be deployed to ${claim.scope === 'host' ? `host ${host.name}` : 'the fleet'}: ${claim.hint}`,
            { path: site.path, value: claim.key },
          );
        }
      }
    }
  }
}
