import type { AcmeCertificatePaths, NginxConfOptions } from './to-nginx-conf.js';
import { NginxVhostError } from './errors.js';
import { readArray, readMatching, readObject, readPort } from './read-input.js';
import { readFixedPath, readListenAddress } from './field-formats.js';
import { NIXOS_LISTEN_DEFAULTS, type ListenDefaults } from './listen.js';

/** The option names `toNginxConf` takes; anything else is refused (a typo must not pass silently). */
export const NGINX_CONF_OPTIONS = ['nginxVersion', 'defaultListenAddresses', 'httpPort', 'sslPort', 'acmeCertificate'] as const;

/** `toNginxConf` options after checking: every default filled in. */
export interface CheckedNginxConfOptions {
  nginxVersion: string;
  listenDefaults: ListenDefaults;
  acmeCertificate: ((certName: string) => AcmeCertificatePaths) | undefined;
}

/**
 * Checks the options of `toNginxConf` as untrusted input, like a vhost: unknown keys, a missing
 * or malformed `nginxVersion`, ports that are not integers from 1 to 65535 (NaN, 2**64 and 80.5
 * would print a `listen` nginx cannot read), sparse or non-address `defaultListenAddresses`.
 */
export function readNginxConfOptions(value: unknown): CheckedNginxConfOptions {
  const input = readObject(value, [], NGINX_CONF_OPTIONS, 'toNginxConf options');
  if (input.nginxVersion === undefined) throw new NginxVhostError(['nginxVersion'], undefined, 'toNginxConf needs "nginxVersion"', 'a version such as "1.22.1" or "1.26.2"');
  const nginxVersion = readMatching(input.nginxVersion, ['nginxVersion'], /^[0-9]{1,9}\.[0-9]{1,9}(\.[0-9]{1,9})?$/, 'a version such as "1.22.1" or "1.26.2"');
  const addresses = input.defaultListenAddresses === undefined
    ? NIXOS_LISTEN_DEFAULTS.addresses
    : readArray(input.defaultListenAddresses, ['defaultListenAddresses'], 'an array of addresses').map((item, i) => {
      const addr = readListenAddress(item, ['defaultListenAddresses', i]);
      if (addr.startsWith('unix:')) throw new NginxVhostError(['defaultListenAddresses', i], addr, 'default listen addresses get a port', 'an IPv4 address or a bracketed IPv6 address');
      return addr;
    });
  const httpPort = input.httpPort === undefined ? NIXOS_LISTEN_DEFAULTS.httpPort : readPort(input.httpPort, ['httpPort']);
  const sslPort = input.sslPort === undefined ? NIXOS_LISTEN_DEFAULTS.sslPort : readPort(input.sslPort, ['sslPort']);
  const acme = input.acmeCertificate;
  if (acme !== undefined && typeof acme !== 'function') throw new NginxVhostError(['acmeCertificate'], acme, 'expected a function', 'a function (certName) => { fullchain, key, chain }');
  return {
    nginxVersion,
    listenDefaults: { addresses, httpPort, sslPort },
    acmeCertificate: acme === undefined ? undefined : checkedAcme(acme as (certName: string) => unknown),
  };
}

// The callback's answer is input too: its paths are printed into the config.
function checkedAcme(callback: (certName: string) => unknown): (certName: string) => AcmeCertificatePaths {
  return (certName) => {
    const path = ['acmeCertificate'];
    const paths = readObject(callback(certName), path, ['fullchain', 'key', 'chain'], 'acmeCertificate result');
    const read = (key: 'fullchain' | 'key' | 'chain') => {
      if (paths[key] === undefined) throw new NginxVhostError([...path, key], undefined, `acmeCertificate result needs "${key}"`, 'an absolute file path');
      return readFixedPath(paths[key], [...path, key]);
    };
    return { fullchain: read('fullchain'), key: read('key'), chain: read('chain') };
  };
}
