import { attrs, bind, bool, int, list, ref, str, v, type NixBindingItem, type NixExpr } from '@nixkit/nix-expr';
import { toDockerToolsCall } from '@nixkit/oci-container';
import { BINDINGS, imageSpec } from './container-spec.js';
import type { ResolvedDeployment } from './deployment.js';
import { explained, frontBindings, nixosModule } from './module-frame.js';
import { NOMAD_LOOPBACK_NETWORK, NOMAD_NODE_META, nomadHostVolume, nomadImagePath } from './nomad-job-spec.js';
import { pythonBindings } from './render-container.js';
import { underField } from './under-field.js';

// The Nomad client that runs the job. Option names of services.nomad are read from nixpkgs'
// nixos/modules/services/networking/nomad.nix at NixOS/nixpkgs@08d22b0ef3ed1c42956309e91d20077427a2437e:
// enable, dropPrivileges, enableDocker, extraSettingsPlugins, settings (pkgs.formats.json, written
// to /etc/nomad.json). The podman driver plugin is pkgs.nomad-driver-podman
// (pkgs/by-name/no/nomad-driver-podman/package.nix at NixOS/nixpkgs@8624af83b2551f3ee740f6cec4dc389ad20fd35a);
// its plugin options (volumes.enabled) are in hashicorp/nomad-driver-podman config.go at
// cfd6c4f5e5de8f81b9a08eb611ba191e5eb2d1d3.

function nomadSettings(d: ResolvedDeployment): NixExpr {
  const client = attrs([
    bind(['enabled'], bool(true)),
    explained(
      bind(['host_volume', nomadHostVolume(d)], attrs({ path: str(d.dbVolume.hostPath), read_only: bool(false) })),
      'The SQLite directory, mounted into the task by the job\'s volume_mount.',
    ),
    explained(
      bind(['host_network', NOMAD_LOOPBACK_NETWORK], attrs({ cidr: str('127.0.0.1/32') })),
      'Ports of this host network bind 127.0.0.1 only: nginx is the public side.',
    ),
    explained(bind(['meta', NOMAD_NODE_META], str(d.dbVolume.hostPath)), 'The job\'s constraint pins it to the node that holds the database.'),
  ]);
  const items: NixBindingItem[] = [
    explained(bind(['server'], attrs({ enabled: bool(true), bootstrap_expect: int(1) })), 'A one-node cluster; drop this for a client that joins existing servers.'),
    bind(['client'], client),
  ];
  if (d.backend === 'podman') {
    items.push(bind(['plugin', 'nomad-driver-podman', 'config', 'volumes', 'enabled'], bool(true)));
  }
  return attrs(items);
}

function nomadBindings(d: ResolvedDeployment): NixBindingItem[] {
  const podman = d.backend === 'podman';
  const items: NixBindingItem[] = [
    bind(['services', 'nomad', 'enable'], bool(true)),
    explained(bind(['services', 'nomad', 'dropPrivileges'], bool(false)), 'A client starts containers and mounts volumes, which needs root.'),
    bind(['services', 'nomad', 'enableDocker'], bool(!podman)),
  ];
  if (podman) {
    items.push(
      bind(['services', 'nomad', 'extraSettingsPlugins'], list([ref('pkgs.nomad-driver-podman')])),
      bind(['virtualisation', 'podman', 'enable'], bool(true)),
      explained(bind(['systemd', 'sockets', 'podman', 'wantedBy'], list([str('sockets.target')])), 'The podman driver talks to the rootful API socket.'),
    );
  }
  items.push(
    bind(['services', 'nomad', 'settings'], nomadSettings(d)),
    explained(
      bind(['environment', 'etc', nomadImagePath(d).replace(/^\/etc\//, ''), 'source'], v(BINDINGS.image)),
      'Keeps the image archive in the system closure, at a fixed path the job loads it from.',
    ),
    explained(
      bind(['systemd', 'tmpfiles', 'settings', 'isso', d.dbVolume.hostPath, 'd'], attrs({ mode: str('0700') })),
      'The database directory must exist before Nomad can mount the host volume.',
    ),
    // No firewall binding here: frontBindings opens 80 and 443 (unless "openFirewall": false),
    // and a second binding of the same attribute is a Nix parse error.
  );
  return items;
}

/**
 * `nomad-node.nix`: the NixOS side of the Nomad deployment. The image is built as in the
 * container mode and kept in the system closure under /etc; Nomad runs as a one-node server and
 * client with the podman driver plugin (or docker), the database directory as a host volume and
 * a loopback host network; nginx, ACME and the firewall as in the other modes, proxying to the
 * job's static port.
 */
export function nomadNodeModule(d: ResolvedDeployment, header: readonly string[]): NixExpr {
  const image = underField(['image'], 'the image', () => toDockerToolsCall(imageSpec(d)));
  return nixosModule(
    header,
    [...pythonBindings(d, 'container'), explained(bind(BINDINGS.image, image), 'Referring to issoEnv and issoConfig from config copies them into the image.')],
    [...nomadBindings(d), ...frontBindings(d)],
  );
}
