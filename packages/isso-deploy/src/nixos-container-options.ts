// The description fields of the `nixos-container` mode (the article's 2023 setup): a declarative
// NixOS container, `containers.<name>`, with a private veth link to the host. Kept apart from
// deployment.ts so the mode's fields read as one unit.

/** `nixosContainer` as a caller writes it; every field is optional. */
export interface NixosContainerOptions {
  /**
   * The container's name: `containers.<name>`, the host unit `container@<name>.service`, the
   * machine name for `systemctl -M <name>`, and the host interface `ve-<name>`. Default `isso`.
   */
  name?: string;
  /** The host's end of the veth link (IPv4). Default `192.168.247.10`. */
  hostAddress?: string;
  /**
   * The container's end of the link (IPv4), where gunicorn listens and nginx proxies to. Must
   * lie in the same /30 as `hostAddress`. Default `192.168.247.11`.
   */
  localAddress?: string;
  /** Extra systemd-nspawn flags, such as `--resolv-conf=bind-host`. Default none. */
  extraFlags?: string[];
  /**
   * The host interface the container's traffic leaves by (`networking.nat.externalInterface`).
   * Default null: NAT on every outgoing interface.
   */
  externalInterface?: string | null;
}

/** `nixosContainer` with every default applied. */
export interface ResolvedNixosContainer {
  name: string;
  hostAddress: string;
  localAddress: string;
  extraFlags: string[];
  externalInterface: string | null;
}

/** The defaults: the /30 192.168.247.8/30, host .10 and container .11, no extra flags. */
export const DEFAULT_NIXOS_CONTAINER: ResolvedNixosContainer = {
  name: 'isso',
  hostAddress: '192.168.247.10',
  localAddress: '192.168.247.11',
  extraFlags: [],
  externalInterface: null,
};
