import { attrs, bind, bool, comment, commentBinding, fn, formals, int, let_, list, str, type NixBindingItem, type NixExpr } from '@nixkit/nix-expr';
import { toNixos } from '@nixkit/nginx-vhost';
import type { ResolvedDeployment } from './deployment.js';
import { acmeBindings } from './acme-bindings.js';
import { underField } from './under-field.js';
import { logFormatPrelude, vhostSpec } from './vhost-spec.js';

/**
 * nginx in front of Isso, the same in every mode: nginx enabled, the log formats the access log
 * names (in `commonHttpConfig`, which NixOS places before the server blocks that use them), the
 * virtual host, and its ACME certificate. `upstream` is the address nginx proxies to (default
 * the loopback interface).
 */
export function frontBindings(d: ResolvedDeployment, upstream?: string): NixBindingItem[] {
  const vhost = underField(['nginx'], 'the nginx virtual host', () => toNixos(vhostSpec(d, upstream)));
  const items: NixBindingItem[] = [bind(['services', 'nginx', 'enable'], bool(true))];
  // NixOS's http block defines $connection_upgrade itself, before commonHttpConfig.
  const prelude = logFormatPrelude(d, { connectionUpgradeMap: false });
  if (prelude !== null) items.push(bind(['services', 'nginx', 'commonHttpConfig'], str(prelude)));
  items.push(bind(['services', 'nginx', 'virtualHosts', d.domain], vhost), ...acmeBindings(d));
  if (d.openFirewall) {
    items.push(explained(
      bind(['networking', 'firewall', 'allowedTCPPorts'], list([int(80), int(443)])),
      'nginx answers on 80 (ACME challenge, redirect to HTTPS) and 443; "openFirewall": false leaves this to you.',
    ));
  }
  return items;
}

/**
 * `{ config, pkgs, lib, ... }: let … in { … }`: a NixOS module that can be imported on its own.
 * `header` lines become the comment at the top of the file.
 */
export function nixosModule(header: readonly string[], lets: readonly NixBindingItem[], body: readonly NixBindingItem[]): NixExpr {
  const set = attrs([...body]);
  const inner = lets.length === 0 ? set : let_([...lets], set);
  return comment(fn(formals(['config', 'pkgs', 'lib'], { ellipsis: true }), inner), ...header);
}

/** A binding with a one-line comment above it. */
export function explained(item: NixBindingItem, ...lines: string[]): NixBindingItem {
  return commentBinding(item, ...lines);
}
