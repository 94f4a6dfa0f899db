import { interp, ref, v, type NixExpr } from '@nixkit/nix-expr';
import type { OciContainerInput, OciImage } from '@nixkit/oci-container';
import type { ResolvedDeployment } from './deployment.js';
import { gunicornArgs } from './gunicorn-args.js';

/** The names the container module binds in its `let`. */
export const BINDINGS = {
  issoPackage: 'issoPackage',
  issoEnv: 'issoEnv',
  issoConfig: 'issoConfig',
  image: 'issoDockerImage',
} as const;

/** `image` as the runtime sees it after loading the archive: the name, plus the tag unless it is latest. */
export function imageReference(d: ResolvedDeployment): string {
  return d.image.tag === 'latest' ? d.image.name : `${d.image.name}:${d.image.tag}`;
}

/**
 * The article's `dockerTools.buildImage`: gunicorn from the Python environment as `Cmd`, the
 * config file and the CA bundle through `Env`. Referring to those store paths from `config` is
 * what puts their closures into the image.
 */
export function imageSpec(d: ResolvedDeployment): OciImage {
  const issoEnv: NixExpr = v(BINDINGS.issoEnv);
  return {
    name: d.image.name,
    tag: d.image.tag,
    builder: 'buildImage',
    // The database directory must exist in the image for the volume to be mounted on.
    extraCommands: `mkdir -p ${d.dbVolume.containerPath.replace(/^\/+/, '')}\n`,
    config: {
      Cmd: [interp`${issoEnv}/bin/gunicorn`, ...gunicornArgs(d, d.gunicorn.bindAddress)],
      Env: [
        interp`ISSO_SETTINGS=${v(BINDINGS.issoConfig)}`,
        interp`SSL_CERT_FILE=${ref('pkgs.cacert')}/etc/ssl/certs/ca-bundle.crt`,
      ],
    },
  };
}

/**
 * The container under `virtualisation.oci-containers.containers`: the image archive loaded
 * before start, the port published on the loopback interface only (nginx is the public side),
 * the database directory mounted, and the secrets' environment file passed by path.
 * `imageFile: null` gives the variant for hosts without NixOS, where the image is loaded by hand.
 */
export function containerSpec(d: ResolvedDeployment, options: { imageFile: boolean }): OciContainerInput {
  const container: OciContainerInput = {
    name: d.containerName,
    backend: d.backend,
    image: options.imageFile ? imageReference(d) : `localhost/${d.image.name}:${d.image.tag}`,
    ports: [{ hostIp: '127.0.0.1', hostPort: d.port, containerPort: d.port }],
    volumes: [{ source: d.dbVolume.hostPath, target: d.dbVolume.containerPath }],
  };
  if (options.imageFile) container.imageFile = v(BINDINGS.image);
  if (d.secrets !== null) container.environmentFiles = [d.secrets.environmentFile];
  return container;
}
