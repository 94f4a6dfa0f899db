import { readFileSync } from 'node:fs';
import { interp, ref, v } from '@nixkit/nix-expr';
import type { OciContainerInput, OciImage } from '../../src/index.js';

// The image and container of the reference article ("Running Isso on NixOS in a Docker
// container"), expressed in this package's model.

export const issoImage: OciImage = {
  name: 'isso',
  tag: 'latest',
  extraCommands: 'mkdir -p db\n',
  config: {
    Cmd: [
      interp`${v('issoEnv')}/bin/gunicorn`,
      '--name', 'isso',
      '--bind', interp`0.0.0.0:${v('port')}`,
      '--worker-class', 'gevent',
      '--workers', '2',
      '--worker-tmp-dir', '/dev/shm',
      '--preload',
      'isso.run',
    ],
    Env: [interp`ISSO_SETTINGS=${v('issoConfig')}`, interp`SSL_CERT_FILE=${ref('pkgs.cacert')}/etc/ssl/certs/ca-bundle.crt`],
  },
};

export const issoContainer: OciContainerInput = {
  name: 'isso',
  backend: 'podman',
  image: 'isso',
  imageFile: v('issoDockerImage'),
  ports: [interp`127.0.0.1:${v('port')}:${v('port')}`],
  volumes: ['/var/db/isso:/db'],
};

/** Runtime values for the article's Nix variables, as a NixOS build would produce them. */
export const ARTICLE_VALUES = {
  issoEnv: '/nix/store/00000000000000000000000000000000-python3-env',
  issoConfig: '/nix/store/11111111111111111111111111111111-isso.conf',
  'pkgs.cacert': '/nix/store/22222222222222222222222222222222-nss-cacert',
  issoDockerImage: '/nix/store/33333333333333333333333333333333-docker-image-isso.tar.gz',
  port: '8080',
} as const;

/** A `let … in` prelude binding those values (derivations stubbed as their store paths). */
export const NIX_STUBS = `let
  pkgs = {
    dockerTools = { buildImage = args: args; buildLayeredImage = args: args; streamLayeredImage = args: args; };
    cacert = "${ARTICLE_VALUES['pkgs.cacert']}";
  };
  issoEnv = "${ARTICLE_VALUES.issoEnv}";
  issoConfig = "${ARTICLE_VALUES.issoConfig}";
  issoDockerImage = "${ARTICLE_VALUES.issoDockerImage}";
  port = "${ARTICLE_VALUES.port}";
in
`;

/** A fixture copied verbatim from the article (`test/fixtures/<name>`). */
export function articleFixture(name: 'article-docker-image.nix' | 'article-oci-containers.nix'): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}
