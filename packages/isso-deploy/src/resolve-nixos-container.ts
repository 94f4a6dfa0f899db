import type { DeploymentMode } from './deployment-mode.js';
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
const CONTAINER_NAME = /^[a-z0-9](?:[a-z0-9-]{0,9}[a-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
// `--flag` or `--flag=value`, the value without spaces, quotes, `$`, backslashes or backquotes.
const NSPAWN_FLAG = /^--[a-z][a-z0-9-]*(?:=[A-Za-z0-9_.,:/@+=-]*)?$/;
// Linux interface names: up to 15 bytes, no `/`, spaces or `:`.
const INTERFACE = /^[A-Za-z0-9_.+-]{1,15}$/;

/** The four octets of a dotted quad as one unsigned 32-bit number. */
function ipv4Number(address: string): number {
  return address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

function readIpv4(value: unknown, path: FieldPath): string {
  const text = readString(value, path, IPV4, 'an IPv4 address such as "192.168.247.11"');
  const first = Number(text.split('.')[0]);
  if (first === 0 || first === 127 || first >= 224) {
    fail(path, value, 'a unicast IPv4 address outside 0.0.0.0/8 and 127.0.0.0/8 (the container link needs a routable pair)');
  }
  return text;
}

const PASSED_BY_MODULE = ['--private-network', '--network-veth', '--ephemeral', '--bind', '--bind-ro', '--machine', '--directory', '-M', '-D'];

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
 */
export function checkNixosContainerFields(input: Record<string, unknown>, mode: DeploymentMode, container: ResolvedNixosContainer): void {
  if (mode !== 'nixos-container') return;
  const gunicorn = input.gunicorn as Record<string, unknown> | undefined;
  if (gunicorn?.bindAddress !== undefined && gunicorn.bindAddress !== container.localAddress) {
    throw new IssoDeploymentError(
      `in the nixos-container mode gunicorn listens on the container's address ${container.localAddress}; set "nixosContainer.localAddress" instead`,
      { path: ['gunicorn', 'bindAddress'], value: gunicorn.bindAddress },
    );
  }
  const dbVolume = input.dbVolume as Record<string, unknown> | undefined;
  if (dbVolume?.containerPath !== undefined) {
    throw new IssoDeploymentError(
      'in the nixos-container mode the database directory is mounted at the service\'s state directory (/var/lib/private/isso); only "dbVolume.hostPath" applies',
      { path: ['dbVolume', 'containerPath'], value: dbVolume.containerPath },
    );
  }
}
