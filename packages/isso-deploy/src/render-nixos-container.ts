import { attrs, bind, bool, int, interp, list, ref, str, v, type NixBindingItem, type NixExpr } from '@nixkit/nix-expr';
import type { ResolvedDeployment } from './deployment.js';
import { BINDINGS } from './container-spec.js';
import { STATE_DIRECTORY } from './defaults.js';
import { gunicornArgs } from './gunicorn-args.js';
import { explained, frontBindings, nixosModule } from './module-frame.js';
import { execLine } from './native-service.js';
import {
  CONTAINER_CONFIG_PATH,
  CONTAINER_STATE_PATH,
  SERVICE_STATE_PATH,
  hostInterface,
} from './nixos-container-spec.js';
import { pythonBindings } from './render-container.js';

// The article's 2023 setup: Isso in a declarative NixOS container run by systemd-nspawn.
//
// Option names, as read from nixpkgs:
// - containers.<name>.{autoStart, ephemeral, privateNetwork, hostAddress, localAddress,
//   extraFlags, bindMounts.<path>.{hostPath, isReadOnly}, config}: nixos/modules/virtualisation/
//   nixos-containers.nix @ 00ef614eae7658e8c2d4ea0abbd476fa9d8065fc. The host unit is
//   `container@<name>` (same file: systemd.services."container@${name}"); without a hostBridge the
//   host side of the link is `ve-<name>` (its postStartScript) and the addresses are /32 with a
//   route each way (localAddress's description).
// - networking.nat.{enable, internalInterfaces, externalInterface (nullOr str, default null)}:
//   nixos/modules/services/networking/nat.nix @ 50d6aae3fe0d07170bf93a2bf08b130c8348051b; with
//   externalInterface null the masquerade rule matches every outgoing interface
//   (nat-iptables.nix @ 092d57c07692d117e70f8e6ecbb65b241fc0060e).
// - systemd.services.<name>.{restartTriggers, wantedBy, after, environment, serviceConfig}:
//   nixos/lib/systemd-unit-options.nix @ 515c8fb59bc189b54fc47113d6248cd45f607f65
//   (restartTriggers is a list that merges with the one nixos-containers.nix sets; Restart must be
//   one of no, on-success, on-failure, on-abnormal, on-abort, always).
// - networking.firewall.allowedTCPPorts (the container runs its own firewall, on by default):
//   nixos/modules/services/networking/firewall.nix @ 2e1d0989bcf8968780ca0bd92030d15464791450.
// - system.stateVersion: nixos/modules/misc/version.nix @ c1557eb7f184c0c79f5bfafdca6b279000df8000.

/** `systemd.services.isso` inside the container: gunicorn on the container's address. */
function innerService(d: ResolvedDeployment): NixExpr {
  const serviceConfig: NixBindingItem[] = [
    // The same argument builder as the image's Cmd, bound to the container's end of the link.
    bind('ExecStart', execLine(v(BINDINGS.issoEnv), gunicornArgs(d, d.nixosContainer.localAddress))),
    bind('DynamicUser', bool(true)),
    // Ownership with a dynamic user: the UID is allocated at each start and may differ from one
    // boot of the ephemeral container to the next, so the database directory must be handed to
    // whatever UID this run got. StateDirectory does that inside systemd, as root, before the
    // service starts: the host directory is mounted where systemd keeps a dynamic user's state
    // (/var/lib/private/isso), and systemd chowns it recursively to the run's UID when the owner
    // differs, then links /var/lib/isso to it. An `ExecStartPre = "+chown …"` would have to look
    // the dynamic user up by name and run on every start even when nothing changed.
    explained(
      bind('StateDirectory', str(STATE_DIRECTORY)),
      'systemd hands the mounted database directory to this run\'s dynamic UID before Isso starts.',
    ),
    bind('ReadWritePaths', list([str(SERVICE_STATE_PATH)])),
    bind('Restart', str('always')),
  ];
  if (d.secrets !== null) {
    serviceConfig.push(explained(
      bind('EnvironmentFile', str(d.secrets.environmentFile)),
      'Read by systemd as root before the dynamic user exists, so the file can stay root-only.',
    ));
  }
  return attrs({
    description: str('Isso comment server'),
    wantedBy: list([str('multi-user.target')]),
    after: list([str('network.target')]),
    environment: attrs({ ISSO_SETTINGS: str(CONTAINER_CONFIG_PATH) }),
    serviceConfig: attrs(serviceConfig),
  });
}

