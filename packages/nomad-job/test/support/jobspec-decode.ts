import { parse } from '@cdktf/hcl2json';

// Maps the JSON that @cdktf/hcl2json (hashicorp/hcl v2 compiled to WebAssembly) makes of a
// jobspec to the API JSON, the way jobspec2 decodes it (hashicorp/nomad jobspec2/parse_job.go,
// hcl_conversions.go and the api structs' hcl tags at aa026cc99cfb74a77e519a1c1f0c78ba1b452705).
// Written independently of the renderer: its own duration parser, its own unescaping.
//
// hcl2json writes a block as `{ type: [body…] }` (unlabeled) or `{ type: { label: [body…] } }`,
// an attribute as its value, and a string attribute as Terraform-JSON template text: literal
// parts keep `$${` / `%%{`, an interpolation shows as `${…}`. So a string is decoded here as a
// template with no interpolation allowed; one would mean the renderer let a `${` through.

type Json = any;
type Obj = Record<string, Json>;

export class DecodeError extends Error {}

/** Terraform-JSON template text → the literal it stands for; throws on a real interpolation. */
export function literal(template: unknown): string {
  if (typeof template !== 'string') throw new DecodeError(`expected a string, got ${JSON.stringify(template)}`);
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if ((ch === '$' || ch === '%') && template[i + 1] === ch && template[i + 2] === '{') {
      out += `${ch}{`;
      i += 2;
    } else if ((ch === '$' || ch === '%') && template[i + 1] === '{') {
      throw new DecodeError(`template sequence in ${JSON.stringify(template)} at ${i}`);
    } else out += ch;
  }
  return out;
}

const UNIT: Record<string, bigint> = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1000000n, s: 1000000000n, m: 60000000000n, h: 3600000000000n };

/** Go's time.ParseDuration for the non-negative values a jobspec holds. */
export function goDuration(text: string): number {
  if (text === '0') return 0;
  const re = /(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0n;
  let at = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const unit = UNIT[m[3] as string] as bigint;
    total += BigInt(m[1] || '0') * unit;
    if (m[2]) total += (BigInt(m[2]) * unit) / 10n ** BigInt(m[2].length);
    at = re.lastIndex;
  }
  if (at !== text.length || text === '') throw new DecodeError(`not a Go duration: ${text}`);
  return Number(total);
}

function single(blocks: Json, what: string): Obj | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks) || blocks.length !== 1) throw new DecodeError(`expected one ${what} block`);
  return blocks[0] as Obj;
}

function labeled(blocks: Json): [string, Obj][] {
  if (blocks === undefined) return [];
  const out: [string, Obj][] = [];
  for (const [label, bodies] of Object.entries(blocks as Record<string, Obj[]>)) for (const body of bodies) out.push([label, body]);
  return out;
}

function set(out: Obj, key: string, value: Json): void {
  if (value !== undefined) out[key] = value;
}

const str = (v: Json): string | undefined => (v === undefined ? undefined : literal(v));
const dur = (v: Json): number | undefined => (v === undefined ? undefined : goDuration(literal(v)));
const strList = (v: Json): string[] | undefined => (v === undefined ? undefined : (v as Json[]).map(literal));

function stringMap(block: Json, attribute: Json): Obj | undefined {
  // decodeAsAttribute: `env = { … }` or `env { … }`.
  const body = attribute !== undefined && !Array.isArray(attribute) ? attribute : single(block, 'map');
  if (body === undefined) return undefined;
  const out: Obj = {};
  for (const [k, v] of Object.entries(body)) Object.defineProperty(out, k, { value: literal(v), enumerable: true, writable: true, configurable: true });
  return out;
}

function constraints(blocks: Json): Obj[] | undefined {
  if (blocks === undefined) return undefined;
  return (blocks as Obj[]).map((b) => ({ LTarget: str(b.attribute) ?? '', RTarget: str(b.value) ?? '', Operand: str(b.operator) ?? '=' }));
}

function restart(blocks: Json): Obj | undefined {
  const b = single(blocks, 'restart');
  if (b === undefined) return undefined;
  const out: Obj = {};
  set(out, 'Interval', dur(b.interval));
  set(out, 'Attempts', b.attempts);
  set(out, 'Delay', dur(b.delay));
  set(out, 'Mode', str(b.mode));
  return out;
}

