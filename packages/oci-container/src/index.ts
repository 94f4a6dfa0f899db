export { OciContainerError } from './errors.js';
export type {
  ContainerBackend,
  Duration,
  ImageBuilder,
  OciContainer,
  OciContainerInput,
  OciHealthcheck,
  OciImage,
  OciImageConfig,
  PullPolicy,
} from './model.js';
export type { NixResolver, NixText } from './nix-text.js';
export { resolveFromTable } from './nix-text.js';
export { secret, isSecret, type SecretValue } from './secret.js';
export { validateContainer } from './validate-container.js';
export { validateImage } from './validate-image.js';
export { parsePortSpec, formatPortSpec, type PortSpec, type ParseResult } from './port-spec.js';
export { parseVolumeSpec, formatVolumeSpec, VOLUME_OPTIONS, type VolumeSpec } from './volume-spec.js';
export { parseImageRef, type ImageRef } from './image-ref.js';
export { durationToNanoseconds } from './duration.js';
export { NIXOS_RELEASES, DEFAULT_NIXOS_RELEASE, type NixosRelease } from './nixos-release.js';
export { escapeShellArg } from './escape-shell-arg.js';
export { OCI_LIMITS } from './limits.js';
export { toDockerToolsCall, type DockerToolsOptions } from './render-docker-tools.js';
export {
  toOciContainers,
  toOciContainersModule,
  type OciContainersOptions,
  type OciContainersModuleOptions,
} from './render-oci-containers.js';
export { toPodmanArgs, toPodmanScript, type PodmanArgsOptions } from './render-podman-args.js';
export { toQuadlet, type QuadletOptions } from './render-quadlet.js';
