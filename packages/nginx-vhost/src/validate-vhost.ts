import type { CheckedLocation, CheckedVhost, Listen } from './types.js';
import { NginxVhostError, type FieldPath } from './errors.js';
import { readArray, readBool, readInt, readLine, readMatching, readObject, readPort, readRecord, type Input } from './read-input.js';
import { readFixedPath, readHostName, readListenAddress, readTemplatePath, VARIABLE_NAME } from './field-formats.js';
import { validateDirective } from './directive-spec.js';
import { checkSingleDirectives, readRawConfig, validateLocation } from './validate-location.js';
import { locationArgs, parseLocationName } from './location-name.js';

/** Option names of a vhost, as NixOS spells them (plus `name`, `directives`, `variables`). */
export const VHOST_OPTIONS = [
  'name', 'serverName', 'serverAliases', 'listen', 'listenAddresses', 'default', 'enableACME',
  'useACMEHost', 'acmeRoot', 'addSSL', 'onlySSL', 'forceSSL', 'http2', 'redirectCode',
  'sslCertificate', 'sslCertificateKey', 'sslTrustedCertificate', 'root', 'basicAuthFile',
  'directives', 'extraConfig', 'locations', 'variables',
] as const;

const LISTEN_OPTIONS = ['addr', 'port', 'ssl', 'proxyProtocol', 'extraParameters'] as const;

// The parameters nginx 1.22's listen takes besides those the model sets itself (ssl, http2,
// default_server, proxy_protocol); anything else fails `nginx -t` as "invalid parameter".
const LISTEN_PARAMETER = /^(?:reuseport|deferred|bind|ipv6only=(?:on|off)|backlog=-?[0-9]{1,9}|(?:rcvbuf|sndbuf)=[0-9]{1,9}[kKmM]?|(?:fastopen|setfib)=[0-9]{1,9}|accept_filter=[a-z_]+|so_keepalive=(?:on|off|[0-9]{0,9}[smh]?:[0-9]{0,9}[smh]?:[0-9]{0,9}))$/;

function readListen(value: unknown, path: FieldPath): Listen {
  const input = readObject(value, path, LISTEN_OPTIONS, 'listen entry');
  if (input.addr === undefined) throw new NginxVhostError([...path, 'addr'], undefined, 'listen entry needs "addr"', 'an address such as 127.0.0.1');
  const out: { -readonly [K in keyof Listen]: Listen[K] } = { addr: readListenAddress(input.addr, [...path, 'addr']) };
  if (input.port !== undefined && input.port !== null) {
    if (out.addr.startsWith('unix:')) throw new NginxVhostError([...path, 'port'], input.port, 'a unix: socket has no port', 'no port for unix: addresses');
    out.port = readPort(input.port, [...path, 'port']);
  }
  if (input.ssl !== undefined) out.ssl = readBool(input.ssl, [...path, 'ssl']);
  if (input.proxyProtocol !== undefined) out.proxyProtocol = readBool(input.proxyProtocol, [...path, 'proxyProtocol']);
  if (input.extraParameters !== undefined) {
    out.extraParameters = readArray(input.extraParameters, [...path, 'extraParameters'], 'an array of listen parameters')
      .map((item, i) => readMatching(item, [...path, 'extraParameters', i], LISTEN_PARAMETER, 'a listen parameter: reuseport, deferred, bind, ipv6only=on|off, backlog=N, rcvbuf=N, sndbuf=N, fastopen=N, setfib=N, accept_filter=name, so_keepalive=on|off|idle:intvl:cnt'));
  }
  return out;
}

// Variables a value may reference besides nginx's own: those the caller declares (from an
// http-level map/geo) and those any `set` directive of this vhost defines.
function collectVariables(input: Input): Set<string> {
  const names = new Set<string>();
  if (input.variables !== undefined) {
    readArray(input.variables, ['variables'], 'an array of variable names').forEach((item, i) => {
      names.add(readMatching(item, ['variables', i], VARIABLE_NAME, 'a variable name without "$"'));
    });
  }
  const scan = (directives: unknown) => {
    if (!Array.isArray(directives)) return;
    for (const d of directives as unknown[]) {
      const candidate = d as { kind?: unknown; variable?: unknown } | null;
      if (candidate?.kind === 'set' && typeof candidate.variable === 'string' && VARIABLE_NAME.test(candidate.variable)) names.add(candidate.variable);
    }
  };
  scan(input.directives);
  if (typeof input.locations === 'object' && input.locations !== null) {
    for (const location of Object.values(input.locations)) scan((location as { directives?: unknown } | null)?.directives);
  }
  return names;
}

