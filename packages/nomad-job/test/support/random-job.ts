import { HOSTILE_FRAGMENTS, hostileString, intBetween, pick } from '../../../../tools/test-helpers/index.js';
import type { Constraint, DriverConfigValue, NomadJob, Port, Service, Task, TaskGroup, Template } from '../../src/index.js';

// Random valid jobs whose every free-text field is hostile: HCL template openers, escapes,
// control characters, non-ASCII and astral characters. Fields Nomad restricts (service names,
// identifiers, enums) get random valid values.

export const HCL_FRAGMENTS: readonly string[] = [
  ...HOSTILE_FRAGMENTS, '%{', '$${', '%%{', '$$', '%%', '${', '\u0001', '\u001f', '\u007f', '\u0085', '\ufeff', '\\u0041', '\\n', '<<EOF', '#', '//', '/*', '~}',
];

type R = () => number;

const text = (r: R, max = 8): string => hostileString(r, max, HCL_FRAGMENTS);
const nonEmpty = (r: R, max = 6): string => {
  const s = text(r, max);
  return s === '' ? 'x' : s;
};
// HCL keywords are plain attribute names inside a block; they must stay keys, not values.
const ident = (r: R): string =>
  r() < 0.2 ? pick(r, ['null', 'true', 'false', 'for', 'in', 'if', 'endfor', '_']) : pick(r, ['A', 'b_', '_c', 'null', 'true', 'for', 'x-y', 'Z9']) + String(intBetween(r, 0, 99));
const dnsLabel = (r: R): string => pick(r, ['isso', 'web', 'a', 'x9', 'api-1']) + String(intBetween(r, 0, 9));
const maybe = <T>(r: R, make: () => T): T | undefined => (r() < 0.5 ? make() : undefined);
const duration = (r: R, min = 0): number => min + pick(r, [0, 1, 999, 1_000_000, 1_500_000_000, 60_000_000_000, 3_723_000_000_001, intBetween(r, 0, 2 ** 40)]);
const list = <T>(r: R, max: number, make: (i: number) => T): T[] => Array.from({ length: intBetween(r, 0, max) }, (_, i) => make(i));

function unique(r: R, n: number, make: () => string, refuse: (s: string) => boolean = () => false): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < n && tries < 1000; tries++) {
    const s = make();
    if (!refuse(s)) out.add(s);
  }
  return [...out];
}

function strMap(r: R, key: () => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = intBetween(r, 0, 3); i > 0; i--) out[key()] = text(r);
  return out;
}

