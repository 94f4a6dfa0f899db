import { attrs, bind, bool, dquoted, str, toNix, type NixBindingItem, type NixExpr } from '@nixkit/nix-expr';
import { toNixosSettings, type IssoVersion, type NixosIssoSettings } from '@nixkit/isso-config';
import type { ResolvedDeployment } from './deployment.js';
import { issoSettings } from './isso-settings.js';
import { explained, frontBindings, nixosModule } from './module-frame.js';
import { underField } from './under-field.js';

/**
 * NixOS's own `services.isso`: pkgs.isso with its built-in server on the configured port, a
 * dynamic user and `/var/lib/isso`, settings as Nix attributes. The environment file is attached
 * to the service directly, which works on every NixOS release (newer ones also offer
 * `services.isso.secretFile` for the same thing).
 */
export function servicesIssoModule(d: ResolvedDeployment, header: readonly string[]): NixExpr {
  const settings = underField(['settings'], 'the Isso settings', () =>
    toNixosSettings(issoSettings(d, 'nixos-module'), { version: d.source.issoVersion as IssoVersion }), { keepInnerPath: true });
  const body: NixBindingItem[] = [
    bind(['services', 'isso'], attrs({ enable: bool(true), settings: toNix(withVisibleLineBreaks(settings)) })),
  ];
  if (d.secrets !== null) {
    body.push(explained(
      bind(['systemd', 'services', 'isso', 'serviceConfig', 'EnvironmentFile'], str(d.secrets.environmentFile)),
      'Isso expands the ${VAR} references in its settings from this file; it stays outside the store.',
    ));
  }
  return nixosModule(header, [], [...body, ...frontBindings(d)]);
}

/**
 * Isso's newline lists are one string of a line break and an indented line per item
 * (`"\n  https://a\n  https://b"`). Double quotes show that as it is; an indented string would
 * need escapes to keep the indentation it is made of.
 */
function withVisibleLineBreaks(settings: NixosIssoSettings): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(settings).map(([section, keys]) => [
    section,
    Object.fromEntries(Object.entries(keys).map(([key, value]) => [key, typeof value === 'string' && value.includes('\n') ? dquoted(value) : value])),
  ]));
}
