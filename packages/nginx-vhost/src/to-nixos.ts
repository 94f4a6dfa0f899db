import { attrs, bool, indented, int, list, nul, str, type NixExpr } from '@nixkit/nix-expr';
import type { Vhost } from './types.js';
import { validateVhost } from './validate-vhost.js';
import { quoteToken } from './nginx-token.js';
import { printStatements } from './statement.js';
import { extraStatements, sortedLocations } from './location-body.js';
import { errorUnder, NginxVhostError } from './errors.js';
import { joinText } from './text-buffer.js';
import { readArray } from './read-input.js';

/** Plain JSON data: what the NixOS option values evaluate to. */
export type NixosValue = string | number | boolean | null | readonly NixosValue[] | { readonly [key: string]: NixosValue };

// NixOS interpolates option values into nginx.conf unquoted, so each string option holds the
// nginx token exactly as toNginxConf prints it: quoting included when the value needs it.
const token = (text: string, path: readonly (string | number)[]) => quoteToken(text, path);

/**
 * The option values of `services.nginx.virtualHosts.<name>` for `vhost`, as plain data (what the
 * Nix form of `toNixos` evaluates to). Typed directives are rendered into `extraConfig` by the
 * same code as `toNginxConf`. `recommendedProxySettings` is written out for every proxied
 * location, so the global NixOS default cannot change what this model means.
 */
export function toNixosOptions(input: Vhost): { [key: string]: NixosValue } {
  const vhost = validateVhost(input);
  const out: { [key: string]: NixosValue } = {};
  if (vhost.serverName !== undefined) out.serverName = vhost.serverName;
  if (vhost.serverAliases !== undefined) out.serverAliases = [...vhost.serverAliases];
  if (vhost.listen !== undefined) {
    out.listen = vhost.listen.map((entry) => ({
      addr: entry.addr,
      ...(entry.port === undefined ? {} : { port: entry.port }),
      ...(entry.ssl === undefined ? {} : { ssl: entry.ssl }),
      ...(entry.proxyProtocol === undefined ? {} : { proxyProtocol: entry.proxyProtocol }),
      ...(entry.extraParameters === undefined ? {} : { extraParameters: [...entry.extraParameters] }),
    }));
  }
  if (vhost.listenAddresses !== undefined) out.listenAddresses = [...vhost.listenAddresses];
  for (const key of ['default', 'enableACME', 'addSSL', 'onlySSL', 'forceSSL', 'http2'] as const) {
    if (vhost[key] !== undefined) out[key] = vhost[key];
  }
  if (vhost.useACMEHost !== undefined) out.useACMEHost = vhost.useACMEHost;
  if (vhost.acmeRoot !== undefined) out.acmeRoot = vhost.acmeRoot;
  if (vhost.redirectCode !== undefined) out.redirectCode = vhost.redirectCode;
  for (const key of ['sslCertificate', 'sslCertificateKey', 'sslTrustedCertificate', 'root', 'basicAuthFile'] as const) {
    if (vhost[key] !== undefined) out[key] = token(vhost[key], [key]);
  }
  const extra = printStatements(extraStatements(vhost.directives, vhost.extraConfig, []));
  if (extra !== '') out.extraConfig = extra;
  const locations: { [key: string]: NixosValue } = {};
  for (const item of sortedLocations(vhost)) {
    const { location } = item;
    const at = (key: string) => ['locations', item.key, key];
    const value: { [key: string]: NixosValue } = {};
    if (location.priority !== undefined) value.priority = location.priority;
    if (location.proxyPass !== undefined) value.proxyPass = token(location.proxyPass, at('proxyPass'));
    if (location.proxyWebsockets !== undefined) value.proxyWebsockets = location.proxyWebsockets;
    if (location.proxyPass !== undefined || location.recommendedProxySettings !== undefined) {
      value.recommendedProxySettings = location.recommendedProxySettings ?? false;
    }
    if (location.index !== undefined) value.index = joinText(location.index.map((text, i) => token(text, [...at('index'), i])), ' ', at('index'));
    if (location.tryFiles !== undefined) value.tryFiles = joinText(location.tryFiles.map((text, i) => token(text, [...at('tryFiles'), i])), ' ', at('tryFiles'));
    if (location.root !== undefined) value.root = token(location.root, at('root'));
    if (location.alias !== undefined) value.alias = token(location.alias, at('alias'));
    if (location.return !== undefined) {
      const { code, text } = location.return;
      value.return = text === undefined ? code : `${code} ${token(text, at('return'))}`;
    }
    if (location.basicAuthFile !== undefined) value.basicAuthFile = token(location.basicAuthFile, at('basicAuthFile'));
    const locationExtra = printStatements(extraStatements(location.directives, location.extraConfig, ['locations', item.key]));
    if (locationExtra !== '') value.extraConfig = locationExtra;
    locations[item.nixosName] = value;
  }
  if (Object.keys(locations).length > 0) out.locations = locations;
  return out;
}

// Multi-line text (extraConfig) becomes an indented string, as a NixOS user would write it; the
// nix-expr printer escapes `${` and `''` inside it.
function toExpr(value: NixosValue): NixExpr {
  if (value === null) return nul();
  if (typeof value === 'string') return value.includes('\n') ? indented(value) : str(value);
  if (typeof value === 'number') return int(value);
  if (typeof value === 'boolean') return bool(value);
  if (Array.isArray(value)) return list(value.map(toExpr));
  return attrs(Object.fromEntries(Object.entries(value as { [key: string]: NixosValue }).map(([key, item]) => [key, toExpr(item)])));
}

/**
 * The value of `services.nginx.virtualHosts."<name>"` for `vhost`, as a @nixkit/nix-expr AST
 * (print it with nix-expr's `print`). Validates first; throws `NginxVhostError` on bad input.
 */
export function toNixos(vhost: Vhost): NixExpr {
  return toExpr(toNixosOptions(vhost));
}

/** `{ "<name>" = …; }` for several vhosts: the value of `services.nginx.virtualHosts`. */
export function toNixosVirtualHosts(vhosts: readonly Vhost[]): NixExpr {
  const seen = new Set<string>();
  const bindings: Record<string, NixExpr> = {};
  readArray(vhosts, [], 'an array of vhosts').forEach((item, i) => {
    const vhost = item as Vhost;
    let expr: NixExpr;
    try {
      expr = toNixos(vhost);
    } catch (error) {
      throw error instanceof NginxVhostError ? errorUnder([i], error) : error;
    }
    if (seen.has(vhost.name)) throw new NginxVhostError([i, 'name'], vhost.name, 'two vhosts with the same name', 'distinct virtualHosts names');
    seen.add(vhost.name);
    // defineProperty: a vhost named "__proto__" must stay an entry, not replace the prototype.
    Object.defineProperty(bindings, vhost.name, { value: expr, enumerable: true, writable: true, configurable: true });
  });
  return attrs(bindings);
}
