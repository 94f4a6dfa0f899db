import { parseStatus, summarize, type HealthVerdict, type SystemdUnitStatus } from '@nixkit/systemd-status';
import type { IssoDeployment, ResolvedDeployment } from './deployment.js';
import type { DeploymentMode } from './deployment-mode.js';
import { resolveDeployment } from './resolve.js';
import { chooseMode } from './choose-mode.js';
import { checkContainerHostStatus, checkNixosContainerStatus } from './check-nixos-container.js';
import { IssoDeploymentError } from './errors.js';
import { readEnum } from './read-json.js';
import { hostUnitName } from './nixos-container-spec.js';

/** What `checkStatus` concluded. */
export interface StatusCheck {
  healthy: boolean;
  /** One line for people: why it is (not) healthy. */
  reason: string;
  /** The unit the verdict is about, as printed (`podman-isso.service`), or null when none was found. */
  unit: string | null;
  /** The unit the deployment runs as. */
  expectedUnit: string;
  /** systemd's view via @nixkit/systemd-status, or `missing` when the text held no unit. */
  health: HealthVerdict['health'] | 'missing';
  /** Further observations: gunicorn's address and workers, journal problems, unread lines. */
  notes: string[];
}

/** Options of `checkStatus`. */
export interface CheckStatusOptions {
  /** Default: the description's `mode`, else `container`. */
  mode?: DeploymentMode;
  /** The description, to know the unit name and port; default: the minimal article deployment. */
  deployment?: IssoDeployment | unknown;
  /**
   * nixos-container mode: judge `container@<name>.service` on the host (`host`), `isso.service`
   * inside the machine (`inner`), or the text holding both (`both`, the default). fleet-status
   * captures the two apart. Other modes have one unit: `both` and `host` judge it.
   */
  part?: 'both' | 'host' | 'inner';
}

/** The systemd unit a deployment runs as: `podman-isso.service` for the article, `isso.service` otherwise. */
export function serviceUnitName(d: ResolvedDeployment, mode: DeploymentMode): string {
  if (mode === 'nixos-container') return hostUnitName(d);
  return mode === 'container' ? `${d.backend}-${d.containerName}.service` : 'isso.service';
}

// Journal lines that mean Isso is not serving, whatever systemd says about the process.
const JOURNAL_PROBLEMS: readonly (readonly [RegExp, string])[] = [
  [/No website\(s\) configured/, 'Isso has no [general] host and exits ("No website(s) configured")'],
  [/Worker failed to boot/, 'a gunicorn worker failed to boot (see the Python traceback in the journal)'],
  [/Traceback \(most recent call last\)/, 'Isso raised a Python exception (see the journal)'],
  [/does not exist! Exiting/, 'Isso cannot find its config file'],
  // gunicorn says "Connection in use: ('0.0.0.0', 8080)" while it retries; podman says "bind: address already in use".
  [/address already in use|Connection in use: /i, 'the port is already in use by another process'],
  [/image not known|no such image|unable to find image/i, 'the container image is not loaded'],
];

const STARTED = /Starting gunicorn|container start\b|Starting Isso|Running on http/;

/** Journal entries of the current run: those after the last start line, when there is one. */
function currentRunEntries(unit: SystemdUnitStatus): SystemdUnitStatus['journal'] {
  let start = 0;
  unit.journal.forEach((entry, index) => { if (STARTED.test(entry.message)) start = index; });
  return unit.journal.slice(start);
}

function currentRun(unit: SystemdUnitStatus): string[] {
  return currentRunEntries(unit).map((entry) => entry.message);
}

