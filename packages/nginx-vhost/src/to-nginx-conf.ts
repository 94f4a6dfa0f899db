import type { Vhost } from './types.js';
import { validateVhost } from './validate-vhost.js';
import { directive, directiveOf, keywordDirective, printStatements, type Arg, type Statement } from './statement.js';
import { hasSSL, listenArgs, listenEntries, versionAtLeast } from './listen.js';
import { basicAuthStatements, extraStatements, locationBody, sortedLocations } from './location-body.js';
import { errorUnder, NginxVhostError } from './errors.js';
import type { Listen } from './types.js';
import { compareCodePoints } from './location-name.js';
import { readNginxConfOptions, type CheckedNginxConfOptions } from './nginx-conf-options.js';
import { readArray, readLine } from './read-input.js';
import { TextBuffer } from './text-buffer.js';

/** Certificate files of an ACME certificate. */
export interface AcmeCertificatePaths {
  fullchain: string;
  key: string;
  chain: string;
}

/** Options of `toNginxConf`. Everything but `nginxVersion` defaults to what NixOS does. */
export interface NginxConfOptions {
  /** The nginx that will read the file, e.g. `"1.22.1"`: from 1.25.1 on, HTTP/2 is `http2 on;`. */
  nginxVersion: string;
  /** Addresses for vhosts without `listen`/`listenAddresses`; default `["0.0.0.0", "[::0]"]`. */
  defaultListenAddresses?: readonly string[];
  /** Default 80. */
  httpPort?: number;
  /** Default 443. */
  sslPort?: number;
  /** Where an ACME certificate lives; default `/var/lib/acme/<certName>/{fullchain,key,chain}.pem`. */
  acmeCertificate?: (certName: string) => AcmeCertificatePaths;
}

/** NixOS's `security.acme.certs.<name>.directory` files. */
export function nixosAcmeCertificate(certName: string): AcmeCertificatePaths {
  readLine(certName, ['certName'], 'a certificate name such as example.com');
  const dir = `/var/lib/acme/${certName}`;
  return { fullchain: `${dir}/fullchain.pem`, key: `${dir}/key.pem`, chain: `${dir}/chain.pem` };
}

const ACME_ROOT = '/var/lib/acme/acme-challenge';

/** The name of the certificate a vhost uses: `useACMEHost`, else its server name. */
export function certName(vhost: Vhost): string {
  return vhost.useACMEHost ?? vhost.serverName ?? vhost.name;
}

function usesAcme(vhost: Vhost): boolean {
  return vhost.enableACME === true || vhost.useACMEHost !== undefined;
}

function acmeLocation(vhost: Vhost): Statement[] {
  if (!usesAcme(vhost)) return [];
  const root = vhost.acmeRoot === undefined ? ACME_ROOT : vhost.acmeRoot;
  return [{
    kind: 'block',
    name: 'location',
    args: ['^~', '/.well-known/acme-challenge/'],
    body: [
      ...(root === null ? [] : [directive('root', { text: root, path: ['acmeRoot'] })]),
      keywordDirective('auth_basic', 'off'),
      keywordDirective('auth_request', 'off'),
    ],
  }];
}

function listenLines(entries: readonly Listen[], vhost: Vhost, oldHttp2: boolean): Statement[] {
  return entries.map((entry, i) => directiveOf('listen', listenArgs(entry, vhost, oldHttp2).map((text) => ({ text, path: ['listen', i] }))));
}

function serverNameLine(vhost: Vhost): Statement {
  const names: Arg[] = [{ text: vhost.serverName ?? vhost.name, path: ['serverName'] }];
  (vhost.serverAliases ?? []).forEach((text, i) => names.push({ text, path: ['serverAliases', i] }));
  return directiveOf('server_name', names);
}

