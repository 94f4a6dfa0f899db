import type { NixExpr } from '@nixkit/nix-expr';
import type { ResolvedDeployment } from './deployment.js';
import { BINDINGS } from './container-spec.js';
import { frontBindings, nixosModule } from './module-frame.js';
import { nativeServiceBindings } from './native-service.js';
import { pythonBindings } from './render-container.js';

/**
 * The article's 2023 update: the same Python environment and isso.conf, run by a systemd
 * service with a dynamic user and `/var/lib/isso` as its state directory; no image, no container.
 */
export function nativeModule(d: ResolvedDeployment, header: readonly string[]): NixExpr {
  return nixosModule(header, pythonBindings(d, 'native'), [
    ...nativeServiceBindings(d, { issoEnv: BINDINGS.issoEnv, issoConfig: BINDINGS.issoConfig }),
    ...frontBindings(d),
  ]);
}
