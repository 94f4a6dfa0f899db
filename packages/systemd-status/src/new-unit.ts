import type { SystemdUnitStatus } from './types.js';

/** A unit with every field empty, filled in as its lines are read. */
export function newUnit(line: number): SystemdUnitStatus {
  return {
    line, glyph: null, glyphState: null, name: null, description: null, follows: null,
    loadState: null, loadError: null, unitFilePath: null, unitFileState: null, preset: null,
    transient: false, dropIns: [], activeState: null, subState: null, freezerState: null,
    result: null, since: null, until: null, duration: null, invocation: null, invocationId: null,
    triggeredBy: [], job: null, jobId: null, trigger: null, triggers: [], condition: null, assert: null, device: null,
    where: null, what: null, docs: [], listen: [], accepted: null, processes: [], mainPid: null,
    mainProcess: null, mainExit: null, controlPid: null, controlProcess: null, statusText: null,
    error: null, statusError: null, activeUnits: null, ip: null, io: null, tasks: null, tasksLimit: null, fdStore: null, memory: null,
    memPeak: null, cpu: null, cpuMs: null, cgroup: null, cgroupTree: [], journal: [], warnings: [],
    changedOnDisk: false, manager: null, truncated: [], diagnostics: [],
  };
}
