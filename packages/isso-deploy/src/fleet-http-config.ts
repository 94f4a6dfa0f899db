import { attrs, bind, comment, fn, formals, removeAttr, str, type NixExpr } from '@nixkit/nix-expr';
import { nginxHttpPrelude } from '@nixkit/nginx-vhost';
import type { ResolvedDeployment } from './deployment.js';
import { IssoDeploymentError } from './errors.js';

// Each site's module defines the log_format its access log uses in
// services.nginx.commonHttpConfig. That option is `types.lines`: NixOS concatenates the
// definitions of two modules on one host, and nginx then refuses the duplicate
// (`nginx: [emerg] duplicate "log_format" name "anonymous"`). In a fleet the formats move to one
// module per host, and the sites' modules leave the option out.

/** The log format a deployment's access log uses and defines itself, or null (none, or nginx's combined). */
export function usedLogFormat(d: ResolvedDeployment): { name: string; definition: string } | null {
  const name = d.nginx.accessLog?.format;
  if (name === undefined || name === 'combined' || !Object.hasOwn(d.nginx.logFormats, name)) return null;
  return { name, definition: d.nginx.logFormats[name]! };
}

/**
 * The host's http-level module: every log format its sites use, once each (by name; the clash
 * check has already refused two different definitions under one name). Null when none is needed.
 */
export function hostHttpModule(sites: readonly ResolvedDeployment[], header: readonly string[]): NixExpr | null {
  const formats = new Map<string, string>();
  for (const d of sites) {
    const format = usedLogFormat(d);
    if (format !== null && !formats.has(format.name)) formats.set(format.name, format.definition);
  }
  if (formats.size === 0) return null;
  const prelude = nginxHttpPrelude({ logFormats: [...formats].map(([name, format]) => ({ name, format })), connectionUpgradeMap: false });
  return comment(fn(formals([], { ellipsis: true }), attrs([bind(['services', 'nginx', 'commonHttpConfig'], str(prelude))])), ...header);
}

/** A site's module without its own `services.nginx.commonHttpConfig` (see above). */
export function withoutHttpConfig(moduleText: string): string {
  const edit = removeAttr(moduleText, ['services', 'nginx', 'commonHttpConfig']);
  if (edit.source.includes('commonHttpConfig')) {
    throw new IssoDeploymentError('internal: the rendered module defines services.nginx.commonHttpConfig in a way the fleet renderer cannot move to the host module');
  }
  return edit.source;
}
