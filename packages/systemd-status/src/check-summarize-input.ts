/**
 * `summarize` also gets units that went through JSON (the CLI's output read back, a stored
 * result), so the fields it reads are checked like any plain-data input: a wrong type throws
 * `SystemdStatusError` naming the field instead of a TypeError or a summary that says
 * "memory undefined". Fields it does not read are left alone, so a whole unit passes.
 */
import { SystemdStatusError } from './errors.js';

type Check = (value: unknown, path: string) => void;

const text: Check = (value, path) => {
  if (value != null && typeof value !== 'string') throw new SystemdStatusError(path, value, 'a string or null');
};
const count: Check = (value, path) => {
  if (value != null && !(typeof value === 'number' && Number.isFinite(value))) throw new SystemdStatusError(path, value, 'a finite number or null');
};
const date: Check = (value, path) => {
  const ok = value == null || (value instanceof Date && !Number.isNaN(value.getTime())) || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
  if (!ok) throw new SystemdStatusError(path, value, 'a valid Date, an ISO 8601 string, or null');
};

function record(fields: Readonly<Record<string, Check>>): Check {
  return (value, path) => {
    if (value == null) return;
    if (typeof value !== 'object' || Array.isArray(value)) throw new SystemdStatusError(path, value, 'an object or null');
    for (const [key, check] of Object.entries(fields)) check((value as Record<string, unknown>)[key], `${path}.${key}`);
  };
}

const EXIT = { code: text, status: count, statusName: text, signal: text };
const SIZE = record({ raw: text, bytes: count });

const processes: Check = (value, path) => {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw new SystemdStatusError(path, value, 'an array of processes');
  const item = record({ ...EXIT, kind: text });
  // An index loop: a hole in a sparse array is an error, not skipped.
  for (let i = 0; i < value.length; i++) {
    if (!(i in value) || value[i] == null) throw new SystemdStatusError(`${path}.${i}`, value[i], 'a process object');
    item(value[i], `${path}.${i}`);
  }
};

const FIELDS: Readonly<Record<string, Check>> = {
  name: text, loadState: text, loadError: text, activeState: text, subState: text, result: text,
  mainProcess: text, statusText: text, error: text, mainPid: count, tasks: count, cpuMs: count, jobId: count,
  since: record({ raw: text, date }),
  memory: record({ raw: text, peak: SIZE, high: SIZE, max: SIZE, limit: SIZE }),
  fdStore: record({ count, limit: count }),
  mainExit: record(EXIT),
  processes,
  manager: record({ state: text, failed: text }),
};

/** Throws `SystemdStatusError` when `unit` or a field `summarize` reads has the wrong type. */
export function checkSummarizeInput(unit: unknown): void {
  if (typeof unit !== 'object' || unit === null || Array.isArray(unit)) throw new SystemdStatusError('unit', unit, 'a unit object from parseStatus or parseShow');
  for (const [key, check] of Object.entries(FIELDS)) check((unit as Record<string, unknown>)[key], `unit.${key}`);
}
