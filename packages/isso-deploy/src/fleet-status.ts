import { checkStatus } from './check-status.js';
import { machineUnreachable } from './check-nixos-container.js';
import type { Fleet, FleetSite } from './fleet-description.js';
import { checkFleetClashes } from './fleet-claims.js';
import { captureFileName, siteUnits, unitLabel, type SiteUnit } from './fleet-units.js';
import { readFleet } from './read-fleet.js';

export { captureFileName } from './fleet-units.js';

/** Where fleet-status reads captures from; `read` gives null for a file that does not exist. */
export interface CaptureSource {
  read(fileName: string): string | null;
  /** The file names present, to point out captures no site expects; optional. */
  list?(): readonly string[];
}

/** What one capture says. `missing`, `empty` and `unreadable` are findings about the capture itself. */
export type FleetVerdict = 'healthy' | 'unhealthy' | 'missing' | 'empty' | 'unreadable';

/** One host and unit. */
export interface FleetStatusEntry {
  host: string;
  /** The unit as systemctl names it (`isso.service` inside a container: see `machine`). */
  unit: string;
  /** The NixOS container the unit runs in (`systemctl -M <machine>`), or null for a host unit. */
  machine: string | null;
  /** The site the unit runs (its domain). */
  site: string;
  /** The capture file name, `<host>.<unit>.txt`, or `<host>.<unit>@<machine>.txt` inside a container. */
  file: string;
  verdict: FleetVerdict;
  healthy: boolean;
  reason: string;
  notes: string[];
}

/** The whole report: entries, printable lines and summary, and the exit code to use. */
export interface FleetStatusReport {
  entries: FleetStatusEntry[];
  /** One line per host and unit: host, unit, verdict, reason. */
  lines: string[];
  summary: string;
  healthy: boolean;
  /** 0 when every unit is healthy, 1 otherwise (the CLI's "not healthy" code). */
  exitCode: 0 | 1;
  /** Capture files present that no site of the fleet expects. */
  unexpected: string[];
  /** The same report as plain JSON data. */
  json: { healthy: boolean; summary: string; entries: FleetStatusEntry[]; unexpected: string[] };
}

/** Drops a `<host> | ` label from every line when every non-empty line carries it (output of a multi-host runner). */
function withoutHostLabels(text: string, host: string): string {
  const prefix = `${host} | `;
  const lines = text.split('\n');
  const labelled = lines.filter((line) => line.trim() !== '');
  if (labelled.length === 0 || !labelled.every((line) => line.startsWith(prefix) || line === prefix.trimEnd())) return text;
  return lines.map((line) => (line.startsWith(prefix) ? line.slice(prefix.length) : line === prefix.trimEnd() ? '' : line)).join('\n');
}

/** The command that prints a unit's status where it runs, as the reader would type it on the host. */
function localCommand(unit: SiteUnit): string {
  return `systemctl ${unit.machine === null ? '' : `-M ${unit.machine} `}status --no-pager --full ${unit.unit}`;
}

function judge(site: FleetSite, unit: SiteUnit, text: string | null, file: string): Omit<FleetStatusEntry, 'host' | 'unit' | 'machine' | 'site' | 'file'> {
  if (text === null) {
    return { verdict: 'missing', healthy: false, reason: `no capture ${file}; run: ${localCommand(unit)} on ${site.host}, or fleet-status --collect`, notes: [] };
  }
  if (text.trim() === '') {
    return { verdict: 'empty', healthy: false, reason: `${file} is empty: the command printed nothing (no connection, or no access to systemctl)`, notes: [] };
  }
  const body = withoutHostLabels(text, site.host);
  // A NixOS container's two units are captured apart: each capture is judged as its own part.
  const part = site.mode !== 'nixos-container' ? 'both' : unit.machine === null ? 'host' : 'inner';
  const check = checkStatus(body, { mode: site.mode, deployment: site.description, part });
  if (check.health === 'missing' || check.health === 'unknown') {
    // `systemctl -M` printing that the machine is down is a clear answer, not a garbled capture.
    const down = unit.machine === null ? null : machineUnreachable(body, unit.machine);
    if (down !== null) return { verdict: 'unhealthy', healthy: false, reason: down, notes: check.notes };
    return { verdict: 'unreadable', healthy: false, reason: `${file} holds no complete status of ${unitLabel(unit.unit, unit.machine)} (cut off?): ${check.reason}`, notes: check.notes };
  }
  return { verdict: check.healthy ? 'healthy' : 'unhealthy', healthy: check.healthy, reason: check.reason, notes: check.notes };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Every (host, site) of a fleet, in file order. */
export function fleetUnits(fleet: Fleet): FleetSite[] {
  return fleet.hosts.flatMap((host) => host.sites);
}

/**
 * Reads the captured `systemctl status` of every host and unit of a fleet file (parsed JSON) and
 * judges each with `checkStatus` (@nixkit/systemd-status underneath). A nixos-container site has
 * two units, judged apart: `container@<name>.service` on the host and `isso.service` inside the
 * machine (capture `<host>.isso.service@<name>.txt`). One line per host and unit
 * with its verdict and reason, a summary, and exit code 1 if anything is unhealthy. A missing,
 * empty, cut-off or garbled capture is a finding on its host, never an exception; an invalid
 * fleet file throws `IssoDeploymentError` like `renderFleet`.
 */
export function fleetStatus(input: unknown, captures: CaptureSource): FleetStatusReport {
  const fleet = readFleet(input);
  checkFleetClashes(fleet);
  const entries: FleetStatusEntry[] = fleetUnits(fleet).flatMap((site) => siteUnits(site).map((unit) => {
    const file = captureFileName(site.host, unit.unit, unit.machine);
    return { host: site.host, unit: unit.unit, machine: unit.machine, site: site.name, file, ...judge(site, unit, captures.read(file), file) };
  }));
  const expected = new Set(entries.map((e) => e.file));
  const unexpected = (captures.list?.() ?? []).filter((name) => name.endsWith('.txt') && !expected.has(name)).sort();
  const hostWidth = Math.max(4, ...entries.map((e) => e.host.length));
  const unitWidth = Math.max(4, ...entries.map((e) => unitLabel(e.unit, e.machine).length));
  const lines = entries.map((e) => `${pad(e.host, hostWidth)}  ${pad(unitLabel(e.unit, e.machine), unitWidth)}  ${pad(e.verdict, 10)}  ${e.site}: ${e.reason.replace(/[\r\n]+/g, ' ')}`);
  const bad = entries.filter((e) => !e.healthy);
  const hosts = new Set(entries.map((e) => e.host));
  const badHosts = [...new Set(bad.map((e) => e.host))];
  const summary = entries.length === 0
    ? 'the fleet has no Isso sites'
    : `${entries.length} unit${entries.length === 1 ? '' : 's'} on ${hosts.size} host${hosts.size === 1 ? '' : 's'}: ${entries.length - bad.length} healthy, ${bad.length} not` +
      (badHosts.length > 0 ? ` (${badHosts.join(', ')})` : '') +
      (unexpected.length > 0 ? `; ignored ${unexpected.length} capture file(s) no site expects: ${unexpected.join(', ')}` : '');
  const healthy = bad.length === 0;
  return { entries, lines, summary, healthy, exitCode: healthy ? 0 : 1, unexpected, json: { healthy, summary, entries, unexpected } };
}
