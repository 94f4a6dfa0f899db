import { attr, block, durationAttr, mapBlock, printHcl, type HclItem } from './hcl-writer.js';
import type { Constraint, Network, NomadJob, ReschedulePolicy, RestartPolicy, Resources, Service, Task, TaskGroup, Template, UpdatePolicy } from './model.js';
import { validateJob } from './validate-job.js';

// Block and attribute names are the `hcl:"…"` tags of the api structs (api/jobs.go,
// api/tasks.go, api/resources.go, api/services.go at hashicorp/nomad@aa026cc99cfb74a77e519a1c1f0c78ba1b452705),
// which jobspec2 decodes with gohcl.

function constraintBlocks(list: Constraint[] | undefined): HclItem[] {
  return (list ?? []).map((c) => {
    const body: HclItem[] = [];
    attr(body, 'attribute', c.attribute);
    attr(body, 'operator', c.operator);
    attr(body, 'value', c.value);
    return block('constraint', [], body);
  });
}

function restartBlock(r: RestartPolicy | undefined): HclItem[] {
  if (r === undefined) return [];
  const body: HclItem[] = [];
  attr(body, 'attempts', r.attempts);
  durationAttr(body, 'interval', r.interval);
  durationAttr(body, 'delay', r.delay);
  attr(body, 'mode', r.mode);
  return [block('restart', [], body)];
}

function rescheduleBlock(r: ReschedulePolicy | undefined): HclItem[] {
  if (r === undefined) return [];
  const body: HclItem[] = [];
  attr(body, 'attempts', r.attempts);
  durationAttr(body, 'interval', r.interval);
  durationAttr(body, 'delay', r.delay);
  attr(body, 'delay_function', r.delayFunction);
  durationAttr(body, 'max_delay', r.maxDelay);
  attr(body, 'unlimited', r.unlimited);
  return [block('reschedule', [], body)];
}

function updateBlock(u: UpdatePolicy | undefined): HclItem[] {
  if (u === undefined) return [];
  const body: HclItem[] = [];
  durationAttr(body, 'stagger', u.stagger);
  attr(body, 'max_parallel', u.maxParallel);
  attr(body, 'health_check', u.healthCheck);
  durationAttr(body, 'min_healthy_time', u.minHealthyTime);
  durationAttr(body, 'healthy_deadline', u.healthyDeadline);
  durationAttr(body, 'progress_deadline', u.progressDeadline);
  attr(body, 'canary', u.canary);
  attr(body, 'auto_revert', u.autoRevert);
  attr(body, 'auto_promote', u.autoPromote);
  return [block('update', [], body)];
}

function serviceBlocks(list: Service[] | undefined): HclItem[] {
  return (list ?? []).map((s) => {
    const body: HclItem[] = [];
    attr(body, 'name', s.name);
    attr(body, 'port', s.port);
    attr(body, 'provider', s.provider);
    attr(body, 'tags', s.tags);
    for (const c of s.checks ?? []) {
      const check: HclItem[] = [];
      attr(check, 'name', c.name);
      attr(check, 'type', c.type);
      attr(check, 'command', c.command);
      attr(check, 'args', c.args);
      attr(check, 'path', c.path);
      attr(check, 'method', c.method);
      attr(check, 'protocol', c.protocol);
      attr(check, 'port', c.port);
      durationAttr(check, 'interval', c.interval);
      durationAttr(check, 'timeout', c.timeout);
      body.push(block('check', [], check));
    }
    return block('service', [], body);
  });
}

function networkBlocks(list: Network[] | undefined): HclItem[] {
  return (list ?? []).map((n) => {
    const body: HclItem[] = [];
    attr(body, 'mode', n.mode);
    for (const p of n.ports ?? []) {
      const port: HclItem[] = [];
      attr(port, 'static', p.static);
      attr(port, 'to', p.to);
      attr(port, 'host_network', p.hostNetwork);
      body.push(block('port', [p.label], port));
    }
    return block('network', [], body);
  });
}