/**
 * Checks a vhost that arrives as plain JS or JSON and returns it typed. Unknown fields, wrong
 * types, values nginx would read differently and combinations NixOS rejects (two TLS modes,
 * `enableACME` with `useACMEHost`, `root` with `alias`) throw `NginxVhostError` naming the path.
 */
export function validateVhost(value: unknown): CheckedVhost {
  const input = readObject(value, [], VHOST_OPTIONS, 'vhost');
  const vars = collectVariables(input);
  if (input.name === undefined) throw new NginxVhostError(['name'], undefined, 'vhost needs a "name"', 'the virtualHosts attribute name, e.g. "example.com"');
  const name = readLine(input.name, ['name'], 'a non-empty one-line string');
  if (name === '') throw new NginxVhostError(['name'], name, 'empty vhost name', 'a non-empty one-line string');
  const out: { -readonly [K in keyof CheckedVhost]: CheckedVhost[K] } = { name };
  if (input.serverName !== undefined) out.serverName = readHostName(input.serverName, ['serverName']);
  else readHostName(name, ['name']); // the name doubles as server_name and certificate name
  if (input.serverAliases !== undefined) {
    out.serverAliases = readArray(input.serverAliases, ['serverAliases'], 'an array of host names').map((item, i) => readHostName(item, ['serverAliases', i]));
  }
  if (input.listen !== undefined) out.listen = readArray(input.listen, ['listen'], 'an array of { addr, port?, ssl? }').map((item, i) => readListen(item, ['listen', i]));
  if (input.listenAddresses !== undefined) {
    out.listenAddresses = readArray(input.listenAddresses, ['listenAddresses'], 'an array of addresses').map((item, i) => {
      const addr = readListenAddress(item, ['listenAddresses', i]);
      if (addr.startsWith('unix:')) throw new NginxVhostError(['listenAddresses', i], addr, 'listenAddresses takes IP addresses', 'an IPv4 address or a bracketed IPv6 address; use listen for unix: sockets');
      return addr;
    });
  }
  for (const flag of ['default', 'enableACME', 'addSSL', 'onlySSL', 'forceSSL', 'http2'] as const) {
    if (input[flag] !== undefined) out[flag] = readBool(input[flag], [flag]);
  }
  if (input.useACMEHost !== undefined && input.useACMEHost !== null) out.useACMEHost = readHostName(input.useACMEHost, ['useACMEHost']);
  if (input.acmeRoot !== undefined) out.acmeRoot = input.acmeRoot === null ? null : readFixedPath(input.acmeRoot, ['acmeRoot']);
  if (input.redirectCode !== undefined) out.redirectCode = readInt(input.redirectCode, ['redirectCode'], 300, 399);
  for (const key of ['sslCertificate', 'sslCertificateKey', 'sslTrustedCertificate', 'basicAuthFile'] as const) {
    if (input[key] !== undefined) out[key] = readFixedPath(input[key], [key]);
  }
  if (input.root !== undefined) out.root = readTemplatePath(input.root, ['root'], vars);
  if (input.directives !== undefined) {
    out.directives = readArray(input.directives, ['directives'], 'an array of directive objects').map((item, i) => validateDirective(item, ['directives', i], vars));
  }
  if (input.extraConfig !== undefined) out.extraConfig = readRawConfig(input.extraConfig, ['extraConfig']);
  if (input.locations !== undefined) out.locations = readLocations(input.locations, vars);
  if (input.variables !== undefined) out.variables = [...(input.variables as readonly string[])]; // checked by collectVariables
  checkCombinations(out);
  return out;
}

