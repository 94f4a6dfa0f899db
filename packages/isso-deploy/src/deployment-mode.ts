/**
 * How Isso runs: `container` is the reference article (an OCI image run by podman or docker
 * through `virtualisation.oci-containers`), `native` its 2023 update (a systemd service with a
 * dynamic user and a state directory, no container), `nixos-module` NixOS's own `services.isso`.
 */
export type DeploymentMode = 'container' | 'native' | 'nixos-module';

export const DEPLOYMENT_MODES: readonly DeploymentMode[] = ['container', 'native', 'nixos-module'];