function certificateLines(vhost: Vhost, options: CheckedNginxConfOptions): Statement[] {
  if (!hasSSL(vhost)) return [];
  let cert = vhost.sslCertificate;
  let key = vhost.sslCertificateKey;
  let trusted = vhost.sslTrustedCertificate;
  if (usesAcme(vhost)) {
    const paths = (options.acmeCertificate ?? nixosAcmeCertificate)(certName(vhost));
    cert = paths.fullchain;
    key = paths.key;
    trusted = trusted ?? paths.chain;
  }
  if (cert === undefined || key === undefined) throw new NginxVhostError(['sslCertificate'], cert, 'TLS without a certificate', 'enableACME, useACMEHost, or sslCertificate and sslCertificateKey');
  return [
    directive('ssl_certificate', { text: cert, path: ['sslCertificate'] }),
    directive('ssl_certificate_key', { text: key, path: ['sslCertificateKey'] }),
    ...(trusted === undefined ? [] : [directive('ssl_trusted_certificate', { text: trusted, path: ['sslTrustedCertificate'] })]),
  ];
}

/**
 * The `server { }` blocks NixOS would generate for `vhost`, as nginx.conf statements: the forceSSL
 * redirect server first (if any), then the main server.
 */
export function serverBlocks(input: Vhost, options: CheckedNginxConfOptions): Statement[] {
  const vhost = validateVhost(input);
  const newHttp2 = versionAtLeast(options.nginxVersion, [1, 25, 1]);
  const listens = listenEntries(vhost, options.listenDefaults);
  const servers: Statement[] = [];
  if (vhost.forceSSL) {
    servers.push({
      kind: 'block', name: 'server', args: [], body: [
        ...listenLines(listens.redirect, vhost, !newHttp2),
        serverNameLine(vhost),
        { kind: 'block', name: 'location', args: ['/'], body: [keywordDirective('return', vhost.redirectCode ?? 301, 'https://$host$request_uri')] },
        ...acmeLocation(vhost),
      ],
    });
  }
  servers.push({
    kind: 'block', name: 'server', args: [], body: [
      ...listenLines(listens.main, vhost, !newHttp2),
      serverNameLine(vhost),
      ...(hasSSL(vhost) && newHttp2 && vhost.http2 !== false ? [keywordDirective('http2', 'on')] : []),
      ...certificateLines(vhost, options),
      ...basicAuthStatements(vhost.basicAuthFile, ['basicAuthFile']),
      ...(vhost.root === undefined ? [] : [directive('root', { text: vhost.root, path: ['root'] })]),
      ...acmeLocation(vhost),
      ...sortedLocations(vhost).map((item): Statement => ({ kind: 'block', name: 'location', args: item.args, body: locationBody(item) })),
      ...extraStatements(vhost.directives, vhost.extraConfig, []),
    ],
  });
  return servers;
}

/**
 * Renders `vhost` as raw nginx `server { }` blocks with the semantics NixOS gives the same
 * options (forceSSL redirect server, ACME challenge location and certificate paths, location
 * order), for hosts without NixOS. Validates first; throws `NginxVhostError` on bad input.
 * Place the result inside `http { }` next to `nginxHttpPrelude()`.
 */
export function toNginxConf(vhost: Vhost, options: NginxConfOptions): string {
  return printStatements(serverBlocks(vhost, readNginxConfOptions(options)));
}

/**
 * Several vhosts in the order NixOS writes them (by attribute name, in byte order), which decides
 * the implicit default server of a socket when none sets `default`. Throws on duplicate names.
 */
export function toNginxConfAll(vhosts: readonly Vhost[], options: NginxConfOptions): string {
  const checked = readNginxConfOptions(options);
  const items = readArray(vhosts, [], 'an array of vhosts').map((vhost, i) => {
    try {
      return { index: i, vhost: validateVhost(vhost) };
    } catch (error) {
      throw error instanceof NginxVhostError ? errorUnder([i], error) : error;
    }
  });
  const seen = new Set<string>();
  for (const { index, vhost } of items) {
    if (seen.has(vhost.name)) throw new NginxVhostError([index, 'name'], vhost.name, 'two vhosts with the same name', 'distinct virtualHosts names');
    seen.add(vhost.name);
  }
  items.sort((a, b) => compareCodePoints(a.vhost.name, b.vhost.name));
  const out = new TextBuffer();
  for (const { index, vhost } of items) {
    try {
      out.append(printStatements(serverBlocks(vhost, checked)));
    } catch (error) {
      throw error instanceof NginxVhostError ? errorUnder([index], error) : error;
    }
  }
  return out.toString();
}
