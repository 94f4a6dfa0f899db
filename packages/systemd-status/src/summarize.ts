import { checkSummarizeInput } from './check-summarize-input.js';
import { describeMemory } from './describe-memory.js';
import type { ExitStatus, HealthVerdict, ManagerStatus, SystemdUnitStatus, UnitStateFields } from './types.js';

const BROKEN_LOAD = new Set(['not-found', 'bad-setting', 'error']);
const RESTART_SUBSTATES = new Set(['auto-restart', 'auto-restart-queued', 'dead-before-auto-restart', 'failed-before-auto-restart']);
const RUNNING = new Set(['active', 'reloading', 'refreshing']);

/** The fields `summarize` reads; both `SystemdUnitStatus` and `SystemdUnitShow` have them. */
export type SummarizeInput = Partial<Pick<UnitStateFields,
  'name' | 'loadState' | 'loadError' | 'activeState' | 'subState' | 'result' | 'since' | 'mainPid' |
  'mainProcess' | 'mainExit' | 'tasks' | 'memory' | 'cpuMs' | 'processes' | 'statusText'>> &
  Partial<Pick<SystemdUnitStatus, 'jobId' | 'fdStore' | 'error'>> & {
  manager?: ManagerStatus | null;
};

/**
 * Decides a unit's health from a `parseStatus` or `parseShow` result: `running` (active,
 * reloading, refreshing), `failed` with a reason (failed state, a non-success result, or a unit that could
 * not be loaded), `restarting` (waiting for an automatic restart), `starting`, `stopping`,
 * `inactive`, or `unknown` when no state was read. `summary` is one line for people. Accepts
 * units read back from JSON (dates as ISO strings); throws `SystemdStatusError` naming the field
 * when `unit`, or a field it reads, has the wrong type.
 */
export function summarize(unit: SummarizeInput): HealthVerdict {
  checkSummarizeInput(unit);
  const name = typeof unit?.name === 'string' ? unit.name : null;
  const label = name ?? 'unit';
  const state = describeState(unit);
  const facts = describeFacts(unit);
  const line = (verdict: string): string => `${label}: ${verdict}${state ? ` — ${state}` : ''}${facts}`;
  const failure = failureReason(unit);
  if (unit?.loadState && BROKEN_LOAD.has(unit.loadState)) {
    const reason = `unit ${unit.loadState}${unit.loadError ? ` (${unit.loadError})` : ''}`;
    return { health: 'failed', unit: name, reason, summary: line(`failed: ${reason}`) };
  }
  if (unit?.manager && !unit.activeState) return summarizeManager(name, unit.manager, line);
  const active = unit?.activeState ?? null;
  if (active === 'activating' && unit.subState && RESTART_SUBSTATES.has(unit.subState)) {
    return { health: 'restarting', unit: name, reason: failure, summary: line(`restarting${failure ? ` after ${failure}` : ''}`) };
  }
  if (active === 'failed' || (active === 'inactive' && unit.result)) {
    const reason = failure ?? 'failed';
    return { health: 'failed', unit: name, reason, summary: line(`failed: ${reason}`) };
  }
  // `refreshing` (v257+): the unit is up while its mount namespace is being refreshed.
  if (active !== null && RUNNING.has(active)) return { health: 'running', unit: name, summary: line(active === 'refreshing' ? 'running, refreshing' : 'running') };
  if (active === 'activating') return { health: 'starting', unit: name, summary: line('starting') };
  if (active === 'deactivating') return { health: 'stopping', unit: name, summary: line('stopping') };
  if (active === 'inactive' || active === 'maintenance') {
    return { health: 'inactive', unit: name, summary: line(unit.loadState === 'masked' ? 'inactive (masked)' : 'inactive') };
  }
  return { health: 'unknown', unit: name, summary: line('unknown') };
}

/** The manager block (`systemctl status` without a unit): `State:` decides. */
function summarizeManager(name: string | null, manager: ManagerStatus, line: (verdict: string) => string): HealthVerdict {
  const state = manager.state;
  if (state === 'running') return { health: 'running', unit: name, summary: line('running') };
  if (state === 'degraded' || state === 'maintenance') {
    const reason = `system ${state}${manager.failed ? ` (${manager.failed} failed)` : ''}`;
    return { health: 'failed', unit: name, reason, summary: line(`failed: ${reason}`) };
  }
  if (state === 'initializing' || state === 'starting') return { health: 'starting', unit: name, summary: line('starting') };
  if (state === 'stopping') return { health: 'stopping', unit: name, summary: line('stopping') };
  return { health: 'unknown', unit: name, summary: line('unknown') };
}

function describeState(unit: SummarizeInput): string {
  if (!unit?.activeState) return '';
  const sub = unit.subState && unit.subState !== unit.activeState ? ` (${unit.subState})` : '';
  // A unit read back from JSON holds the date as its ISO string.
  const since = unit.since ? ` since ${unit.since.date ? new Date(unit.since.date).toISOString() : unit.since.raw}` : '';
  return `${unit.activeState}${sub}${since}`;
}

function describeFacts(unit: SummarizeInput): string {
  const facts: string[] = [];
  if (unit?.mainPid != null) facts.push(`main PID ${unit.mainPid}${unit.mainProcess ? ` (${unit.mainProcess})` : ''}`);
  if (unit?.jobId != null) facts.push(`job ${unit.jobId} in progress`);
  if (unit?.tasks != null) facts.push(`${unit.tasks} tasks`);
  if (unit?.memory) facts.push(describeMemory(unit.memory));
  const fdStore = unit?.fdStore;
  if (fdStore && fdStore.count != null && fdStore.limit != null && fdStore.limit > 0 && fdStore.count >= fdStore.limit) {
    facts.push(`FD store full (${fdStore.count} of ${fdStore.limit})`);
  }
  if (unit?.cpuMs != null) facts.push(`CPU ${unit.cpuMs} ms`);
  if (unit?.statusText) facts.push(`status "${unit.statusText}"`);
  if (unit?.error) facts.push(`error ${unit.error}`);
  return facts.length > 0 ? `; ${facts.join(', ')}` : '';
}

/** `exit-code: ExecStart exited with status 1/FAILURE`, from the result and the failed process. */
function failureReason(unit: SummarizeInput): string | null {
  const result = unit?.result ?? null;
  let detail: string | null = null;
  if (unit?.mainExit && isFailure(unit.mainExit)) detail = `main process ${describeExit(unit.mainExit)}`;
  const processes = Array.isArray(unit?.processes) ? unit.processes : [];
  for (let i = processes.length - 1; detail === null && i >= 0; i--) {
    const process = processes[i];
    if (process && isFailure(process)) detail = `${process.kind ?? 'process'} ${describeExit(process)}`;
  }
  if (result && detail) return `${result}: ${detail}`;
  return result ?? detail;
}

function isFailure(exit: ExitStatus): boolean {
  return exit.signal !== null || (exit.status !== null && exit.status !== 0);
}

function describeExit(exit: ExitStatus): string {
  if (exit.signal !== null) return `${exit.code === 'dumped' ? 'dumped core on' : 'killed by'} signal ${exit.signal}`;
  return `exited with status ${exit.status}${exit.statusName ? `/${exit.statusName}` : ''}`;
}