function resourcesBlock(r: Resources | undefined): HclItem[] {
  if (r === undefined) return [];
  const body: HclItem[] = [];
  attr(body, 'cpu', r.cpu);
  attr(body, 'cores', r.cores);
  attr(body, 'memory', r.memory);
  attr(body, 'memory_max', r.memoryMax);
  return [block('resources', [], body)];
}

function templateBlocks(list: Template[] | undefined): HclItem[] {
  return (list ?? []).map((t) => {
    const body: HclItem[] = [];
    attr(body, 'source', t.source);
    attr(body, 'data', t.data);
    attr(body, 'destination', t.destination);
    attr(body, 'env', t.env);
    attr(body, 'change_mode', t.changeMode);
    attr(body, 'change_signal', t.changeSignal);
    attr(body, 'perms', t.perms);
    durationAttr(body, 'splay', t.splay);
    attr(body, 'error_on_missing_key', t.errorOnMissingKey);
    attr(body, 'left_delimiter', t.leftDelimiter);
    attr(body, 'right_delimiter', t.rightDelimiter);
    return block('template', [], body);
  });
}

function taskBlock(t: Task): HclItem {
  const body: HclItem[] = [];
  attr(body, 'driver', t.driver);
  attr(body, 'user', t.user);
  durationAttr(body, 'kill_timeout', t.killTimeout);
  attr(body, 'kill_signal', t.killSignal);
  if (t.config !== undefined) {
    const config: HclItem[] = [];
    for (const [name, value] of Object.entries(t.config)) attr(config, name, value);
    body.push(block('config', [], config));
  }
  if (t.env !== undefined) body.push(mapBlock('env', t.env));
  body.push(...templateBlocks(t.templates));
  for (const m of t.volumeMounts ?? []) {
    const mount: HclItem[] = [];
    attr(mount, 'volume', m.volume);
    attr(mount, 'destination', m.destination);
    attr(mount, 'read_only', m.readOnly);
    body.push(block('volume_mount', [], mount));
  }
  body.push(...resourcesBlock(t.resources), ...restartBlock(t.restart), ...serviceBlocks(t.services), ...constraintBlocks(t.constraints));
  if (t.meta !== undefined) body.push(mapBlock('meta', t.meta));
  return block('task', [t.name], body);
}

function groupBlock(g: TaskGroup): HclItem {
  const body: HclItem[] = [];
  attr(body, 'count', g.count);
  body.push(...constraintBlocks(g.constraints));
  for (const [name, v] of Object.entries(g.volumes ?? {})) {
    const volume: HclItem[] = [];
    attr(volume, 'type', v.type);
    attr(volume, 'source', v.source);
    attr(volume, 'read_only', v.readOnly);
    body.push(block('volume', [name], volume));
  }
  body.push(...networkBlocks(g.networks), ...restartBlock(g.restart), ...rescheduleBlock(g.reschedule), ...updateBlock(g.update), ...serviceBlocks(g.services));
  if (g.meta !== undefined) body.push(mapBlock('meta', g.meta));
  body.push(...g.tasks.map(taskBlock));
  return block('group', [g.name], body);
}

/**
 * The job as an HCL2 jobspec (`job "id" { group "…" { task "…" { … } } }`) laid out as
 * `nomad fmt` leaves it. Every string is escaped so it reads back exactly, `${` and `%{`
 * included: nothing in the model becomes an HCL interpolation. Durations are Go duration text.
 * Validates first; a job Nomad would refuse throws a `NomadJobError`.
 */
export function toJobHcl(input: NomadJob | unknown): string {
  const j = validateJob(input);
  const body: HclItem[] = [];
  attr(body, 'name', j.name);
  attr(body, 'region', j.region);
  attr(body, 'namespace', j.namespace);
  attr(body, 'type', j.type);
  attr(body, 'priority', j.priority);
  attr(body, 'datacenters', j.datacenters);
  attr(body, 'node_pool', j.nodePool);
  if (j.meta !== undefined) body.push(mapBlock('meta', j.meta));
  body.push(...constraintBlocks(j.constraints), ...updateBlock(j.update), ...j.groups.map(groupBlock));
  return printHcl([block('job', [j.id], body)]);
}
