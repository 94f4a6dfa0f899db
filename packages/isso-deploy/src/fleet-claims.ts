import { STATE_DIRECTORY } from './defaults.js';
import { imageReference } from './container-spec.js';
import { IssoDeploymentError, formatFieldPath } from './errors.js';
import type { Fleet, FleetSite } from './fleet-description.js';
import { usedLogFormat } from './fleet-http-config.js';
import { captureFileName, siteUnits } from './fleet-units.js';
import type { DeploymentMode } from './deployment-mode.js';
import { hostInterface } from './nixos-container-spec.js';

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

/** How to give a site of this mode a unit of its own. */
function unitHint(mode: DeploymentMode): string {
  switch (mode) {
    case 'container': return 'give one site another "containerName"';
    case 'nixos-container': return 'give one site another "nixosContainer": {"name": …}';
    case 'native':
    case 'nixos-module': return `only one ${mode} site fits on a host; run the others in container or nixos-container mode with their own name`;
    default: return unknownMode(mode);
  }
}

/** A mode this file has no rule for: refused loudly, so a new mode cannot slip through unclaimed. */
function unknownMode(mode: never): never {
  throw new IssoDeploymentError(`internal: the fleet clash check has no rule for the mode ${JSON.stringify(mode)}`);
}

/** The unit, and with it NixOS's `systemd.services.<name>` definition (`container@<name>` for a NixOS container). */
export const unitClaims: ClaimSource = (site) => [{
  scope: 'host',
  kind: 'the systemd unit',
  key: site.unit,
  hint: unitHint(site.mode),
}];

/**
 * Ports on the host's loopback: the container publishes 127.0.0.1:<port>, the native service
 * binds it, services.isso listens on it. A NixOS container has a private network: gunicorn
 * listens on its localAddress:port inside the container's own namespace and takes no host port;
 * its address is unique per host (`natAddressClaims`), so any two of them may use one port.
 */
export const hostPortClaims: ClaimSource = (site) => {
  switch (site.mode) {
    case 'container':
    case 'native':
    case 'nixos-module':
      return [{ scope: 'host', kind: 'the port on 127.0.0.1', key: String(site.deployment.port), hint: 'give one site another "port"' }];
    case 'nixos-container':
      return [];
    default:
      return unknownMode(site.mode);
  }
};

/** A directory path as one key: the validated paths differ only by a trailing slash. */
const directoryKey = (path: string) => path.replace(/\/+$/, '') || '/';

/**
 * The SQLite database directory on the host: the container's volume, the NixOS container's
 * read-write bind mount (both `dbVolume.hostPath`), or the state directory systemd gives the
 * native service and services.isso (/var/lib/isso).
 */
export const databaseClaims: ClaimSource = (site) => {
  const claim = (key: string, hint: string): FleetClaim[] => [{ scope: 'host', kind: 'the database directory', key: directoryKey(key), hint }];
  switch (site.mode) {
    case 'container':
    case 'nixos-container':
      return claim(site.deployment.dbVolume.hostPath, 'give one site another "dbVolume": {"hostPath": …}');
    case 'native':
    case 'nixos-module':
      return claim(`/var/lib/${STATE_DIRECTORY}`, 'run one site in container or nixos-container mode with its own "dbVolume"');
    default:
      return unknownMode(site.mode);
  }
};

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

/** The four octets of a dotted quad as one unsigned 32-bit number. */
function ipv4Number(address: string): number {
  return address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

/** The /30 an address lies in, as `a.b.c.d/30` (resolveDeployment has checked both ends share it). */
export function linkNetwork(address: string): string {
  const base = ipv4Number(address) - (ipv4Number(address) % 4);
  return `${[24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256).join('.')}/30`;
}

/**
 * A NixOS container's private link (nixos-container mode): nixos-containers.nix puts hostAddress
 * on the host's end `ve-<name>` and routes localAddress into the container, so each address may
 * be on one link of a host only; both ends are claimed under one kind, so one site's hostAddress
 * cannot be another's localAddress either. The /30 the pair lies in is claimed too: two links in
 * one /30 would share a network even with four distinct addresses. `networking.nat.externalInterface`
 * is one option per host: every container site must name the same interface (or none).
 */
export const natAddressClaims: ClaimSource = (site) => {
  if (site.mode !== 'nixos-container') return [];
  const c = site.deployment.nixosContainer;
  const hint = 'give one site another "nixosContainer": {"hostAddress": …, "localAddress": …} pair in a /30 of its own';
  return [
    { scope: 'host', kind: 'the container link address', key: c.hostAddress, hint },
    { scope: 'host', kind: 'the container link address', key: c.localAddress, hint },
    { scope: 'host', kind: 'the container link network', key: linkNetwork(c.hostAddress), hint },
    {
      scope: 'host', kind: 'networking.nat.externalInterface', key: 'externalInterface', value: c.externalInterface ?? '(every interface)',
      hint: 'give every nixos-container site of a host the same "nixosContainer": {"externalInterface": …}, or none',
    },
  ];
};

/**
 * A NixOS container's name is three things on its host: the `containers.<name>` attribute, the
 * machine systemd-machined registers (`systemctl -M <name>`, `machinectl`), and the host's end of
 * its link, `ve-<name>` (systemd-nspawn's --network-veth name). Each is claimed on its own.
 */
export const nixosContainerClaims: ClaimSource = (site) => {
  if (site.mode !== 'nixos-container') return [];
  const c = site.deployment.nixosContainer;
  const hint = 'give one site another "nixosContainer": {"name": …}';
  return [
    { scope: 'host', kind: 'the NixOS container containers.<name>', key: c.name, hint },
    { scope: 'host', kind: 'the machine name (systemctl -M)', key: c.name, hint },
    { scope: 'host', kind: 'the container\'s host interface', key: hostInterface(site.deployment), hint },
  ];
};

/**
 * fleet-status reads one capture file per host and unit; two units with one file name would
 * read each other's status. Unit names make that rare (a host name with dots can still do it).
 */
export const captureClaims: ClaimSource = (site) =>
  siteUnits(site).map((unit) => ({
    scope: 'fleet' as const,
    kind: 'the fleet-status capture file',
    key: captureFileName(site.host, unit.unit, unit.machine),
    hint: 'rename one host or unit',
  }));

/** Every claim source the fleet checks, in the order clashes are reported. */
export const CLAIM_SOURCES: readonly ClaimSource[] = [
  unitClaims, containerClaims, nixosContainerClaims, hostPortClaims, databaseClaims, natAddressClaims, serverNameClaims, logFormatClaims,
  secretClaims, captureClaims,
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
