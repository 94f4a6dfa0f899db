import type { Constraint, Network, NomadJob, ReschedulePolicy, RestartPolicy, Resources, Service, Task, TaskGroup, Template, UpdatePolicy } from './model.js';
import { validateJob } from './validate-job.js';

// The API's JSON (api/jobs.go, api/tasks.go, api/resources.go, api/services.go at
// hashicorp/nomad@aa026cc99cfb74a77e519a1c1f0c78ba1b452705): Go field names as keys (the structs
// have no json tags), durations as integer nanoseconds, absent fields left out (Go decodes them
// as zero or nil, as jobspec2 leaves them).

/** A JSON value as `JSON.stringify` writes it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

/** Sets `out[key]` when `value` is defined; keeps the Go field order readable. */
function put(out: JsonObject, key: string, value: JsonValue | undefined): void {
  if (value !== undefined) out[key] = value;
}

/** A list of blocks: none written in HCL is nil in jobspec2, so an empty list is left out too. */
function blocks<T>(list: T[] | undefined, each: (item: T) => JsonValue): JsonValue[] | undefined {
  return list === undefined || list.length === 0 ? undefined : list.map(each);
}

function stringMap(map: Record<string, string> | undefined): JsonObject | undefined {
  if (map === undefined) return undefined;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(map)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

function constraints(list: Constraint[] | undefined): JsonValue | undefined {
  // jobspec2's decodeConstraint defaults the operand to "=".
  return blocks(list, (c) => ({ LTarget: c.attribute ?? '', RTarget: c.value ?? '', Operand: c.operator ?? '=' }));
}

function restart(r: RestartPolicy | undefined): JsonObject | undefined {
  if (r === undefined) return undefined;
  const out: JsonObject = {};
  put(out, 'Interval', r.interval as number | undefined);
  put(out, 'Attempts', r.attempts);
  put(out, 'Delay', r.delay as number | undefined);
  put(out, 'Mode', r.mode);
  return out;
}

function reschedule(r: ReschedulePolicy | undefined): JsonObject | undefined {
  if (r === undefined) return undefined;
  const out: JsonObject = {};
  put(out, 'Attempts', r.attempts);
  put(out, 'Interval', r.interval as number | undefined);
  put(out, 'Delay', r.delay as number | undefined);
  put(out, 'DelayFunction', r.delayFunction);
  put(out, 'MaxDelay', r.maxDelay as number | undefined);
  put(out, 'Unlimited', r.unlimited);
  return out;
}

function update(u: UpdatePolicy | undefined): JsonObject | undefined {
  if (u === undefined) return undefined;
  const out: JsonObject = {};
  put(out, 'Stagger', u.stagger as number | undefined);
  put(out, 'MaxParallel', u.maxParallel);
  put(out, 'HealthCheck', u.healthCheck);
  put(out, 'MinHealthyTime', u.minHealthyTime as number | undefined);
  put(out, 'HealthyDeadline', u.healthyDeadline as number | undefined);
  put(out, 'ProgressDeadline', u.progressDeadline as number | undefined);
  put(out, 'Canary', u.canary);
  put(out, 'AutoRevert', u.autoRevert);
  put(out, 'AutoPromote', u.autoPromote);
  return out;
}

function services(list: Service[] | undefined): JsonValue | undefined {
  return blocks(list, (s) => {
    const out: JsonObject = { Name: s.name };
    put(out, 'Tags', s.tags);
    put(out, 'PortLabel', s.port);
    put(out, 'Checks', blocks(s.checks, (c) => {
      const check: JsonObject = {};
      put(check, 'Name', c.name);
      check.Type = c.type;
      put(check, 'Command', c.command);
      put(check, 'Args', c.args);
      put(check, 'Path', c.path);
      put(check, 'Protocol', c.protocol);
      put(check, 'PortLabel', c.port);
      check.Interval = c.interval as number;
      check.Timeout = c.timeout as number;
      put(check, 'Method', c.method);
      return check;
    }));
    put(out, 'Provider', s.provider);
    return out;
  });
}

function networks(list: Network[] | undefined): JsonValue | undefined {
  // jobspec2 reads every `port` block as a DynamicPort and moves those with a static value to
  // ReservedPorts (normalizeNetworkPorts in jobspec2/parse_job.go).
  return blocks(list, (n) => {
    const out: JsonObject = {};
    put(out, 'Mode', n.mode);
    const port = (p: NonNullable<Network['ports']>[number]): JsonObject => {
      const o: JsonObject = { Label: p.label };
      put(o, 'Value', p.static);
      put(o, 'To', p.to);
      put(o, 'HostNetwork', p.hostNetwork);
      return o;
    };
    const reserved = (n.ports ?? []).filter((p) => p.static !== undefined && p.static > 0);
    const dynamic = (n.ports ?? []).filter((p) => !(p.static !== undefined && p.static > 0));
    if (reserved.length > 0) out.ReservedPorts = reserved.map(port);
    if (dynamic.length > 0) out.DynamicPorts = dynamic.map(port);
    return out;
  });
}

function resources(r: Resources | undefined): JsonObject | undefined {
  if (r === undefined) return undefined;
  const out: JsonObject = {};
  put(out, 'CPU', r.cpu);
  put(out, 'Cores', r.cores);
  put(out, 'MemoryMB', r.memory);
  put(out, 'MemoryMaxMB', r.memoryMax);
  return out;
}

/** jobspec2's normalizeTemplates fills these; the JSON states them so both forms mean the same. */
const TEMPLATE_DEFAULTS = { changeMode: 'restart', perms: '0644', splayNs: 5_000_000_000, errorOnMissingKey: false } as const;

function templates(list: Template[] | undefined): JsonValue | undefined {
  return blocks(list, (t) => {
    const out: JsonObject = {};
    put(out, 'SourcePath', t.source);
    out.DestPath = t.destination;
    put(out, 'EmbeddedTmpl', t.data);
    out.ChangeMode = t.changeMode ?? TEMPLATE_DEFAULTS.changeMode;
    put(out, 'ChangeSignal', t.changeSignal);
    out.Splay = (t.splay as number | undefined) ?? TEMPLATE_DEFAULTS.splayNs;
    out.Perms = t.perms ?? TEMPLATE_DEFAULTS.perms;
    put(out, 'LeftDelim', t.leftDelimiter);
    put(out, 'RightDelim', t.rightDelimiter);
    put(out, 'Envvars', t.env);
    out.ErrMissingKey = t.errorOnMissingKey ?? TEMPLATE_DEFAULTS.errorOnMissingKey;
    return out;
  });
}

function task(t: Task): JsonObject {
  const out: JsonObject = { Name: t.name, Driver: t.driver };
  put(out, 'User', t.user);
  if (t.config !== undefined) {
    const config: JsonObject = {};
    for (const [k, v] of Object.entries(t.config)) Object.defineProperty(config, k, { value: v, enumerable: true, writable: true, configurable: true });
    out.Config = config;
  }
  put(out, 'Constraints', constraints(t.constraints));
  put(out, 'Env', stringMap(t.env));
  put(out, 'Services', services(t.services));
  put(out, 'Resources', resources(t.resources));
  put(out, 'RestartPolicy', restart(t.restart));
  put(out, 'Meta', stringMap(t.meta));
  put(out, 'KillTimeout', t.killTimeout as number | undefined);
  put(out, 'Templates', templates(t.templates));
  put(out, 'VolumeMounts', blocks(t.volumeMounts, (m) => {
    const o: JsonObject = { Volume: m.volume, Destination: m.destination };
    put(o, 'ReadOnly', m.readOnly);
    return o;
  }));
  put(out, 'KillSignal', t.killSignal);
  return out;
}

function group(g: TaskGroup): JsonObject {
  const out: JsonObject = { Name: g.name };
  put(out, 'Count', g.count);
  put(out, 'Constraints', constraints(g.constraints));
  out.Tasks = g.tasks.map(task);
  if (g.volumes !== undefined) {
    const volumes: JsonObject = {};
    for (const [name, v] of Object.entries(g.volumes)) {
      const o: JsonObject = { Name: name, Type: v.type, Source: v.source };
      put(o, 'ReadOnly', v.readOnly);
      Object.defineProperty(volumes, name, { value: o, enumerable: true, writable: true, configurable: true });
    }
    out.Volumes = volumes;
  }
  put(out, 'RestartPolicy', restart(g.restart));
  put(out, 'ReschedulePolicy', reschedule(g.reschedule));
  put(out, 'Update', update(g.update));
  put(out, 'Networks', networks(g.networks));
  put(out, 'Meta', stringMap(g.meta));
  put(out, 'Services', services(g.services));
  return out;
}

/**
 * The job as the HTTP API and `nomad job run -json` take it: `{ "Job": { … } }` (command/helpers.go
 * accepts the job with or without that wrapper; `PUT /v1/jobs` needs it). Validates first, so a
 * job Nomad would refuse throws a `NomadJobError` instead.
 */
export function toJobJson(input: NomadJob | unknown): { Job: JsonObject } {
  const j = validateJob(input);
  const out: JsonObject = {};
  put(out, 'Region', j.region);
  put(out, 'Namespace', j.namespace);
  out.ID = j.id;
  out.Name = j.name ?? j.id;
  put(out, 'Type', j.type);
  put(out, 'Priority', j.priority);
  put(out, 'Datacenters', j.datacenters);
  put(out, 'NodePool', j.nodePool);
  put(out, 'Constraints', constraints(j.constraints));
  out.TaskGroups = j.groups.map(group);
  put(out, 'Update', update(j.update));
  put(out, 'Meta', stringMap(j.meta));
  return { Job: out };
}

/** `toJobJson` as text, two-space indented with a final newline: the file `nomad job run -json` reads. */
export function toJobJsonText(input: NomadJob | unknown): string {
  return `${JSON.stringify(toJobJson(input), null, 2)}\n`;
}