/** `containers.<name>.bindMounts`: the database (read-write), isso.conf and the secrets (read-only). */
function bindMounts(d: ResolvedDeployment): NixExpr {
  const mounts: NixBindingItem[] = [
    explained(
      bind([CONTAINER_STATE_PATH], attrs({ hostPath: str(d.dbVolume.hostPath), isReadOnly: bool(false) })),
      'The database directory, where systemd keeps the dynamic user\'s state directory.',
    ),
    explained(
      bind([CONTAINER_CONFIG_PATH], attrs({ hostPath: interp`${v(BINDINGS.issoConfig)}`, isReadOnly: bool(true) })),
      'isso.conf at a fixed path, so a new config restarts the container (restartTriggers) without a new container system.',
    ),
  ];
  if (d.secrets !== null) {
    mounts.push(explained(
      bind([d.secrets.environmentFile], attrs({ hostPath: str(d.secrets.environmentFile), isReadOnly: bool(true) })),
      'The secrets stay in their host file, outside the store; the service reads it with EnvironmentFile.',
    ));
  }
  return attrs(mounts);
}

/** `containers.<name>`: ephemeral, started at boot, on its own /30 link, Isso inside. */
function containerBinding(d: ResolvedDeployment): NixBindingItem {
  const c = d.nixosContainer;
  const inner: NixBindingItem[] = [
    explained(bind(['system', 'stateVersion'], ref('config.system.stateVersion')), 'The host\'s stateVersion: `config` here is the host\'s configuration.'),
    explained(bind(['networking', 'firewall', 'allowedTCPPorts'], list([int(d.port)])), 'The container has its own firewall; nginx on the host connects to this port.'),
    bind(['systemd', 'services', 'isso'], innerService(d)),
  ];
  const settings: NixBindingItem[] = [
    bind('autoStart', bool(true)),
    explained(bind('ephemeral', bool(true)), 'The Nix store is shared with the host: no image to build; nothing but the mounts outlives a restart.'),
    bind('privateNetwork', bool(true)),
    bind('hostAddress', str(c.hostAddress)),
    bind('localAddress', str(c.localAddress)),
  ];
  if (c.extraFlags.length > 0) settings.push(bind('extraFlags', list(c.extraFlags.map((flag) => str(flag)))));
  settings.push(bind('bindMounts', bindMounts(d)), bind('config', attrs(inner)));
  return bind(['containers', c.name], attrs(settings));
}

/** The host side around the container: its restart triggers, NAT for its link, the database directory. */
function hostBindings(d: ResolvedDeployment): NixBindingItem[] {
  const c = d.nixosContainer;
  const items: NixBindingItem[] = [
    containerBinding(d),
    explained(
      bind(['systemd', 'services', `container@${c.name}`, 'restartTriggers'], list([v(BINDINGS.issoConfig)])),
      'isso.conf is mounted, not part of the container\'s system: restart the container when it changes.',
    ),
    explained(bind(['networking', 'nat', 'enable'], bool(true)), 'Isso reaches the websites and the SMTP server through the host.'),
    bind(['networking', 'nat', 'internalInterfaces'], list([str(hostInterface(d))])),
  ];
  if (c.externalInterface !== null) items.push(bind(['networking', 'nat', 'externalInterface'], str(c.externalInterface)));
  items.push(explained(
    bind(['systemd', 'tmpfiles', 'settings', 'isso', d.dbVolume.hostPath, 'd'], attrs({ mode: str('0700') })),
    'The database directory; systemd-nspawn refuses to mount a host path that does not exist.',
  ));
  return items;
}

/**
 * The article's 2023 update as the author runs it: the same Python environment and isso.conf, a
 * declarative NixOS container `containers.<name>` (ephemeral, shared store, private veth link,
 * NAT) whose `systemd.services.isso` runs gunicorn as a dynamic user, and nginx on the host
 * proxying to the container's address.
 */
export function nixosContainerModule(d: ResolvedDeployment, header: readonly string[]): NixExpr {
  return nixosModule(header, pythonBindings(d, 'nixos-container'), [
    ...hostBindings(d),
    ...frontBindings(d, d.nixosContainer.localAddress),
  ]);
}
