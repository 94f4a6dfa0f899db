// The option paths the nixos-container mode may write, at each level: on the host, and inside
// `containers.<name>.config` (a NixOS configuration of its own). A rendered module evaluated with
// the stubs must fit this tree exactly, so an inner option written on the host (or a host option
// written inside the container) is a test failure naming the path.
//
// Where each option is declared in nixpkgs:
// - containers.<name>.*: nixos/modules/virtualisation/nixos-containers.nix
//   @ 00ef614eae7658e8c2d4ea0abbd476fa9d8065fc (bindMounts.<path> has mountPoint, hostPath, isReadOnly)
// - networking.nat.*: nixos/modules/services/networking/nat.nix @ 50d6aae3fe0d07170bf93a2bf08b130c8348051b
// - systemd.services.<name>.* (restartTriggers, wantedBy, after, environment, serviceConfig):
//   nixos/lib/systemd-unit-options.nix @ 515c8fb59bc189b54fc47113d6248cd45f607f65
// - networking.firewall.allowedTCPPorts: nixos/modules/services/networking/firewall.nix
//   @ 2e1d0989bcf8968780ca0bd92030d15464791450
// - system.stateVersion: nixos/modules/misc/version.nix @ c1557eb7f184c0c79f5bfafdca6b279000df8000

/** `VALUE`: an option (any value); a tree: named children (`*` any name, `prefix@*` a prefix). */
export const VALUE = 'value';
export type OptionTree = { readonly [key: string]: OptionTree | typeof VALUE };

/** What the module sets inside the container. */
export const INNER_OPTIONS: OptionTree = {
  system: { stateVersion: VALUE },
  networking: { firewall: { allowedTCPPorts: VALUE } },
  systemd: {
    services: {
      isso: {
        description: VALUE,
        wantedBy: VALUE,
        after: VALUE,
        environment: VALUE,
        serviceConfig: VALUE,
      },
    },
  },
};

/** What the module sets on the host. */
export const HOST_OPTIONS: OptionTree = {
  containers: {
    '*': {
      autoStart: VALUE,
      ephemeral: VALUE,
      privateNetwork: VALUE,
      hostAddress: VALUE,
      localAddress: VALUE,
      extraFlags: VALUE,
      bindMounts: { '*': { hostPath: VALUE, isReadOnly: VALUE } },
      config: INNER_OPTIONS,
    },
  },
  systemd: {
    services: { 'container@*': { restartTriggers: VALUE } },
    tmpfiles: { settings: VALUE },
  },
  networking: {
    nat: { enable: VALUE, internalInterfaces: VALUE, externalInterface: VALUE },
    firewall: { allowedTCPPorts: VALUE },
  },
  services: { nginx: VALUE },
  security: { acme: VALUE },
};

function childTree(tree: OptionTree, key: string): OptionTree | typeof VALUE | undefined {
  if (Object.hasOwn(tree, key)) return tree[key];
  for (const [pattern, child] of Object.entries(tree)) {
    if (pattern === '*' || (pattern.endsWith('@*') && key.startsWith(pattern.slice(0, -1)))) return child;
  }
  return undefined;
}

/**
 * The paths of `value` (an evaluated module) that `tree` does not declare, each with the level
 * it was found at. Iterative, so a deep value cannot overflow the stack.
 */
export function undeclaredOptions(value: unknown, tree: OptionTree): string[] {
  const out: string[] = [];
  const stack: { value: unknown; tree: OptionTree; path: string[] }[] = [{ value, tree, path: [] }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value !== 'object' || item.value === null || Array.isArray(item.value)) {
      out.push(`${item.path.join('.')} is a value where options are expected`);
      continue;
    }
    for (const [key, child] of Object.entries(item.value)) {
      const path = [...item.path, key];
      const declared = childTree(item.tree, key);
      if (declared === undefined) out.push(path.join('.'));
      else if (declared !== VALUE) stack.push({ value: child, tree: declared, path });
    }
  }
  return out.sort();
}
