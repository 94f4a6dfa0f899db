import type { CheckedLocation, CheckedVhost, Directive } from './types.js';
import type { FieldPath } from './errors.js';
import { directive, directiveOf, keywordDirective, pushAll, type Statement } from './statement.js';
import { directiveStatement } from './directive-spec.js';
import { compareCodePoints, locationArgs, parseLocationName } from './location-name.js';

/** The headers NixOS's `recommendedProxySettings` includes in a location (newest nixpkgs). */
export const RECOMMENDED_PROXY_HEADERS: readonly (readonly [string, string])[] = [
  ['Host', '$host'],
  ['X-Real-IP', '$remote_addr'],
  ['X-Forwarded-For', '$proxy_add_x_forwarded_for'],
  ['X-Forwarded-Proto', '$scheme'],
  ['X-Forwarded-Host', '$host'],
  ['X-Forwarded-Server', '$hostname'],
];

/** Typed directives then raw text: what NixOS receives as one `extraConfig`. */
export function extraStatements(directives: readonly Directive[] | undefined, extraConfig: string | undefined, path: FieldPath): Statement[] {
  const out: Statement[] = (directives ?? []).map((d, i) => directiveStatement(d, [...path, 'directives', i]));
  if (extraConfig !== undefined && extraConfig.trim() !== '') out.push({ kind: 'raw', text: extraConfig });
  return out;
}

/** `auth_basic secured; auth_basic_user_file …;` as NixOS writes it. */
export function basicAuthStatements(file: string | undefined, path: FieldPath): Statement[] {
  if (file === undefined) return [];
  return [keywordDirective('auth_basic', 'secured'), directive('auth_basic_user_file', { text: file, path })];
}

/** A location with its key parsed, its nginx arguments, and the NixOS attribute name. */
export interface SortedLocation {
  key: string;
  args: readonly string[];
  /** The nginx text after `location`, which is also the NixOS attribute name. */
  nixosName: string;
  location: CheckedLocation;
}

/** Locations in NixOS order: by priority (default 1000), then by attribute name in byte order. */
export function sortedLocations(vhost: CheckedVhost): SortedLocation[] {
  const items = Object.entries(vhost.locations ?? {}).map(([key, location]) => {
    const path = ['locations', key];
    const args = locationArgs(parseLocationName(key, path), path);
    return { key, args, nixosName: args.join(' '), location };
  });
  return items.sort((a, b) => (a.location.priority ?? 1000) - (b.location.priority ?? 1000) || compareCodePoints(a.nixosName, b.nixosName));
}

/** The body of a location in NixOS's order (proxy, websockets, files, return, extra, headers, auth). */
export function locationBody(item: SortedLocation): Statement[] {
  const { location } = item;
  const at = (key: string): FieldPath => ['locations', item.key, key];
  const body: Statement[] = [];
  if (location.proxyPass !== undefined) body.push(directive('proxy_pass', { text: location.proxyPass, path: at('proxyPass') }));
  if (location.proxyWebsockets) {
    body.push(keywordDirective('proxy_http_version', '1.1'), keywordDirective('proxy_set_header', 'Upgrade', '$http_upgrade'), keywordDirective('proxy_set_header', 'Connection', '$connection_upgrade'));
  }
  if (location.index !== undefined) body.push(directiveOf('index', location.index.map((text, i) => ({ text, path: [...at('index'), i] }))));
  if (location.tryFiles !== undefined) body.push(directiveOf('try_files', location.tryFiles.map((text, i) => ({ text, path: [...at('tryFiles'), i] }))));
  if (location.root !== undefined) body.push(directive('root', { text: location.root, path: at('root') }));
  if (location.alias !== undefined) body.push(directive('alias', { text: location.alias, path: at('alias') }));
  if (location.return !== undefined) body.push(returnStatement(location.return.code, location.return.text, at('return')));
  pushAll(body, extraStatements(location.directives, location.extraConfig, ['locations', item.key]));
  if (location.recommendedProxySettings && location.proxyPass !== undefined) {
    pushAll(body, RECOMMENDED_PROXY_HEADERS.map(([name, value]) => keywordDirective('proxy_set_header', name, value)));
  }
  pushAll(body, basicAuthStatements(location.basicAuthFile, at('basicAuthFile')));
  return body;
}

export function returnStatement(code: number, text: string | undefined, path: FieldPath): Statement {
  return text === undefined ? keywordDirective('return', code) : directive('return', { text: String(code), path }, { text, path });
}
