import { parseStatus, summarize, type SystemdUnitStatus } from '@nixkit/systemd-status';
import type { ResolvedDeployment } from './deployment.js';
import type { StatusCheck } from './check-status.js';
import { INNER_UNIT, hostUnitName } from './nixos-container-spec.js';

// The nixos-container mode runs as two units: `container@<name>.service` on the host (the
// systemd-nspawn supervisor, read with `systemctl status container@<name>`) and `isso.service`
// inside the container (read with `systemctl -M <name> status isso`). Both outputs can arrive in
// one text; each is judged by what it says.

// systemd-nspawn's own messages, from systemd's src/nspawn/nspawn-register.c
// @ 8d222758396e4d7a1470adf7d294ed7b7e7af7af ("Failed to register machine: %s", "Failed to
// allocate scope: %s") and src/nspawn/nspawn.c @ bd546b9b48e575dbea37ac9c7cf5e79985712e54
// ("Spawning container %s on %s.", "Container %s failed with error code %i.",
// STATUS=Container running.); "Failed to stat %s: %m" is its message for a missing bind source
// (src/nspawn/nspawn-mount.c, mount_bind).
const HOST_PROBLEMS: readonly (readonly [RegExp, (match: RegExpExecArray) => string])[] = [
  [/Failed to register machine: (.*)/, (m) => `systemd-nspawn could not register the machine with systemd-machined (${m[1]!.trim()})`],
  [/Failed to allocate scope: (.*)/, (m) => `systemd-nspawn could not allocate the machine's scope (${m[1]!.trim()})`],
  [/Failed to stat (\/\S*?): No such file or directory/, (m) => `a bind-mounted host path is missing: ${m[1]} (create it, or check bindMounts)`],
  [/Container (\S+) failed with error code (\d+)/, (m) => `the container ${m[1]} stopped with error code ${m[2]}`],
];
const SPAWNED = /Spawning container (\S+) on /;
// `systemctl -M <name>` when the machine is not running (or not registered under that name).
const MACHINE_UNREACHABLE = /No machine '([^']*)' known|Failed to connect to .*bus.*: (?:Host is down|No such device or address|Connection refused|No route to host)/;

// systemctl's message where systemd is not PID 1, which also ends in "Failed to connect to bus: Host is down".
const NO_SYSTEMD = /System has not been booted with systemd as init system/;

function named(units: readonly SystemdUnitStatus[], expected: string): SystemdUnitStatus | undefined {
  return units.find((u) => u.name === expected || (u.name !== null && `${u.name}.service` === expected));
}

/** What the host unit's status says: systemd's verdict, the machine's registration, nspawn's errors. */
function judgeHost(unit: SystemdUnitStatus, name: string): { problems: string[]; notes: string[]; running: boolean; reason: string } {
  const verdict = summarize(unit);
  const messages = unit.journal.map((entry) => entry.message);
  let start = 0;
  messages.forEach((message, index) => { if (SPAWNED.test(message)) start = index; });
  const run = messages.slice(start);
  const problems: string[] = [];
  const notes: string[] = [];
  for (const message of run) {
    for (const [pattern, describe] of HOST_PROBLEMS) {
      const match = pattern.exec(message);
      if (match !== null) {
        const problem = describe(match);
        if (!problems.includes(problem)) problems.push(problem);
      }
    }
  }
  const spawned = run.map((message) => SPAWNED.exec(message)?.[1]).filter((m): m is string => m !== undefined).pop();
  if (spawned !== undefined) {
    const machine = spawned.replace(/\.$/, '');
    if (machine !== name) problems.push(`systemd-nspawn started the machine ${machine}, not ${name}`);
    else notes.push(`systemd-nspawn spawned the machine ${machine}`);
  }
  // nspawn reports "Container running." once the machine is registered and its init runs, and
  // adds the container's own "Startup finished in …" when the container's systemd is ready.
  if (unit.statusText !== null) {
    if (/^Container running\b/.test(unit.statusText)) notes.push(`machine ${name} is registered and running (${unit.statusText})`);
    else notes.push(`systemd-nspawn says: ${unit.statusText}`);
  }
  const running = verdict.health === 'running';
  const why = 'reason' in verdict && verdict.reason !== null ? verdict.reason : verdict.health;
  return { problems, notes, running, reason: running ? verdict.summary : `${unit.name ?? name} is ${verdict.health}: ${why}` };
}

/** `systemctl -M <name>`'s complaint that it cannot reach the machine (or systemd), or null. */
export function machineUnreachable(text: string, name: string): string | null {
  const value = String(text);
  if (NO_SYSTEMD.test(value)) return 'systemctl ran on a system not booted with systemd; run the commands on the NixOS host';
  const unreachable = MACHINE_UNREACHABLE.exec(value);
  return unreachable === null ? null : `systemctl -M ${name} could not reach the machine (${unreachable[0]}): the container is not running`;
}

/**
 * Judges `systemctl status container@<name>` alone, the host side of the container: systemd's
 * verdict, the machine's name and registration, and systemd-nspawn's own errors. Healthy means
 * the machine runs, not that Isso inside it does (judge `isso.service` inside for that).
 */
