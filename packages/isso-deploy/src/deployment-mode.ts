/**
 * How Isso runs: `container` is the reference article (an OCI image run by podman or docker
 * through `virtualisation.oci-containers`), `native` its 2023 update (a systemd service with a
 * dynamic user and a state directory, no container), `nixos-module` NixOS's own `services.isso`,
 * `nixos-container` the update as the author runs it (the same service inside a declarative NixOS
 * container, `containers.isso`, run by systemd-nspawn).
 */
export type DeploymentMode = 'container' | 'native' | 'nixos-module' | 'nixos-container';

export const DEPLOYMENT_MODES: readonly DeploymentMode[] = ['container', 'native', 'nixos-module', 'nixos-container'];
