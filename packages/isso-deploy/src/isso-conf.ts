import { serialize, type IssoConfig } from '@nixkit/isso-config';
import { call, indented, ref, str, type NixExpr } from '@nixkit/nix-expr';
import type { ResolvedDeployment } from './deployment.js';
import type { DeploymentMode } from './deployment-mode.js';
import { issoSettings } from './isso-settings.js';
import { underField } from './under-field.js';

/** The Isso release whose config format a mode writes: the source's, or nixpkgs' for services.isso. */
export function configVersion(d: ResolvedDeployment): string {
  return d.source.issoVersion;
}

/** The isso.conf text of a mode, written by @nixkit/isso-config for the source's Isso version. */
export function issoConfText(d: ResolvedDeployment, mode: DeploymentMode): string {
  const config: IssoConfig = issoSettings(d, mode);
  return underField(['settings'], 'the Isso settings', () => serialize(config, { version: configVersion(d) as never }), { keepInnerPath: true });
}

/**
 * `pkgs.writeText "isso.conf" ''…''`. The text holds no secret: passwords are `${NAME}`
 * references (escaped for Nix, so they reach the file literally) that Isso expands at start-up
 * from the service's environment file.
 */
export function issoConfigDerivation(d: ResolvedDeployment, mode: DeploymentMode): NixExpr {
  return call(ref('pkgs.writeText'), str('isso.conf'), indented(issoConfText(d, mode)));
}
