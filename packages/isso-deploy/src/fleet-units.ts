import type { FleetSite } from './fleet-description.js';
import { INNER_UNIT, hostUnitName } from './nixos-container-spec.js';

// The systemd units fleet-status looks at for a site, and the capture file of each. Most modes run
// as one unit on the host. The nixos-container mode runs as two: `container@<name>.service` on the
// host (systemd-nspawn) and `isso.service` inside the machine `<name>`, which only
// `systemctl -M <name>` reaches; a running container says nothing yet about Isso inside it.

/** One unit of a site: a host unit (`machine` null), or a unit inside a NixOS container. */
export interface SiteUnit {
  /** The unit as systemctl names it: `podman-isso.service`, `container@isso.service`, `isso.service`. */
  unit: string;
  /** The machine the unit runs in (`systemctl -M <machine>`), or null for the host itself. */
  machine: string | null;
}

/** The units of a site, host unit first. */
export function siteUnits(site: FleetSite): SiteUnit[] {
  if (site.mode !== 'nixos-container') return [{ unit: site.unit, machine: null }];
  return [
    { unit: hostUnitName(site.deployment), machine: null },
    { unit: INNER_UNIT, machine: site.deployment.nixosContainer.name },
  ];
}

/** How a unit is written in the report and file names: `isso.service@isso` for one inside the machine `isso`. */
export function unitLabel(unit: string, machine: string | null = null): string {
  return machine === null ? unit : `${unit}@${machine}`;
}

/**
 * The capture file of a host and unit: `web1.podman-isso.service.txt`, and for a unit inside a
 * NixOS container `<host>.<unit>@<machine>.txt` (`web2.isso.service@isso.txt`). A unit name ends
 * in its type suffix (`.service`), so `@<machine>` after it never occurs in a host unit's name:
 * `<host>.<machine>@isso.service.txt` would, since `container@isso.service` is the host unit of
 * a container named `isso`, and a container named `container` would run `isso.service` too.
 */
export function captureFileName(host: string, unit: string, machine: string | null = null): string {
  return `${host}.${unitLabel(unit, machine)}.txt`;
}
