import { issoProxy, nginxHttpPrelude, type Vhost } from '@nixkit/nginx-vhost';
import type { ResolvedDeployment } from './deployment.js';
import { underField } from './under-field.js';

/**
 * The article's virtual host through @nixkit/nginx-vhost's Isso preset: ACME certificate and
 * forced HTTPS, the access log, and one location proxying to Isso on the loopback interface with
 * the client's address, host and scheme forwarded and (by default) Isso's cookies dropped.
 * `upstream` is where gunicorn listens: the loopback interface, or a NixOS container's address.
 */
export function vhostSpec(d: ResolvedDeployment, upstream = '127.0.0.1'): Vhost {
  const n = d.nginx;
  return issoProxy({
    name: d.domain,
    port: d.port,
    host: upstream,
    hideCookies: n.hideCookies,
    ...(n.aliases.length > 0 ? { serverAliases: n.aliases } : {}),
    ...(n.root === null ? {} : { root: n.root }),
    ...(n.accessLog === null ? {} : { accessLog: { path: n.accessLog.path, format: n.accessLog.format } }),
  });
}

/**
 * The http-level lines the access log needs: the definition of its log format (only that one),
 * or null when it uses none of its own. `combined` is nginx's built-in format. `connectionUpgradeMap`
 * adds the `$connection_upgrade` map for a plain nginx.conf; NixOS's http block has its own.
 */
export function logFormatPrelude(d: ResolvedDeployment, options: { connectionUpgradeMap: boolean }): string | null {
  const used = d.nginx.accessLog?.format;
  const formats = Object.entries(d.nginx.logFormats).filter(([name]) => name === used && name !== 'combined');
  if (formats.length === 0) return null;
  return underField(['nginx', 'logFormats', formats[0]![0]], 'the nginx log format', () =>
    nginxHttpPrelude({ logFormats: formats.map(([name, format]) => ({ name, format })), connectionUpgradeMap: options.connectionUpgradeMap }));
}
