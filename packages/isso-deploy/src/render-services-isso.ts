import { attrs, bind, bool, str, type NixBindingItem, type NixExpr } from '@nixkit/nix-expr';
import type { IssoVersion } from '@nixkit/isso-config';
import type { ResolvedDeployment } from './deployment.js';
import { issoSettings } from './isso-settings.js';
import { explained, frontBindings, nixosModule } from './module-frame.js';
import { servicesIssoSettings } from './services-isso-settings.js';

/**
 * NixOS's own `services.isso`: pkgs.isso with its built-in server on the configured port, a
 * dynamic user and `/var/lib/isso`, settings as Nix attributes. The environment file is attached
 * to the service directly, which works on every NixOS release (newer ones also offer
 * `services.isso.secretFile` for the same thing).
 */
export function servicesIssoModule(d: ResolvedDeployment, header: readonly string[]): NixExpr {
  const body: NixBindingItem[] = [
    bind(['services', 'isso'], attrs({
      enable: bool(true),
      settings: servicesIssoSettings(issoSettings(d, 'nixos-module'), d.source.issoVersion as IssoVersion),
    })),
  ];
  if (d.secrets !== null) {
    body.push(explained(
      bind(['systemd', 'services', 'isso', 'serviceConfig', 'EnvironmentFile'], str(d.secrets.environmentFile)),
      'Isso expands the ${VAR} references in its settings from this file; it stays outside the store.',
    ));
  }
  return nixosModule(header, [], [...body, ...frontBindings(d)]);
}
