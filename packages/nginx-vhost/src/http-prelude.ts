import type { LogFormat } from './types.js';
import { NginxVhostError } from './errors.js';
import { readArray, readBool, readMatching, readObject } from './read-input.js';
import { readTemplate } from './field-formats.js';
import { directive, printStatements, type Statement } from './statement.js';

/** Options of `nginxHttpPrelude`. */
export interface HttpPreludeOptions {
  /** `log_format` definitions that `access_log` directives may name. */
  logFormats?: readonly LogFormat[];
  /** Variables defined elsewhere in the http block that formats may use. */
  variables?: readonly string[];
  /**
   * Emit the `$connection_upgrade` map; default true. Pass false for NixOS's
   * `services.nginx.commonHttpConfig`, whose http block already defines that map.
   */
  connectionUpgradeMap?: boolean;
}

const CONNECTION_UPGRADE_MAP: Statement = {
  kind: 'block', name: 'map', args: ['$http_upgrade', '$connection_upgrade'],
  body: [{ kind: 'directive', name: 'default', args: ['upgrade'] }, { kind: 'directive', name: "''", args: ['close'] }],
};

/**
 * The http-level lines a config needs besides its server blocks: the `$connection_upgrade` map
 * that NixOS's http block provides (without it `proxyWebsockets` fails `nginx -t`), unless
 * `connectionUpgradeMap` is false, and the given `log_format`s (the article's
 * `access_log … anonymous` needs one). A second identical map block is accepted by nginx, so the
 * map can sit next to an existing one; inside NixOS, pass `connectionUpgradeMap: false` to get the
 * log formats alone. Returns the empty string when there is nothing to emit.
 */
export function nginxHttpPrelude(options: HttpPreludeOptions = {}): string {
  const input = readObject(options, [], ['logFormats', 'variables', 'connectionUpgradeMap'], 'http prelude options');
  const vars = new Set(input.variables === undefined ? [] : readArray(input.variables, ['variables'], 'an array of names').map((v, i) => readMatching(v, ['variables', i], /^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name without "$"')));
  const withMap = input.connectionUpgradeMap === undefined || readBool(input.connectionUpgradeMap, ['connectionUpgradeMap']);
  const statements: Statement[] = withMap ? [CONNECTION_UPGRADE_MAP] : [];
  const seen = new Set<string>();
  const formats = input.logFormats === undefined ? [] : readArray(input.logFormats, ['logFormats'], 'an array of { name, format, escape? }');
  formats.forEach((item, i) => {
    const path = ['logFormats', i];
    const format = readObject(item, path, ['name', 'format', 'escape'], 'log format');
    const name = readMatching(format.name, [...path, 'name'], /^[A-Za-z0-9_]+$/, 'a log_format name (letters, digits, _)');
    if (seen.has(name) || name === 'combined') throw new NginxVhostError([...path, 'name'], name, 'log_format defined twice ("combined" is built in)', 'a new name');
    seen.add(name);
    const text = readTemplate(format.format, [...path, 'format'], vars);
    const args = [{ text: name, path: [...path, 'name'] }];
    if (format.escape !== undefined) {
      args.push({ text: `escape=${readMatching(format.escape, [...path, 'escape'], /^(?:default|json|none)$/, 'default, json or none')}`, path: [...path, 'escape'] });
    }
    statements.push(directive('log_format', ...args, { text, path: [...path, 'format'] }));
  });
  return printStatements(statements);
}