export function checkContainerHostStatus(text: string, d: ResolvedDeployment): StatusCheck {
  const hostUnit = hostUnitName(d);
  const name = d.nixosContainer.name;
  const host = named(parseStatus(String(text)), hostUnit);
  if (host === undefined) {
    return { healthy: false, reason: `no status of ${hostUnit} found in the input; run: systemctl status ${hostUnit}`, unit: null, expectedUnit: hostUnit, health: 'missing', notes: [] };
  }
  const judged = judgeHost(host, name);
  const health = summarize(host).health;
  const shown = host.name ?? hostUnit;
  if (!judged.running) return { healthy: false, reason: [judged.reason, ...judged.problems].join('; '), unit: host.name, expectedUnit: hostUnit, health, notes: judged.notes };
  if (judged.problems.length > 0) return { healthy: false, reason: `${shown} is running, but ${judged.problems.join('; ')}`, unit: host.name, expectedUnit: hostUnit, health, notes: judged.notes };
  return { healthy: true, reason: `${shown} runs the machine ${name}: ${judged.reason}`, unit: host.name, expectedUnit: hostUnit, health, notes: judged.notes };
}

/**
 * Judges `systemctl status container@<name>` and `systemctl -M <name> status isso` (either or
 * both, in one text; with `innerOnly`, the inner status alone, the host unit being judged apart). `judgeInner` judges the inner `isso.service` the way a plain isso.service is
 * judged (active, journal, gunicorn's port and workers); on top, gunicorn must listen on the
 * container's address, where nginx proxies to. The verdict is healthy only when the inner
 * service is shown running: a running container says nothing yet about Isso inside it.
 */
export function checkNixosContainerStatus(text: string, d: ResolvedDeployment, judgeInner: (text: string) => StatusCheck, options: { innerOnly?: boolean } = {}): StatusCheck {
  const hostUnit = hostUnitName(d);
  const name = d.nixosContainer.name;
  const innerOnly = options.innerOnly === true;
  const commands = innerOnly ? `systemctl -M ${name} status isso` : `systemctl status ${hostUnit}; systemctl -M ${name} status isso`;
  const units = parseStatus(String(text));
  // With innerOnly, a host unit in the text is not what was asked for: the text is judged as inner.
  const host = innerOnly ? undefined : named(units, hostUnit);
  const inner = named(units, INNER_UNIT);
  const unreachable = MACHINE_UNREACHABLE.exec(String(text));
  const notes: string[] = [];
  const problems: string[] = [];
  let hostReason: string | null = null;
  let hostHealth: StatusCheck['health'] = 'missing';
  if (host !== undefined) {
    const judged = judgeHost(host, name);
    notes.push(...judged.notes);
    problems.push(...judged.problems);
    hostHealth = summarize(host).health;
    if (!judged.running) hostReason = judged.reason;
  }
  if (NO_SYSTEMD.test(String(text))) problems.push('systemctl ran on a system not booted with systemd; run the commands on the NixOS host');
  else if (unreachable !== null) problems.push(`systemctl -M ${name} could not reach the machine (${unreachable[0]}): the container is not running`);
  if (host !== undefined && hostReason !== null) {
    const reason = problems.length > 0 ? `${hostReason}; ${problems.join('; ')}` : hostReason;
    return { healthy: false, reason, unit: host.name, expectedUnit: hostUnit, health: hostHealth, notes };
  }
  if (host !== undefined && inner === undefined && problems.length > 0) {
    return { healthy: false, reason: `${host.name ?? hostUnit} is running, but ${problems.join('; ')}`, unit: host.name, expectedUnit: hostUnit, health: hostHealth, notes };
  }
  if (inner === undefined) {
    const seen = units.map((u) => u.name).filter((unit): unit is string => unit !== null);
    const reason = host !== undefined
      ? `${host.name ?? hostUnit} is running, but the status of isso.service inside it is missing; run: systemctl -M ${name} status isso`
      : problems.length > 0
        ? problems.join('; ')
        : seen.length > 0
          ? `the status is for ${seen.join(', ')}, not ${innerOnly ? '' : `${hostUnit} or `}isso.service; run: ${commands}`
          : `no unit status found in the input; run: ${commands}`;
    return { healthy: false, reason, unit: host?.name ?? null, expectedUnit: hostUnit, health: host === undefined ? 'missing' : hostHealth, notes };
  }
  const judged = judgeInner(text);
  const listening = judged.notes.map((note) => /^gunicorn listens at \w+:\/\/(\[[^\]]*\]|[^:/]+):/.exec(note)?.[1]).filter((a): a is string => a !== undefined).pop();
  if (listening !== undefined && listening !== d.nixosContainer.localAddress && listening !== '0.0.0.0') {
    problems.push(`gunicorn listens on ${listening}, but nginx proxies to the container's address ${d.nixosContainer.localAddress}`);
  }
  if (host === undefined && !innerOnly) notes.push(`${hostUnit} was not in the input; the inner status shows the machine runs (for the host side: systemctl status ${hostUnit})`);
  const allNotes = [...notes, ...judged.notes];
  if (!judged.healthy) {
    return { ...judged, reason: [judged.reason, ...problems].join('; '), notes: allNotes, expectedUnit: hostUnit };
  }
  if (problems.length > 0) {
    return { ...judged, healthy: false, reason: `${judged.unit ?? INNER_UNIT} is running, but ${problems.join('; ')}`, notes: allNotes, expectedUnit: hostUnit };
  }
  return { ...judged, reason: host === undefined ? judged.reason : `${host.name ?? hostUnit} runs the machine ${name}; ${judged.reason}`, notes: allNotes, expectedUnit: hostUnit };
}
