import type { Listen, Vhost } from './types.js';

/** Where a vhost listens when it gives only addresses (or nothing), as NixOS's globals do. */
export interface ListenDefaults {
  /** NixOS `defaultListenAddresses`: `["0.0.0.0" "[::0]"]` with IPv6 enabled. */
  addresses: readonly string[];
  httpPort: number;
  sslPort: number;
}

export const NIXOS_LISTEN_DEFAULTS: ListenDefaults = { addresses: ['0.0.0.0', '[::0]'], httpPort: 80, sslPort: 443 };

/** True when the vhost serves TLS (addSSL, onlySSL or forceSSL). */
export function hasSSL(vhost: Vhost): boolean {
  return vhost.addSSL === true || vhost.onlySSL === true || vhost.forceSSL === true;
}

/**
 * The listen entries of the main server and of the forceSSL redirect server, derived as NixOS
 * does: an explicit `listen` wins; otherwise one TLS entry per address (when TLS is on), then one
 * plain entry per address (unless onlySSL).
 */
export function listenEntries(vhost: Vhost, defaults: ListenDefaults): { main: readonly Listen[]; redirect: readonly Listen[] } {
  let all: readonly Listen[];
  if (vhost.listen !== undefined) {
    all = vhost.listen;
  } else {
    const addresses = vhost.listenAddresses ?? defaults.addresses;
    all = [
      ...(hasSSL(vhost) ? addresses.map((addr) => ({ addr, port: defaults.sslPort, ssl: true })) : []),
      ...(vhost.onlySSL ? [] : addresses.map((addr) => ({ addr, port: defaults.httpPort, ssl: false }))),
    ];
  }
  if (!vhost.forceSSL) return { main: all, redirect: [] };
  return { main: all.filter((entry) => entry.ssl === true), redirect: all.filter((entry) => entry.ssl !== true) };
}

/** `[version] >= [1, 25, 1]`, comparing dotted numbers. */
export function versionAtLeast(version: string, minimum: readonly number[]): boolean {
  const parts = version.split('.').map((part) => Number.parseInt(part, 10));
  for (let i = 0; i < minimum.length; i++) {
    const have = parts[i] ?? 0;
    if (have !== minimum[i]) return have > minimum[i]!;
  }
  return true;
}

/** The arguments after `listen`, in NixOS's order. */
export function listenArgs(entry: Listen, vhost: Vhost, oldHttp2: boolean): string[] {
  const ssl = entry.ssl === true;
  const args = [entry.port === undefined || entry.addr.startsWith('unix:') ? entry.addr : `${entry.addr}:${entry.port}`];
  if (ssl && oldHttp2 && vhost.http2 !== false) args.push('http2');
  if (ssl) args.push('ssl');
  if (vhost.default) args.push('default_server');
  if (entry.proxyProtocol) args.push('proxy_protocol');
  for (const parameter of entry.extraParameters ?? []) args.push(parameter);
  return args;
}
