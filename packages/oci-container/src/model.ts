import type { NixText } from './nix-text.js';
import type { PortSpec } from './port-spec.js';
import type { SecretValue } from './secret.js';
import type { VolumeSpec } from './volume-spec.js';

/** The container runtime NixOS drives. */
export type ContainerBackend = 'podman' | 'docker';

/** Image pull policy (NixOS `pull`, podman `--pull`, Quadlet `Pull=`). */
export type PullPolicy = 'always' | 'missing' | 'never' | 'newer';

/**
 * A container as every renderer reads it, after `validateContainer`: ports and volumes are text
 * (structured specs are formatted), every literal value has passed its syntax check. Text fields
 * may hold Nix expressions (see `NixText`); those are checked once they are resolved.
 */
export interface OciContainer {
  /** The container name; also the attribute name under `virtualisation.oci-containers.containers`. */
  name: string;
  backend?: ContainerBackend;
  /** Image reference (`isso`, `ghcr.io/o/n:1.2`). With imageFile/imageStream, the name the archive loads as. */
  image: NixText;
  /** A Nix expression for an image tarball (`issoDockerImage`), loaded before start. */
  imageFile?: NixText;
  /** A Nix expression for a `streamLayeredImage` script, piped into `load` before start. */
  imageStream?: NixText;
  cmd?: NixText[];
  entrypoint?: NixText;
  environment?: Record<string, NixText>;
  /** Runtime paths of env files (secrets live here); never Nix paths, which would be copied into the store. */
  environmentFiles?: NixText[];
  ports?: NixText[];
  volumes?: NixText[];
  user?: string;
  workdir?: string;
  labels?: Record<string, NixText>;
  networks?: string[];
  hostname?: string;
  /** Names of other containers this one starts after (and requires). */
  dependsOn?: string[];
  autoStart?: boolean;
  /** Raw runtime flags, placed before the image. The escape hatch: escaped, never interpreted. */
  extraOptions?: NixText[];
  pull?: PullPolicy;
  logDriver?: string;
}

/**
 * What callers may pass to `validateContainer` and the renderers: like `OciContainer`, but ports
 * and volumes may be structured, and a secret marker may appear where a value goes (it is then
 * refused with an explanation, never rendered).
 */
export interface OciContainerInput extends Omit<OciContainer, 'ports' | 'volumes' | 'environment'> {
  ports?: (NixText | PortSpec)[];
  volumes?: (NixText | VolumeSpec)[];
  environment?: Record<string, NixText | SecretValue>;
}

/** The dockerTools function an image is built with. */
export type ImageBuilder = 'buildImage' | 'buildLayeredImage' | 'streamLayeredImage';

/** A duration: integer nanoseconds (the image-spec unit) or text like `30s`, `1m30s`, `500ms`. */
export type Duration = number | string;

/** Docker's image healthcheck extension (`Healthcheck` in the image config). */
export interface OciHealthcheck {
  /** `["NONE"]`, `["CMD", exe, …args]` or `["CMD-SHELL", command]`. */
  Test: NixText[];
  Interval?: Duration;
  Timeout?: Duration;
  StartPeriod?: Duration;
  StartInterval?: Duration;
  Retries?: number;
}

/** The OCI image `config` object, with the image-spec's own field names. */
export interface OciImageConfig {
  Cmd?: NixText[];
  Entrypoint?: NixText[];
  /** `K=V` strings in order, or a record (rendered as `K=V` strings in insertion order). */
  Env?: NixText[] | Record<string, NixText>;
  /** `8080/tcp`, `53/udp`, `8080` (tcp). */
  ExposedPorts?: string[];
  /** Absolute paths inside the image. */
  Volumes?: string[];
  WorkingDir?: string;
  User?: string;
  Labels?: Record<string, NixText>;
  StopSignal?: string;
  Healthcheck?: OciHealthcheck;
}

/** An image built by nixpkgs dockerTools. */
export interface OciImage {
  name: NixText;
  tag?: NixText;
  /** Default `buildImage`. */
  builder?: ImageBuilder;
  /** Packages or paths placed at the image root (`copyToRoot` for buildImage, `contents` for the layered builders). */
  copyToRoot?: NixText[];
  /** Shell commands run in the image's root directory while building (`mkdir -p db`). */
  extraCommands?: NixText;
  /** A base image tarball (a Nix expression, usually `pkgs.dockerTools.pullImage { … }`). */
  fromImage?: NixText;
  config?: OciImageConfig;
}
