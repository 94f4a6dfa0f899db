import { expectDuration } from './duration.js';
import type { Network, NomadJob, Port, Service, Task, TaskGroup, VolumeMount, VolumeRequest } from './model.js';
import {
  ENV_KEY,
  IDENTIFIER,
  readConstraints,
  readDriverConfig,
  readReschedule,
  readResources,
  readRestart,
  readService,
  readStringMap,
  readTemplate,
  readUpdate,
} from './read-parts.js';
import {
  checkAcyclic,
  copyOptional,
  expectArray,
  expectBoolean,
  expectEnum,
  expectInteger,
  expectMatch,
  expectNonEmpty,
  expectObject,
  expectRecord,
  expectString,
  fail,
  type Path,
} from './shape.js';

// The rules of `nomad job validate` that a generator can get wrong, from Job.Validate,
// TaskGroup.Validate and Task.Validate in nomad/structs/structs.go at
// aa026cc99cfb74a77e519a1c1f0c78ba1b452705.

const JOB_TYPES = ['service', 'batch', 'system', 'sysbatch'] as const;
// validNamespaceName in nomad/structs/structs.go.
const NAMESPACE = /^[a-zA-Z0-9-]{1,128}$/;
// JobMaxPriority = math.MaxInt16 - 1; a server's default job_max_priority is 100.
const MAX_PRIORITY = 32766;
const META_KEYS = 'an identifier: a letter or "_", then letters, digits, "_" or "-"';

function readPort(value: unknown, path: Path): Port {
  const o = expectObject(value, path, ['label', 'static', 'to', 'hostNetwork']);
  const port: Port = { label: expectNonEmpty(o.label, [...path, 'label'], 'a port label such as "http"') };
  copyOptional(port, o, 'static', path, (v, p) => expectInteger(v, p, 1, 65535));
  copyOptional(port, o, 'to', path, (v, p) => expectInteger(v, p, -1, 65535));
  copyOptional(port, o, 'hostNetwork', path, (v, p) => expectNonEmpty(v, p, 'a client host_network name'));
  return port;
}

