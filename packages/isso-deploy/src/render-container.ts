import { attrs, bind, bool, str, type NixBindingItem, type NixExpr } from '@nixkit/nix-expr';
import { toDockerToolsCall, toOciContainers } from '@nixkit/oci-container';
import type { ResolvedDeployment } from './deployment.js';
import type { DeploymentMode } from './deployment-mode.js';
import { BINDINGS, containerSpec, imageSpec } from './container-spec.js';
import { issoConfigDerivation } from './isso-conf.js';
import { explained, frontBindings, nixosModule } from './module-frame.js';
import { issoEnvExpr, issoPackageExpr } from './python-package.js';
import { v } from '@nixkit/nix-expr';
import { underField } from './under-field.js';

/** The let bindings every gunicorn-based mode shares: the package, its environment, the config. */
export function pythonBindings(d: ResolvedDeployment, mode: Exclude<DeploymentMode, 'nixos-module'>): NixBindingItem[] {
  return [
    explained(bind(BINDINGS.issoPackage, issoPackageExpr(d)), packageComment(d)),
    explained(bind(BINDINGS.issoEnv, issoEnvExpr(d, v(BINDINGS.issoPackage))), 'Isso next to gunicorn, like a virtualenv: run "${issoEnv}/bin/gunicorn".'),
    explained(bind(BINDINGS.issoConfig, issoConfigDerivation(d, mode)), 'No secrets here: the Nix store is world-readable; passwords are ${VAR} references.'),
  ];
}

function packageComment(d: ResolvedDeployment): string {
  const source = d.source;
  if (source.kind === 'github') return `Isso from ${source.owner}/${source.repo} at ${source.rev}, as a Python package (not an application) so it can join an environment.`;
  if (source.kind === 'pypi') return `Isso ${source.version} from PyPI, as a Python package (not an application) so it can join an environment.`;
  return `The nixpkgs Isso application (${source.issoVersion} in NixOS ${d.nixosRelease}), turned into a Python module so it can join an environment.`;
}

/** The podman (or docker) backend and the database directory on the host. */
function containerHostBindings(d: ResolvedDeployment): NixBindingItem[] {
  const backendEnable = d.backend === 'podman' ? ['virtualisation', 'podman', 'enable'] : ['virtualisation', 'docker', 'enable'];
  return [
    bind(backendEnable, bool(true)),
    bind(['virtualisation', 'oci-containers', 'backend'], str(d.backend)),
    bind(['virtualisation', 'oci-containers', 'containers', d.containerName],
      // oci-container refuses options the target release's module does not have yet.
      underField([], 'the container', () => toOciContainers(containerSpec(d, { imageFile: true }), { nixosRelease: d.nixosRelease }))),
    // podman refuses to bind-mount a missing host directory; tmpfiles creates it at boot.
    explained(
      bind(['systemd', 'tmpfiles', 'settings', 'isso', d.dbVolume.hostPath, 'd'], attrs({ mode: str('0700') })),
      'The database directory; podman refuses to mount a host path that does not exist.',
    ),
  ];
}

/**
 * The reference article's deployment as one NixOS module: Isso built as a Python package from
 * its fork, an environment with gunicorn and gevent, isso.conf via `pkgs.writeText`, an image
 * from `dockerTools.buildImage` whose `Cmd` runs gunicorn, the container under
 * `virtualisation.oci-containers`, and nginx with an ACME certificate in front.
 */
export function containerModule(d: ResolvedDeployment, header: readonly string[]): NixExpr {
  const image = underField(['image'], 'the image', () => toDockerToolsCall(imageSpec(d)));
  return nixosModule(
    header,
    [...pythonBindings(d, 'container'), explained(bind(BINDINGS.image, image), 'Referring to issoEnv and issoConfig from config copies them into the image.')],
    [...containerHostBindings(d), ...frontBindings(d)],
  );
}