function reschedule(blocks: Json): Obj | undefined {
  const b = single(blocks, 'reschedule');
  if (b === undefined) return undefined;
  const out: Obj = {};
  set(out, 'Attempts', b.attempts);
  set(out, 'Interval', dur(b.interval));
  set(out, 'Delay', dur(b.delay));
  set(out, 'DelayFunction', str(b.delay_function));
  set(out, 'MaxDelay', dur(b.max_delay));
  set(out, 'Unlimited', b.unlimited);
  return out;
}

function update(blocks: Json): Obj | undefined {
  const b = single(blocks, 'update');
  if (b === undefined) return undefined;
  const out: Obj = {};
  set(out, 'Stagger', dur(b.stagger));
  set(out, 'MaxParallel', b.max_parallel);
  set(out, 'HealthCheck', str(b.health_check));
  set(out, 'MinHealthyTime', dur(b.min_healthy_time));
  set(out, 'HealthyDeadline', dur(b.healthy_deadline));
  set(out, 'ProgressDeadline', dur(b.progress_deadline));
  set(out, 'Canary', b.canary);
  set(out, 'AutoRevert', b.auto_revert);
  set(out, 'AutoPromote', b.auto_promote);
  return out;
}

function services(blocks: Json): Obj[] | undefined {
  if (blocks === undefined) return undefined;
  return (blocks as Obj[]).map((b) => {
    const out: Obj = { Name: str(b.name) };
    set(out, 'Tags', strList(b.tags));
    set(out, 'PortLabel', str(b.port));
    if (b.check !== undefined) {
      out.Checks = (b.check as Obj[]).map((c) => {
        const check: Obj = {};
        set(check, 'Name', str(c.name));
        set(check, 'Type', str(c.type));
        set(check, 'Command', str(c.command));
        set(check, 'Args', strList(c.args));
        set(check, 'Path', str(c.path));
        set(check, 'Protocol', str(c.protocol));
        set(check, 'PortLabel', str(c.port));
        set(check, 'Interval', dur(c.interval));
        set(check, 'Timeout', dur(c.timeout));
        set(check, 'Method', str(c.method));
        return check;
      });
    }
    set(out, 'Provider', str(b.provider));
    return out;
  });
}

function networks(blocks: Json): Obj[] | undefined {
  if (blocks === undefined) return undefined;
  return (blocks as Obj[]).map((b) => {
    const out: Obj = {};
    set(out, 'Mode', str(b.mode));
    // Every `port` block is a DynamicPort; normalizeNetworkPorts moves those with a value > 0.
    const all = labeled(b.port).map(([label, p]) => {
      const port: Obj = { Label: label };
      set(port, 'Value', p.static);
      set(port, 'To', p.to);
      set(port, 'HostNetwork', str(p.host_network));
      return port;
    });
    const reserved = all.filter((p) => (p.Value ?? 0) > 0);
    const dynamic = all.filter((p) => !((p.Value ?? 0) > 0));
    if (reserved.length > 0) out.ReservedPorts = reserved;
    if (dynamic.length > 0) out.DynamicPorts = dynamic;
    return out;
  });
}

function resources(blocks: Json): Obj | undefined {
  const b = single(blocks, 'resources');
  if (b === undefined) return undefined;
  const out: Obj = {};
  set(out, 'CPU', b.cpu);
  set(out, 'Cores', b.cores);
  set(out, 'MemoryMB', b.memory);
  set(out, 'MemoryMaxMB', b.memory_max);
  return out;
}

function templates(blocks: Json): Obj[] | undefined {
  if (blocks === undefined) return undefined;
  return (blocks as Obj[]).map((b) => {
    const out: Obj = {};
    set(out, 'SourcePath', str(b.source));
    set(out, 'DestPath', str(b.destination));
    set(out, 'EmbeddedTmpl', str(b.data));
    // normalizeTemplates in jobspec2/parse_job.go.
    out.ChangeMode = str(b.change_mode) ?? 'restart';
    set(out, 'ChangeSignal', str(b.change_signal));
    out.Splay = dur(b.splay) ?? 5_000_000_000;
    out.Perms = str(b.perms) ?? '0644';
    set(out, 'LeftDelim', str(b.left_delimiter));
    set(out, 'RightDelim', str(b.right_delimiter));
    set(out, 'Envvars', b.env);
    out.ErrMissingKey = b.error_on_missing_key ?? false;
    return out;
  });
}

function configValue(v: Json): Json {
  if (typeof v === 'string') return literal(v);
  if (Array.isArray(v)) return v.map(configValue);
  return v;
}

