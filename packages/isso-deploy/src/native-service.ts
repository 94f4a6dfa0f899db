import { attrs, bind, bool, interp, list, str, v, type NixBindingItem, type NixExpr } from '@nixkit/nix-expr';
import type { ResolvedDeployment } from './deployment.js';
import { STATE_DIRECTORY } from './defaults.js';
import { gunicornArgs } from './gunicorn-args.js';

// Characters a gunicorn argument may contain so that joining with spaces is the exact systemd
// command line: no quotes, backslashes, `%` specifiers or `$` expansions. The description's
// validation already limits every field to these; this check keeps the invariant local.
const PLAIN_ARG = /^[A-Za-z0-9_.:/@+=[\]-]+$/;

/** `<binary>/bin/gunicorn <args>` as one systemd command line (every argument checked to need no quoting). */
export function execLine(binary: NixExpr, args: readonly string[]): NixExpr {
  for (const arg of args) {
    if (!PLAIN_ARG.test(arg)) throw new Error(`internal: gunicorn argument ${JSON.stringify(arg)} needs systemd quoting`);
  }
  return interp`${binary}/bin/gunicorn ${args.join(' ')}`;
}

/**
 * The article's 2023 setup without a container: gunicorn from the same Python environment as a
 * systemd service whose user only exists while it runs (`DynamicUser`) and whose database lives
 * in `/var/lib/isso` (`StateDirectory`). Passwords arrive through `EnvironmentFile`, read by
 * systemd as root before the dynamic user exists, so the file can stay root-only.
 */
export function nativeServiceBindings(d: ResolvedDeployment, names: { issoEnv: string; issoConfig: string }): NixBindingItem[] {
  const serviceConfig: Record<string, NixExpr> = {
    ExecStart: execLine(v(names.issoEnv), gunicornArgs(d, '127.0.0.1')),
    DynamicUser: bool(true),
    StateDirectory: str(STATE_DIRECTORY),
    Restart: str('on-failure'),
  };
  if (d.secrets !== null) serviceConfig.EnvironmentFile = str(d.secrets.environmentFile);
  return [
    bind(['systemd', 'services', 'isso'], attrs({
      description: str('Isso comment server'),
      wantedBy: list([str('multi-user.target')]),
      after: list([str('network.target')]),
      environment: attrs({ ISSO_SETTINGS: interp`${v(names.issoConfig)}` }),
      serviceConfig: attrs(serviceConfig),
    })),
  ];
}
