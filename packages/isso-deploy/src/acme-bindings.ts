import { attrs, bind, bool, str, type NixBindingItem } from '@nixkit/nix-expr';
import type { ResolvedDeployment } from './deployment.js';

/**
 * The ACME side: the certificate's registration address, and the CA's terms accepted only when
 * the description says so explicitly. Without that the module leaves `acceptTerms` to the host
 * configuration (setting it to false would conflict with a host that accepted them), and NixOS's
 * own assertion explains what to set if nobody did. `defaults.email` is left to the host too: a
 * second definition would conflict with one made there.
 */
export function acmeBindings(d: ResolvedDeployment): NixBindingItem[] {
  const items: NixBindingItem[] = [];
  if (d.acmeAcceptTerms) items.push(bind(['security', 'acme', 'acceptTerms'], bool(true)));
  items.push(bind(['security', 'acme', 'certs', d.domain], attrs({ email: str(d.acmeEmail) })));
  return items;
}

/** Warnings a renderer passes on for the ACME settings. */
export function acmeWarnings(d: ResolvedDeployment): string[] {
  return d.acmeAcceptTerms
    ? []
    : [
        'security.acme.acceptTerms is not set by this module: NixOS refuses to build until it is true. ' +
          'Read the CA\'s terms (https://letsencrypt.org/repository/) and add "acmeAcceptTerms": true to the description, ' +
          'or set security.acme.acceptTerms = true in your configuration',
      ];
}
