import type { Fleet, FleetHost } from './fleet-description.js';
import { checkFleetClashes } from './fleet-claims.js';
import { captureFileName, siteUnits } from './fleet-units.js';
import { readFleet } from './read-fleet.js';

/** What running one command gave. `error` is set when it could not be started at all. */
export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: string;
}

/** How `collectCaptures` runs commands and stores their output; injected so tests run no ssh. */
export interface CollectIo {
  run(argv: readonly string[], target: StatusTarget): CommandResult;
  write(fileName: string, text: string): void;
}

/** One host and unit to capture. */
export interface StatusTarget {
  host: string;
  unit: string;
  /** The NixOS container the unit runs in (`systemctl -M <machine>`), or null for a host unit. */
  machine: string | null;
  file: string;
  argv: string[];
}

/**
 * The command that prints a unit's status on a host, as Colmena reaches the host
 * (zhaofengli/colmena src/nix/hive/options.nix at 07499a1eaf7e: targetHost defaults to the node
 * name, targetUser to root, null targetHost means local only). `--no-pager --full` keeps lines whole.
 * With `machine`, the unit runs inside that NixOS container: `systemctl -M <machine> status …`
 * asks the container's systemd through systemd-machined, as root on the host.
 */
export function statusCommand(host: FleetHost, unit: string, machine: string | null = null): string[] {
  const systemctl = ['systemctl', ...(machine === null ? [] : ['-M', machine]), 'status', '--no-pager', '--full', unit];
  const target = host.deployment.targetHost === undefined ? host.name : host.deployment.targetHost;
  if (target === null) return systemctl;
  const user = host.deployment.targetUser === undefined ? 'root' : host.deployment.targetUser;
  const port = host.deployment.targetPort ?? null;
  // `--` ends ssh's options; the validated target host cannot start with "-" anyway.
  return ['ssh', ...(port === null ? [] : ['-p', String(port)]), '-o', 'BatchMode=yes', '--', user === null ? target : `${user}@${target}`, ...systemctl];
}

/** Every host and unit of a validated fleet, with its capture file and command. */
export function statusTargets(fleet: Fleet): StatusTarget[] {
  return fleet.hosts.flatMap((host) => host.sites.flatMap((site) => siteUnits(site).map(({ unit, machine }) => ({
    host: host.name, unit, machine, file: captureFileName(host.name, unit, machine), argv: statusCommand(host, unit, machine),
  }))));
}

/** What a command's run leaves in its capture file (see `collectCaptures`). */
function captured(target: StatusTarget, result: CommandResult): string {
  if (result.error !== undefined) return '';
  if (target.machine === null || result.status === 0 || (target.argv[0] === 'ssh' && result.status === 255)) return result.stdout;
  return result.stdout + result.stderr;
}

/** What `collectCaptures` did. */
export interface CollectResult {
  targets: StatusTarget[];
  /** Hosts whose command could not run or could not connect (ssh exits 255); their capture is what came back, often empty. */
  problems: { host: string; unit: string; reason: string }[];
}

/**
 * `fleet-status --collect`: runs the status command of every host and unit (see `statusCommand`)
 * through `io.run` and writes its stdout to `<host>.<unit>.txt` through `io.write`, empty when
 * nothing came back, so an old capture never stands in for a host that did not answer. For a
 * unit inside a container, stderr follows when the command failed: `systemctl -M` says there
 * (only) that the machine is not running.
 * systemctl's own non-zero codes (3 inactive, 4 no such unit) are normal results; a command
 * that could not start, or ssh's 255, is listed in `problems`.
 */
export function collectCaptures(input: unknown, io: CollectIo): CollectResult {
  const fleet = readFleet(input);
  checkFleetClashes(fleet);
  const targets = statusTargets(fleet);
  const problems: CollectResult['problems'] = [];
  for (const target of targets) {
    const result = io.run(target.argv, target);
    if (result.error !== undefined) problems.push({ host: target.host, unit: target.unit, reason: `${target.argv[0]} could not run: ${result.error}` });
    else if (target.argv[0] === 'ssh' && result.status === 255) problems.push({ host: target.host, unit: target.unit, reason: `ssh failed: ${result.stderr.trim().split('\n').pop() ?? ''}` });
    io.write(target.file, captured(target, result));
  }
  return { targets, problems };
}