function readLocations(value: unknown, vars: ReadonlySet<string>): Record<string, CheckedLocation> {
  const record = readRecord(value, ['locations'], 'a plain object keyed by location match ("/", "~ \\.php$", …)');
  const out: Record<string, CheckedLocation> = {};
  const seen = new Map<string, string>();
  for (const [key, location] of Object.entries(record)) {
    const path = ['locations', key];
    const canonical = locationArgs(parseLocationName(key, path), path).join(' ');
    const other = seen.get(canonical);
    if (other !== undefined) throw new NginxVhostError(path, key, `same nginx location as "${other}" (nginx -t: duplicate location)`, 'each location match once');
    seen.set(canonical, key);
    const checked = validateLocation(location, path, vars);
    checkLocationContext(modifier(key, path), checked, path);
    out[key] = checked;
  }
  return out;
}

function modifier(key: string, path: FieldPath): string {
  return parseLocationName(key, path).modifier;
}

// Rules nginx -t enforces that depend on the kind of location.
function checkLocationContext(kind: string, location: CheckedLocation, path: FieldPath): void {
  const regexOrNamed = kind === '~' || kind === '~*' || kind === '@';
  if (regexOrNamed && location.proxyPass !== undefined && !location.proxyPass.includes('$')) {
    const uri = /^https?:\/\/(?:unix:[^:]*:|[^/?]*)([/?].*)?$/.exec(location.proxyPass)?.[1];
    if (uri !== undefined && uri !== '') {
      throw new NginxVhostError([...path, 'proxyPass'], location.proxyPass, 'proxy_pass cannot have a URI part in a regex or named location', 'scheme://host:port without a path here, or a prefix location');
    }
  }
  if (kind === '@' && location.alias !== undefined) {
    throw new NginxVhostError([...path, 'alias'], location.alias, 'alias cannot be used in a named location', 'root, or a prefix/regex location');
  }
}

function checkCombinations(vhost: CheckedVhost): void {
  checkSingleDirectives(vhost.directives ?? [], [], false);
  if (vhost.enableACME || vhost.useACMEHost !== undefined) {
    for (const key of Object.keys(vhost.locations ?? {})) {
      const { modifier, pattern } = parseLocationName(key, ['locations', key]);
      if ((modifier === '' || modifier === '^~') && pattern === '/.well-known/acme-challenge/') {
        throw new NginxVhostError(['locations', key], key, 'the ACME challenge location is generated for enableACME/useACMEHost', 'another location (nginx -t: duplicate location)');
      }
    }
  }
  const modes = (['addSSL', 'onlySSL', 'forceSSL'] as const).filter((mode) => vhost[mode] === true);
  if (modes.length > 1) throw new NginxVhostError([modes[1]!], true, `${modes.join(' and ')} are mutually exclusive`, 'at most one of addSSL, onlySSL, forceSSL');
  if (vhost.enableACME && vhost.useACMEHost !== undefined) throw new NginxVhostError(['useACMEHost'], vhost.useACMEHost, 'enableACME and useACMEHost are mutually exclusive', 'either enableACME or useACMEHost');
  const acme = vhost.enableACME === true || vhost.useACMEHost !== undefined;
  if (modes.length > 0 && !acme && (vhost.sslCertificate === undefined || vhost.sslCertificateKey === undefined)) {
    throw new NginxVhostError([vhost.sslCertificate === undefined ? 'sslCertificate' : 'sslCertificateKey'], undefined, `${modes[0]} needs a certificate`, 'enableACME, useACMEHost, or both sslCertificate and sslCertificateKey');
  }
  if (vhost.listen !== undefined && vhost.listen.length === 0) throw new NginxVhostError(['listen'], vhost.listen, 'empty listen list', 'omit listen for the defaults, or give at least one entry');
  const sockets = new Set<string>();
  (vhost.listen ?? []).forEach((entry, i) => {
    const socket = `${entry.addr}:${entry.port ?? ''}`;
    if (sockets.has(socket)) throw new NginxVhostError(['listen', i], entry, 'the same address and port twice (nginx -t: a duplicate listen)', 'each address:port once');
    sockets.add(socket);
  });
}