function readNetwork(value: unknown, path: Path): Network {
  const o = expectObject(value, path, ['mode', 'ports']);
  const out: Network = {};
  copyOptional(out, o, 'mode', path, (v, p) => expectMatch(v, p, /^(host|bridge|none|cni\/[^\s"]+)$/, 'host | bridge | none | cni/<name>'));
  copyOptional(out, o, 'ports', path, (v, p) => expectArray(v, p, readPort));
  return out;
}

function readVolume(value: unknown, path: Path): VolumeRequest {
  const o = expectObject(value, path, ['type', 'source', 'readOnly']);
  const out: VolumeRequest = {
    type: expectEnum(o.type, [...path, 'type'], ['host', 'csi'] as const),
    source: expectNonEmpty(o.source, [...path, 'source'], 'the client host_volume name or CSI volume ID'),
  };
  copyOptional(out, o, 'readOnly', path, expectBoolean);
  return out;
}

function readVolumeMount(value: unknown, path: Path): VolumeMount {
  const o = expectObject(value, path, ['volume', 'destination', 'readOnly']);
  const out: VolumeMount = {
    volume: expectNonEmpty(o.volume, [...path, 'volume'], 'a volume name of the group'),
    destination: expectNonEmpty(o.destination, [...path, 'destination'], 'a path inside the task'),
  };
  copyOptional(out, o, 'readOnly', path, expectBoolean);
  return out;
}

function readTask(value: unknown, path: Path): Task {
  const o = expectObject(value, path, [
    'name', 'driver', 'user', 'config', 'env', 'services', 'resources', 'restart', 'templates', 'volumeMounts', 'constraints', 'meta', 'killTimeout', 'killSignal',
  ]);
  const name = expectNonEmpty(o.name, [...path, 'name'], 'a task name');
  if (name === 'alloc') fail([...path, 'name'], name, 'a task cannot be named "alloc" (it is the shared allocation directory)', 'any other name');
  if (/[/\\]/.test(name)) fail([...path, 'name'], name, 'a task name cannot include slashes (it names a directory)', 'a name without / or \\');
  if (o.driver === undefined) fail([...path, 'driver'], undefined, 'every task needs a driver', 'a driver name such as "podman", "docker", "exec"');
  const task: Task = { name, driver: expectNonEmpty(o.driver, [...path, 'driver'], 'a driver name such as "podman", "docker", "exec"') };
  copyOptional(task, o, 'user', path, (v, p) => expectNonEmpty(v, p));
  copyOptional(task, o, 'config', path, readDriverConfig);
  copyOptional(task, o, 'env', path, (v, p) => readStringMap(v, p, ENV_KEY, 'an environment variable name: a letter or "_", then letters, digits or "_"'));
  copyOptional(task, o, 'services', path, (v, p) => expectArray(v, p, readService));
  copyOptional(task, o, 'resources', path, readResources);
  copyOptional(task, o, 'restart', path, readRestart);
  copyOptional(task, o, 'templates', path, (v, p) => expectArray(v, p, readTemplate));
  copyOptional(task, o, 'volumeMounts', path, (v, p) => expectArray(v, p, readVolumeMount));
  copyOptional(task, o, 'constraints', path, readConstraints);
  copyOptional(task, o, 'meta', path, (v, p) => readStringMap(v, p, IDENTIFIER, META_KEYS));
  copyOptional(task, o, 'killTimeout', path, expectDuration);
  copyOptional(task, o, 'killSignal', path, (v, p) => expectMatch(v, p, /^SIG[A-Z0-9+]+$/, 'a signal name such as "SIGTERM"'));
  return task;
}

function readGroup(value: unknown, path: Path): TaskGroup {
  const o = expectObject(value, path, ['name', 'count', 'constraints', 'networks', 'services', 'volumes', 'restart', 'reschedule', 'update', 'meta', 'tasks']);
  const name = expectNonEmpty(o.name, [...path, 'name'], 'a group name');
  if (o.tasks === undefined) fail([...path, 'tasks'], undefined, 'a group needs at least one task', 'a non-empty array of tasks');
  const tasks = expectArray(o.tasks, [...path, 'tasks'], readTask);
  if (tasks.length === 0) fail([...path, 'tasks'], o.tasks, 'a group needs at least one task', 'a non-empty array of tasks');
  const group: TaskGroup = { name, tasks };
  copyOptional(group, o, 'count', path, (v, p) => expectInteger(v, p, 0, 2 ** 31 - 1));
  copyOptional(group, o, 'constraints', path, readConstraints);
  copyOptional(group, o, 'networks', path, (v, p) => expectArray(v, p, readNetwork));
  copyOptional(group, o, 'services', path, (v, p) => expectArray(v, p, readService));
  copyOptional(group, o, 'volumes', path, (v, p) => expectRecord(v, p, readVolume, (key, kp) => {
    expectNonEmpty(key, kp, 'a volume name');
  }));
  copyOptional(group, o, 'restart', path, readRestart);
  copyOptional(group, o, 'reschedule', path, readReschedule);
  copyOptional(group, o, 'update', path, readUpdate);
  copyOptional(group, o, 'meta', path, (v, p) => readStringMap(v, p, IDENTIFIER, META_KEYS));
  // Reorder keys so `tasks` comes last, as in the jobspec.
  const { tasks: _tasks, ...rest } = group;
  return { ...rest, tasks };
}

/** Port labels must be unique in a group; every service, check and driver `ports` entry must name one. */
function checkGroupReferences(group: TaskGroup, path: Path): void {
  const labels = new Set<string>();
  const staticPorts = new Map<string, string>();
  (group.networks ?? []).forEach((network, n) => {
    (network.ports ?? []).forEach((port, i) => {
      const at = [...path, 'networks', n, 'ports', i];
      if (labels.has(port.label)) fail([...at, 'label'], port.label, `port label "${port.label}" is already used in this group`, 'a unique label');
      labels.add(port.label);
      if (port.static !== undefined) {
        const key = `${port.hostNetwork ?? 'default'}:${port.static}`;
        const other = staticPorts.get(key);
        if (other !== undefined) fail([...at, 'static'], port.static, `static port ${port.static} is already reserved by "${other}"`, 'a port not reserved twice');
        staticPorts.set(key, port.label);
      }
    });
  });
  const known = [...labels].map((l) => JSON.stringify(l)).join(', ') || 'none: add a network with ports';
  const checkServices = (services: readonly Service[] | undefined, at: Path): void => {
    (services ?? []).forEach((service, s) => {
      if (service.port !== undefined && !labels.has(service.port)) fail([...at, s, 'port'], service.port, `port label "${service.port}" does not exist in group "${group.name}"`, `a label of the group's networks (${known})`);
      (service.checks ?? []).forEach((check, c) => {
        if (check.port !== undefined && !labels.has(check.port)) fail([...at, s, 'checks', c, 'port'], check.port, `port label "${check.port}" does not exist in group "${group.name}"`, `a label of the group's networks (${known})`);
        if (check.port === undefined && service.port === undefined && (check.type === 'http' || check.type === 'tcp' || check.type === 'grpc')) {
          fail([...at, s, 'checks', c], check.type, `a ${check.type} check needs a port, but neither the check nor service "${service.name}" names one`, 'a port on the service or the check');
        }
      });
    });
  };
  checkServices(group.services, [...path, 'services']);
  const taskNames = new Set<string>();
  group.tasks.forEach((task, t) => {
    const at = [...path, 'tasks', t];
    if (taskNames.has(task.name)) fail([...at, 'name'], task.name, `task name "${task.name}" is used twice in group "${group.name}"`, 'a unique task name');
    taskNames.add(task.name);
    checkServices(task.services, [...at, 'services']);
    (task.volumeMounts ?? []).forEach((mount, m) => {
      if (group.volumes?.[mount.volume] === undefined || !Object.hasOwn(group.volumes, mount.volume)) {
        fail([...at, 'volumeMounts', m, 'volume'], mount.volume, `volume "${mount.volume}" is not declared in group "${group.name}"`, `a key of the group's volumes (${Object.keys(group.volumes ?? {}).map((k) => JSON.stringify(k)).join(', ') || 'none declared'})`);
      }
    });
    // The docker and podman drivers publish the group's ports by label (config.ports).
    const ports = task.config?.ports;
    if ((task.driver === 'docker' || task.driver === 'podman') && Array.isArray(ports)) {
      ports.forEach((label, i) => {
        if (typeof label !== 'string' || !labels.has(label)) fail([...at, 'config', 'ports', i], label, `port label ${JSON.stringify(label)} does not exist in group "${group.name}"`, `a label of the group's networks (${known})`);
      });
    }
  });
}

/**
 * Validates a job given as plain data (typed, or parsed from JSON) the way `nomad job validate`
 * would where a generator can go wrong, and returns it with every duration in integer
 * nanoseconds. Unknown fields, wrong types, NaN, cycles and rule violations throw a
 * `NomadJobError` naming the path and the refused value.
 */
export function validateJob(input: NomadJob | unknown): NomadJob {
  checkAcyclic(input);
  const o = expectObject(input, [], ['id', 'name', 'type', 'region', 'namespace', 'datacenters', 'nodePool', 'priority', 'constraints', 'update', 'meta', 'groups']);
  const id = expectNonEmpty(o.id, ['id'], 'a job ID such as "isso"');
  if (id.includes(' ')) fail(['id'], id, 'a job ID cannot contain a space', 'an ID without spaces');
  const job: NomadJob = { id, groups: [] };
  copyOptional(job, o, 'name', [], (v, p) => expectNonEmpty(v, p, 'a job name'));
  copyOptional(job, o, 'type', [], (v, p) => expectEnum(v, p, JOB_TYPES));
  copyOptional(job, o, 'region', [], (v, p) => expectNonEmpty(v, p, 'a region name such as "global"'));
  copyOptional(job, o, 'namespace', [], (v, p) => expectMatch(v, p, NAMESPACE, 'letters, digits and "-", 1 to 128 characters'));
  copyOptional(job, o, 'datacenters', [], (v, p) => expectArray(v, p, (x, q) => expectNonEmpty(x, q, 'a datacenter name or pattern such as "dc1" or "*"')));
  copyOptional(job, o, 'nodePool', [], (v, p) => expectNonEmpty(v, p, 'a node pool name'));
  copyOptional(job, o, 'priority', [], (v, p) => expectInteger(v, p, 1, MAX_PRIORITY));
  copyOptional(job, o, 'constraints', [], readConstraints);
  copyOptional(job, o, 'update', [], readUpdate);
  copyOptional(job, o, 'meta', [], (v, p) => readStringMap(v, p, IDENTIFIER, META_KEYS));
  if (o.groups === undefined) fail(['groups'], undefined, 'a job needs at least one group', 'a non-empty array of groups');
  const groups = expectArray(o.groups, ['groups'], readGroup);
  if (groups.length === 0) fail(['groups'], o.groups, 'a job needs at least one group', 'a non-empty array of groups');
  const names = new Set<string>();
  groups.forEach((group, g) => {
    if (names.has(group.name)) fail(['groups', g, 'name'], group.name, `group name "${group.name}" is used twice`, 'a unique group name');
    names.add(group.name);
    if (job.type === 'system' && (group.count ?? 1) > 1) fail(['groups', g, 'count'], group.count, 'a system job runs one allocation per node; count cannot exceed 1', '0 or 1');
    checkGroupReferences(group, ['groups', g]);
  });
  job.groups = groups;
  return job;
}