function task(name: string, b: Obj): Obj {
  const out: Obj = { Name: name, Driver: str(b.driver) };
  set(out, 'User', str(b.user));
  const config = single(b.config, 'config');
  if (config !== undefined) {
    const c: Obj = {};
    for (const [k, v] of Object.entries(config)) c[k] = configValue(v);
    out.Config = c;
  }
  set(out, 'Constraints', constraints(b.constraint));
  set(out, 'Env', stringMap(b.env, Array.isArray(b.env) ? undefined : b.env));
  set(out, 'Services', services(b.service));
  set(out, 'Resources', resources(b.resources));
  set(out, 'RestartPolicy', restart(b.restart));
  set(out, 'Meta', stringMap(b.meta, Array.isArray(b.meta) ? undefined : b.meta));
  set(out, 'KillTimeout', dur(b.kill_timeout));
  set(out, 'Templates', templates(b.template));
  if (b.volume_mount !== undefined) {
    out.VolumeMounts = (b.volume_mount as Obj[]).map((m) => {
      const o: Obj = { Volume: str(m.volume), Destination: str(m.destination) };
      set(o, 'ReadOnly', m.read_only);
      return o;
    });
  }
  set(out, 'KillSignal', str(b.kill_signal));
  return out;
}

function group(name: string, b: Obj): Obj {
  const out: Obj = { Name: name };
  set(out, 'Count', b.count);
  set(out, 'Constraints', constraints(b.constraint));
  out.Tasks = labeled(b.task).map(([n, t]) => task(n, t));
  if (b.volume !== undefined) {
    const volumes: Obj = {};
    for (const [label, v] of labeled(b.volume)) {
      const o: Obj = { Name: label, Type: str(v.type), Source: str(v.source) };
      set(o, 'ReadOnly', v.read_only);
      Object.defineProperty(volumes, label, { value: o, enumerable: true, writable: true, configurable: true });
    }
    out.Volumes = volumes;
  }
  set(out, 'RestartPolicy', restart(b.restart));
  set(out, 'ReschedulePolicy', reschedule(b.reschedule));
  set(out, 'Update', update(b.update));
  set(out, 'Networks', networks(b.network));
  set(out, 'Meta', stringMap(b.meta, Array.isArray(b.meta) ? undefined : b.meta));
  set(out, 'Services', services(b.service));
  return out;
}

/** The API job (`{ Job: … }`) that jobspec2 would make of the jobspec text, read with the real HCL parser. */
export async function decodeJobspec(hcl: string): Promise<{ Job: Obj }> {
  const parsed = (await parse('job.nomad.hcl', hcl)) as Obj;
  const jobs = labeled(parsed.job);
  if (jobs.length !== 1) throw new DecodeError(`expected one job block, got ${jobs.length}`);
  const [id, b] = jobs[0] as [string, Obj];
  const out: Obj = {};
  set(out, 'Region', str(b.region));
  set(out, 'Namespace', str(b.namespace));
  out.ID = id;
  out.Name = str(b.name) ?? id;
  set(out, 'Type', str(b.type));
  set(out, 'Priority', b.priority);
  set(out, 'Datacenters', strList(b.datacenters));
  set(out, 'NodePool', str(b.node_pool));
  set(out, 'Constraints', constraints(b.constraint));
  out.TaskGroups = labeled(b.group).map(([n, g]) => group(n, g));
  set(out, 'Update', update(b.update));
  set(out, 'Meta', stringMap(b.meta, Array.isArray(b.meta) ? undefined : b.meta));
  return { Job: out };
}

const byName = (a: Obj, b: Obj): number => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0);
const byLabel = (a: Obj, b: Obj): number => (a.Label < b.Label ? -1 : a.Label > b.Label ? 1 : 0);

/**
 * hcl2json writes labeled blocks as object keys, sorted, so the order of groups, tasks and
 * ports between different labels is not in its output; this puts both sides in one order.
 */
export function canonicalOrder(job: { Job: Obj }): { Job: Obj } {
  const copy = JSON.parse(JSON.stringify(job)) as { Job: Obj };
  copy.Job.TaskGroups.sort(byName);
  for (const g of copy.Job.TaskGroups as Obj[]) {
    g.Tasks.sort(byName);
    for (const n of (g.Networks ?? []) as Obj[]) {
      n.ReservedPorts?.sort(byLabel);
      n.DynamicPorts?.sort(byLabel);
    }
  }
  return copy;
}