function assign<T extends object>(target: T, key: keyof T, value: T[keyof T] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function constraint(r: R): Constraint {
  const c: Constraint = {};
  assign(c, 'attribute', maybe(r, () => text(r)));
  assign(c, 'operator', maybe(r, () => pick(r, ['=', '!=', 'regexp', 'distinct_hosts', 'set_contains', '>='])));
  assign(c, 'value', maybe(r, () => text(r)));
  return c;
}

function service(r: R, labels: readonly string[]): Service {
  const s: Service = { name: dnsLabel(r) };
  const port = labels.length > 0 && r() < 0.8 ? pick(r, labels) : undefined;
  assign(s, 'port', port);
  assign(s, 'provider', maybe(r, () => pick(r, ['consul', 'nomad'] as const)));
  assign(s, 'tags', maybe(r, () => list(r, 3, () => text(r))));
  if (r() < 0.7) {
    s.checks = list(r, 2, () => {
      const type = port === undefined ? 'script' : pick(r, ['http', 'tcp', 'script'] as const);
      const c: NonNullable<Service['checks']>[number] = { type, interval: duration(r, 1_000_000_000), timeout: duration(r, 1_000_000_000) };
      assign(c, 'name', maybe(r, () => text(r)));
      if (type === 'http') {
        c.path = `/${text(r)}`;
        assign(c, 'method', maybe(r, () => pick(r, ['GET', 'HEAD'])));
        assign(c, 'protocol', maybe(r, () => pick(r, ['http', 'https'] as const)));
      }
      if (type === 'script') {
        c.command = nonEmpty(r);
        assign(c, 'args', maybe(r, () => list(r, 3, () => text(r))));
      }
      if (labels.length > 0 && r() < 0.3) c.port = pick(r, labels);
      return c;
    });
  }
  return s;
}

function configValue(r: R): DriverConfigValue {
  const scalar = (): string | number | boolean => pick(r, [() => text(r), () => intBetween(r, 0, 2 ** 31), () => r() < 0.5, () => pick(r, [0.5, 1e21, 3.25, 65535])])();
  return r() < 0.3 ? list(r, 3, scalar) : scalar();
}

function template(r: R): Template {
  const t: Template = { destination: nonEmpty(r) };
  if (r() < 0.7) t.data = text(r, 12);
  else t.source = nonEmpty(r);
  assign(t, 'env', maybe(r, () => r() < 0.5));
  assign(t, 'changeMode', maybe(r, () => pick(r, ['restart', 'noop', 'script'] as const)));
  assign(t, 'perms', maybe(r, () => pick(r, ['0600', '644', '0400'])));
  assign(t, 'splay', maybe(r, () => duration(r)));
  assign(t, 'errorOnMissingKey', maybe(r, () => r() < 0.5));
  assign(t, 'leftDelimiter', maybe(r, () => nonEmpty(r, 2)));
  assign(t, 'rightDelimiter', maybe(r, () => nonEmpty(r, 2)));
  return t;
}

function task(r: R, name: string, labels: readonly string[], volumes: readonly string[]): Task {
  const t: Task = { name, driver: pick(r, ['podman', 'docker', 'exec', 'raw_exec']) };
  assign(t, 'user', maybe(r, () => nonEmpty(r)));
  if (r() < 0.8) {
    const config: Record<string, DriverConfigValue> = {};
    for (let i = intBetween(r, 0, 4); i > 0; i--) config[ident(r)] = configValue(r);
    if (labels.length > 0 && r() < 0.5) config.ports = [pick(r, labels)];
    t.config = config;
  }
  assign(t, 'env', maybe(r, () => strMap(r, () => pick(r, ['A', 'PATH', '_x', 'ISSO_SMTP_PASSWORD', 'null', 'true']) + String(intBetween(r, 0, 9)))));
  assign(t, 'services', maybe(r, () => list(r, 2, () => service(r, labels))));
  assign(t, 'resources', maybe(r, () => {
    const memory = intBetween(r, 10, 4096);
    const res: NonNullable<Task['resources']> = { cpu: intBetween(r, 1, 4000), memory };
    assign(res, 'memoryMax', maybe(r, () => memory + intBetween(r, 0, 1000)));
    return res;
  }));
  assign(t, 'restart', maybe(r, () => {
    const attempts = intBetween(r, 1, 10);
    const delay = duration(r);
    return { attempts, interval: Math.max(5_000_000_000, attempts * delay + duration(r)), delay, mode: pick(r, ['fail', 'delay'] as const) };
  }));
  assign(t, 'templates', maybe(r, () => list(r, 2, () => template(r))));
  if (volumes.length > 0 && r() < 0.7) t.volumeMounts = [{ volume: pick(r, volumes), destination: nonEmpty(r), readOnly: r() < 0.5 }];
  assign(t, 'constraints', maybe(r, () => list(r, 2, () => constraint(r))));
  assign(t, 'meta', maybe(r, () => strMap(r, () => ident(r))));
  assign(t, 'killTimeout', maybe(r, () => duration(r)));
  assign(t, 'killSignal', maybe(r, () => pick(r, ['SIGTERM', 'SIGINT', 'SIGRTMIN+3'])));
  return t;
}

function group(r: R, name: string): TaskGroup {
  const labels = unique(r, intBetween(r, 0, 3), () => nonEmpty(r, 4));
  const volumeNames = unique(r, intBetween(r, 0, 2), () => nonEmpty(r, 4));
  const taskNames = unique(r, intBetween(r, 1, 3), () => nonEmpty(r, 4), (s) => s === 'alloc' || /[/\\]/.test(s));
  const g: TaskGroup = { name, tasks: taskNames.map((n) => task(r, n, labels, volumeNames)) };
  assign(g, 'count', maybe(r, () => intBetween(r, 0, 5)));
  assign(g, 'constraints', maybe(r, () => list(r, 2, () => constraint(r))));
  if (labels.length > 0) {
    let statics = 20000;
    const ports: Port[] = labels.map((label) => {
      const p: Port = { label };
      if (r() < 0.5) p.static = statics++;
      assign(p, 'to', maybe(r, () => intBetween(r, -1, 65535)));
      assign(p, 'hostNetwork', maybe(r, () => nonEmpty(r, 3)));
      return p;
    });
    const n: NonNullable<TaskGroup['networks']>[number] = { ports };
    assign(n, 'mode', maybe(r, () => pick(r, ['host', 'bridge'])));
    g.networks = [n];
  }
  assign(g, 'services', maybe(r, () => list(r, 2, () => service(r, labels))));
  if (volumeNames.length > 0) {
    g.volumes = {};
    for (const v of volumeNames) g.volumes[v] = { type: pick(r, ['host', 'csi'] as const), source: nonEmpty(r), readOnly: r() < 0.5 };
  }
  assign(g, 'restart', maybe(r, () => ({ attempts: intBetween(r, 1, 5), delay: duration(r) })));
  assign(g, 'reschedule', maybe(r, () => ({ attempts: intBetween(r, 0, 5), interval: duration(r), delayFunction: pick(r, ['constant', 'exponential', 'fibonacci'] as const), maxDelay: duration(r), unlimited: r() < 0.5 })));
  assign(g, 'update', maybe(r, () => ({ maxParallel: intBetween(r, 0, 3), healthCheck: pick(r, ['checks', 'task_states', 'manual'] as const), minHealthyTime: duration(r), autoRevert: r() < 0.5, canary: intBetween(r, 0, 2) })));
  assign(g, 'meta', maybe(r, () => strMap(r, () => ident(r))));
  return g;
}

/** A random job that validateJob accepts, with hostile text in every free-text field. */
export function randomJob(r: R): NomadJob {
  const id = nonEmpty(r).replace(/ /g, '_');
  const job: NomadJob = { id, groups: unique(r, intBetween(r, 1, 3), () => nonEmpty(r, 4)).map((n) => group(r, n)) };
  assign(job, 'name', maybe(r, () => nonEmpty(r)));
  assign(job, 'type', maybe(r, () => pick(r, ['service', 'batch', 'sysbatch'] as const)));
  assign(job, 'region', maybe(r, () => nonEmpty(r)));
  assign(job, 'namespace', maybe(r, () => pick(r, ['default', 'prod-1'])));
  assign(job, 'datacenters', maybe(r, () => list(r, 3, () => nonEmpty(r))));
  assign(job, 'nodePool', maybe(r, () => nonEmpty(r)));
  assign(job, 'priority', maybe(r, () => intBetween(r, 1, 100)));
  assign(job, 'constraints', maybe(r, () => list(r, 2, () => constraint(r))));
  assign(job, 'update', maybe(r, () => ({ stagger: duration(r, 1), maxParallel: 1, progressDeadline: duration(r), autoPromote: false })));
  assign(job, 'meta', maybe(r, () => strMap(r, () => ident(r))));
  return job;
}

/** Every string in a value, keys included, in a stable order (for "every string comes back"). */
export function allStrings(value: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) stack.push(...v);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        out.push(k);
        stack.push(x);
      }
    }
  }
  return out.sort();
}