// Words of a journal line that explain why a unit stopped, such as podman's
// `Error: short-name "isso" did not resolve to an alias …`.
const CAUSE = /\b(error|fatal|failed|failure|denied|cannot|can't|unable|not found|no such|did not resolve|refused|invalid|permission)\b/i;
const MAX_CAUSE_LINES = 3;
const MAX_CAUSE_LENGTH = 300;

/** The journal lines of the current run that say what went wrong, from the service itself, not systemd. */
function causeLines(unit: SystemdUnitStatus): string[] {
  const messages = currentRunEntries(unit)
    .filter((entry) => entry.identifier !== 'systemd' && CAUSE.test(entry.message))
    .map((entry) => {
      const line = entry.message.split('\n')[0]!.trim();
      return line.length > MAX_CAUSE_LENGTH ? `${line.slice(0, MAX_CAUSE_LENGTH)}…` : line;
    });
  return [...new Set(messages)].slice(-MAX_CAUSE_LINES);
}

function sameUnit(printed: string | null, expected: string): boolean {
  return printed !== null && (printed === expected || `${printed}.service` === expected);
}

/**
 * Reads `systemctl status podman-isso.service` (or `isso.service` for the native and NixOS
 * modes) with @nixkit/systemd-status and says whether the deployment is healthy: the unit must
 * be the deployment's, active, and its journal must show no fatal Isso or gunicorn errors since
 * the last start; gunicorn must listen on the deployment's port when it says where it listens.
 * Never throws on any text; an invalid `deployment` throws `IssoDeploymentError`.
 */
export function checkStatus(text: string, options: CheckStatusOptions = {}): StatusCheck {
  const deployment = options.deployment ?? { domain: 'comments.example.org', acmeEmail: 'letsencrypt@example.org' };
  const mode = chooseMode(deployment, options.mode);
  const d = resolveDeployment(deployment, { mode });
  // Two units: the container on the host, and isso.service inside it, judged like the native one.
  const part = options.part === undefined ? 'both' : readEnum(options.part, ['part'], ['both', 'host', 'inner'] as const);
  if (mode === 'nixos-container') {
    if (part === 'host') return checkContainerHostStatus(text, d);
    const judgeInner = (inner: string) => checkStatus(inner, { mode: 'native', deployment: { ...(deployment as object), mode: 'native' } });
    return checkNixosContainerStatus(text, d, judgeInner, { innerOnly: part === 'inner' });
  }
  if (part === 'inner') throw new IssoDeploymentError(`the ${mode} mode runs no unit inside a machine; only nixos-container has one`, { path: ['part'], value: part });
  const expectedUnit = serviceUnitName(d, mode);
  const units = parseStatus(String(text));
  const unit = units.find((u) => sameUnit(u.name, expectedUnit)) ?? (units.length === 1 && units[0]!.name === null ? units[0] : undefined);
  if (unit === undefined) {
    const seen = units.map((u) => u.name).filter((name): name is string => name !== null);
    const reason = seen.length > 0
      ? `the status is for ${seen.join(', ')}, not ${expectedUnit}; run: systemctl status ${expectedUnit}`
      : `no unit status found in the input; run: systemctl status ${expectedUnit}`;
    return { healthy: false, reason, unit: null, expectedUnit, health: 'missing', notes: [] };
  }
  const verdict = summarize(unit);
  const notes: string[] = [];
  const problems: string[] = [];
  const run = currentRun(unit);
  for (const [pattern, problem] of JOURNAL_PROBLEMS) {
    if (run.some((message) => pattern.test(message)) && !problems.includes(problem)) problems.push(problem);
  }
  const listening = run.map((message) => /Listening at: (\S+)/.exec(message)?.[1]).filter((url): url is string => url !== undefined).pop();
  if (listening !== undefined) {
    notes.push(`gunicorn listens at ${listening}`);
    const port = /:(\d+)(?:\s|\)|$)/.exec(listening)?.[1];
    // Without a description the port nginx proxies to is unknown, so no port is claimed.
    if (options.deployment !== undefined && port !== undefined && Number(port) !== d.port) problems.push(`gunicorn listens on port ${port}, but nginx proxies to ${d.port}`);
  }
  const workers = run.filter((message) => /Booting worker with pid/.test(message)).length;
  if (workers > 0) notes.push(`${workers} gunicorn worker${workers === 1 ? '' : 's'} booted`);
  const worker = run.map((message) => /Using worker: (\S+)/.exec(message)?.[1]).filter((w): w is string => w !== undefined).pop();
  if (worker !== undefined) notes.push(`worker class ${worker}`);
  if (unit.diagnostics.length > 0) notes.push(`${unit.diagnostics.length} line(s) of the status could not be read`);
  if (unit.truncated.length > 0) notes.push(`cut-off fields: ${unit.truncated.join(', ')} (use systemctl status -l --no-pager for full lines)`);
  const name = unit.name ?? expectedUnit;
  if (verdict.health !== 'running') {
    const why = 'reason' in verdict && verdict.reason !== null && verdict.reason !== verdict.health ? `: ${verdict.reason}` : '';
    const causes = causeLines(unit);
    const journal = causes.length > 0 ? `; the journal says: ${causes.join(' | ')}` : '';
    return { healthy: false, reason: `${name} is ${verdict.health}${why}${problems.length > 0 ? `; ${problems.join('; ')}` : ''}${journal}`, unit: unit.name, expectedUnit, health: verdict.health, notes };
  }
  if (problems.length > 0) {
    return { healthy: false, reason: `${name} is running, but ${problems.join('; ')}`, unit: unit.name, expectedUnit, health: verdict.health, notes };
  }
  // systemd-status counts "1 tasks"; say it the way people do.
  return { healthy: true, reason: verdict.summary.replace(/(^|[^\d])1 tasks\b/, '$11 task'), unit: unit.name, expectedUnit, health: verdict.health, notes };
}
