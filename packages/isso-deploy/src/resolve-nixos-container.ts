import type { ResolvedDeployment } from './deployment.js';
import { ARTICLE_DB_VOLUME, ARTICLE_GUNICORN } from './defaults.js';
import { IssoDeploymentError } from './errors.js';
import { fail, optional, readArray, readObject, readString, type FieldPath } from './read-json.js';
import { DEFAULT_NIXOS_CONTAINER, type ResolvedNixosContainer } from './nixos-container-options.js';

// Readers for `nixosContainer`. Every value lands in /etc/nixos-containers/<name>.conf, an
// environment file whose EXTRA_NSPAWN_FLAGS the start script expands unquoted (nixpkgs
// nixos/modules/virtualisation/nixos-containers.nix @ 00ef614eae7658e8c2d4ea0abbd476fa9d8065fc),
// so anything with spaces, quotes, `$` or backslashes would be split or expanded there: the
// patterns below refuse it instead of escaping it.

// A machine name that is also a host name, has no underscore (nixos-containers asserts that) and
// at most 11 characters, so `ve-<name>` is the real interface name on every kernel (the same file
// asserts the length for kernels before 5.8, where no altname exists) and `networking.nat`
// matches it.
export const CONTAINER_NAME = /^[a-z0-9](?:[a-z0-9-]{0,9}[a-z0-9])?$/;
export const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
// `--flag` or `--flag=value`, the value without spaces, quotes, `$`, backslashes or backquotes.
export const NSPAWN_FLAG = /^--[a-z][a-z0-9-]*(?:=[A-Za-z0-9_.,:/@+=-]*)?$/;
// Linux interface names: up to 15 bytes, no `/`, spaces or `:`.
export const INTERFACE = /^[A-Za-z0-9_.+-]{1,15}$/;

/** The four octets of a dotted quad as one unsigned 32-bit number. */
function ipv4Number(address: string): number {
  return address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

function readIpv4(value: unknown, path: FieldPath): string {
  const text = readString(value, path, IPV4, 'an IPv4 address such as "192.168.247.11"');
  if (NOT_UNICAST.test(text)) {
    fail(path, value, 'a unicast IPv4 address outside 0.0.0.0/8 and 127.0.0.0/8 (the container link needs a routable pair)');
  }
  return text;
}

/** 0.0.0.0/8, 127.0.0.0/8 and everything from 224.0.0.0 on: no address for a container link. */
export const NOT_UNICAST = /^(?:0|127|22[4-9]|2[3-5]\d)\./;

export const PASSED_BY_MODULE = ['--private-network', '--network-veth', '--ephemeral', '--bind', '--bind-ro', '--machine', '--directory', '-M', '-D'];

/**
 * `nixosContainer`: the container's name, its /30 address pair, extra nspawn flags and the NAT
 * interface. The two addresses must differ and share one /30, as a point-to-point link does.
 */
export function readNixosContainer(value: unknown, path: FieldPath): ResolvedNixosContainer {
  const o = readObject(value, path, Object.keys(DEFAULT_NIXOS_CONTAINER));
  const d = DEFAULT_NIXOS_CONTAINER;
  const resolved: ResolvedNixosContainer = {
    name: optional(o, 'name', path, (x, p) => readString(x, p, CONTAINER_NAME, 'a container name of 1 to 11 characters [a-z0-9-], not starting or ending with "-"'), d.name),
    hostAddress: optional(o, 'hostAddress', path, readIpv4, d.hostAddress),
    localAddress: optional(o, 'localAddress', path, readIpv4, d.localAddress),
    extraFlags: optional(o, 'extraFlags', path, (x, p) => readArray(x, p, (f, fp) => {
      const flag = readString(f, fp, NSPAWN_FLAG, 'a systemd-nspawn flag such as "--resolv-conf=bind-host" (no spaces, quotes, "$" or backslashes)');
      const name = flag.split('=')[0]!;
      if (PASSED_BY_MODULE.includes(name)) fail(fp, f, `a flag other than ${name}, which the NixOS container module sets itself from the options`);
      return flag;
    }), [...d.extraFlags]),
    externalInterface: optional(o, 'externalInterface', path, (x, p) => (x === null ? null : readString(x, p, INTERFACE, 'a network interface name such as "eth0" (up to 15 characters)')), d.externalInterface),
  };
  if (resolved.hostAddress === resolved.localAddress) {
    throw new IssoDeploymentError('hostAddress and localAddress must differ: they are the two ends of the container\'s link', { path: [...path, 'localAddress'], value: resolved.localAddress });
  }
  // eslint-disable-next-line no-bitwise
  if ((ipv4Number(resolved.hostAddress) >>> 2) !== (ipv4Number(resolved.localAddress) >>> 2)) {
    throw new IssoDeploymentError(
      `hostAddress ${resolved.hostAddress} and localAddress ${resolved.localAddress} must lie in the same /30 (for example 192.168.247.10 and 192.168.247.11)`,
      { path: [...path, 'localAddress'], value: resolved.localAddress },
    );
  }
  return resolved;
}

/**
 * Fields that mean something else in the nixos-container mode, refused there so that a
 * description never renders into something it does not say: gunicorn binds the container's
 * address, and the database is mounted where systemd keeps the dynamic user's state directory.
 * `checkNixosContainerInput` reads the description as written (a field given at all is refused,
 * whatever its value); `checkNixosContainerFields` runs on a resolved description when the mode
 * is chosen only at render time, where a field left out holds its default.
 */
export function checkNixosContainerInput(input: Record<string, unknown>, d: ResolvedDeployment): void {
  const given = (section: 'gunicorn' | 'dbVolume', key: string) => (input[section] as Record<string, unknown> | undefined)?.[key] !== undefined;
  if (given('gunicorn', 'bindAddress') && d.gunicorn.bindAddress !== d.nixosContainer.localAddress) refuseBindAddress(d);
  if (given('dbVolume', 'containerPath')) refuseContainerPath(d);
}

export function checkNixosContainerFields(d: ResolvedDeployment): void {
  if (d.gunicorn.bindAddress !== ARTICLE_GUNICORN.bindAddress && d.gunicorn.bindAddress !== d.nixosContainer.localAddress) refuseBindAddress(d);
  if (d.dbVolume.containerPath !== ARTICLE_DB_VOLUME.containerPath) refuseContainerPath(d);
}

function refuseBindAddress(d: ResolvedDeployment): never {
  throw new IssoDeploymentError(
    `in the nixos-container mode gunicorn listens on the container's address ${d.nixosContainer.localAddress}; set "nixosContainer.localAddress" instead`,
    { path: ['gunicorn', 'bindAddress'], value: d.gunicorn.bindAddress },
  );
}

function refuseContainerPath(d: ResolvedDeployment): never {
  throw new IssoDeploymentError(
    'in the nixos-container mode the database directory is mounted at the service\'s state directory (/var/lib/private/isso); only "dbVolume.hostPath" applies',
    { path: ['dbVolume', 'containerPath'], value: d.dbVolume.containerPath },
  );
}
