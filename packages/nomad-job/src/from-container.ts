import type { ContainerModel } from './container-model.js';
import { parsePublishedPort } from './container-ports.js';
import type { Duration, DriverConfigValue, NomadJob, Port, Resources, Service, Task, TaskGroup, Template, UpdatePolicy, VolumeMount, VolumeRequest } from './model.js';
import { ENV_KEY, IDENTIFIER, readResources, readUpdate } from './read-parts.js';
import { copyOptional, expectArray, expectEnum, expectMatch, expectNonEmpty, expectObject, expectRecord, expectString, fail, type Path } from './shape.js';
import { validateJob } from './validate-job.js';

/** How fromContainer places the container on a Nomad client. */
export interface FromContainerOptions {
  /** `podman` (nomad-driver-podman, the default) or `docker`. */
  driver?: 'podman' | 'docker';
  /** The job ID; default the container name. */
  jobId?: string;
  /** Default `["*"]` (every datacenter, Nomad 1.5+). */
  datacenters?: string[];
  /**
   * The image archive on the node: an absolute path to the dockerTools tarball, a store path or a
   * symlink to one that the node's NixOS configuration keeps alive. podman loads it through the
   * `docker-archive:` transport at every start; docker needs it loaded on the node (`docker load`)
   * and runs the container's image name.
   */
  imageArchive?: string;
  /** The constraint that pins the job to the node holding its data (`${node.unique.name}` = host). */
  node: { attribute: string; value: string };
  /** Client `host_volume` names by host path: each container volume's source must be one. */
  hostVolumes?: Record<string, string>;
  /** The client `host_network` the ports bind to (needed when a port names a host IP). */
  hostNetwork?: string;
  /** Port labels in the order of the container's ports; default `http`, then `port1`, `port2`… */
  portLabels?: string[];
  /** The service registered for the first port; a check only when `checkPath` is given. */
  service?: { name?: string; provider?: 'nomad' | 'consul'; checkPath?: string; interval?: Duration; timeout?: Duration };
  /**
   * Secrets from a Nomad variable, rendered by a `template` into the task's private `secrets/`
   * directory and loaded as environment variables (`env = true`): environment variable name →
   * item key of the variable at `variablePath` (default `nomad/jobs/<jobId>`, which the job's
   * workload identity may read without a policy).
   */
  secrets?: { variablePath?: string; env: Record<string, string> };
  resources?: Resources;
  update?: UpdatePolicy;
}

const OPTION_KEYS = ['driver', 'jobId', 'datacenters', 'imageArchive', 'node', 'hostVolumes', 'hostNetwork', 'portLabels', 'service', 'secrets', 'resources', 'update'];
const CONTAINER_KEYS = [
  'name', 'image', 'backend', 'imageFile', 'imageStream', 'cmd', 'entrypoint', 'environment', 'environmentFiles', 'ports', 'volumes', 'user', 'workdir',
  'labels', 'networks', 'hostname', 'dependsOn', 'autoStart', 'extraOptions', 'pull', 'logDriver',
];
// What a Nomad task cannot carry, with what to do instead; refused rather than silently dropped.
const NOT_CARRIED: Readonly<Record<string, string>> = {
  imageStream: 'give the built archive as options.imageArchive',
  environmentFiles: 'a Nomad task has no env file from the host; put secrets in a Nomad variable and list them in options.secrets',
  labels: 'nomad-driver-podman takes labels in another shape; set them in the job by hand',
  networks: 'Nomad places the task in the group network; use options.hostNetwork',
  dependsOn: 'Nomad orders tasks inside a group with lifecycle hooks, not across containers',
  extraOptions: 'Nomad drivers take no raw runtime flags',
};
// Variable paths: nomad/structs/variables.go validVariablePath at aa026cc99cfb74a77e519a1c1f0c78ba1b452705.
const VARIABLE_PATH = /^[a-zA-Z0-9-_~/]{1,128}$/;

function text(value: unknown, path: Path): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'kind' in value) {
    fail(path, value, 'is a Nix expression; a Nomad jobspec cannot evaluate Nix, so give the value as plain text', 'a string');
  }
  return expectString(value, path);
}

function volumeFor(spec: string, path: Path, hostVolumes: Record<string, string>): { name: string; request: VolumeRequest; mount: VolumeMount } {
  const accepted = '"/host/path:/container/path" with an optional ":ro" or ":rw"';
  const parts = spec.split(':');
  if (parts.length < 2 || parts.length > 3) fail(path, spec, 'is not source:target[:mode]', accepted);
  const [source, target, mode] = parts as [string, string, string | undefined];
  if (!source.startsWith('/')) fail(path, spec, `"${source}" is a named volume; Nomad mounts host volumes declared on the client`, accepted);
  if (!target.startsWith('/')) fail(path, spec, `"${target}" is not an absolute container path`, accepted);
  if (mode !== undefined && mode !== 'ro' && mode !== 'rw') fail(path, spec, `mount option "${mode}" cannot be carried by a Nomad volume_mount`, accepted);
  const name = hostVolumes[source];
  if (name === undefined || !Object.hasOwn(hostVolumes, source)) {
    fail(path, spec, `no client host_volume is named for "${source}"; add it to options.hostVolumes`, 'a source listed in options.hostVolumes');
  }
  const readOnly = mode === 'ro';
  const request: VolumeRequest = { type: 'host', source: name };
  const mount: VolumeMount = { volume: name, destination: target };
  if (readOnly) {
    request.readOnly = true;
    mount.readOnly = true;
  }
  return { name, request, mount };
}

function secretsTemplate(secrets: NonNullable<FromContainerOptions['secrets']>, jobId: string, path: Path): Template {
  const o = expectObject(secrets, path, ['variablePath', 'env']);
  const variablePath = o.variablePath === undefined ? `nomad/jobs/${jobId}` : expectString(o.variablePath, [...path, 'variablePath']);
  if (!VARIABLE_PATH.test(variablePath)) fail([...path, 'variablePath'], variablePath, 'is not a Nomad variable path', 'letters, digits, "-", "_", "~" and "/", 1 to 128 characters');
  const env = expectRecord(o.env, [...path, 'env'], (v, p) => expectMatch(v, p, /^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable item key: letters, digits and "_"'), (key, p) => {
    if (!ENV_KEY.test(key)) fail(p, key, `"${key}" is not an environment variable name`, 'letters, digits and "_", not starting with a digit');
  });
  const lines = Object.entries(env).map(([name, item]) => `${name}={{ .${item} }}`);
  if (lines.length === 0) fail([...path, 'env'], env, 'lists no secret', 'at least one NAME: itemKey entry');
  // Rendered into secrets/ (per task, in memory, not readable by other tasks), read into the
  // environment, and re-rendered with a restart when the variable changes.
  return {
    data: `{{ with nomadVar "${variablePath}" }}\n${lines.join('\n')}\n{{ end }}\n`,
    destination: 'secrets/env',
    env: true,
    changeMode: 'restart',
    perms: '0400',
  };
}

/**
 * A single-task Nomad job that runs an oci-container model: the `podman` driver (image through
 * the `docker-archive:` transport from `options.imageArchive`) or `docker`; the container's
 * bind mounts as client host volumes; its ports as a static group network; `count = 1` and
 * `options.node` as a constraint, so the job runs where its data is; a service with an optional
 * HTTP check; secrets from a Nomad variable through a `template` with `env = true`, never in
 * the jobspec. Throws a `NomadJobError` naming the container field or option it cannot carry.
 */
export function fromContainer(container: ContainerModel | unknown, options: FromContainerOptions | unknown): NomadJob {
  const c = expectObject(container, ['container'], CONTAINER_KEYS);
  const o = expectObject(options, ['options'], OPTION_KEYS);
  for (const [key, advice] of Object.entries(NOT_CARRIED)) {
    const value = c[key];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0) && !(key === 'labels' && Object.keys(value as object).length === 0)) {
      fail(['container', key], value, `cannot be carried by a Nomad task: ${advice}`, 'leave it out');
    }
  }
  const name = expectNonEmpty(c.name, ['container', 'name'], 'a container name');
  const driver = o.driver === undefined ? 'podman' : expectEnum(o.driver, ['options', 'driver'], ['podman', 'docker'] as const);
  const jobId = o.jobId === undefined ? name : expectNonEmpty(o.jobId, ['options', 'jobId']);
  const image = text(c.image, ['container', 'image']);
  const archive = o.imageArchive === undefined ? undefined : expectMatch(o.imageArchive, ['options', 'imageArchive'], /^\/[^\s:]*$/, 'an absolute path without spaces or ":"');

  const config: Record<string, DriverConfigValue> = {
    image: driver === 'podman' && archive !== undefined ? `docker-archive:${archive}` : image,
  };
  // podman reads a docker-archive at every start only with force_pull; without it a restart would
  // keep running the image loaded first, even after the node switched to a new archive.
  if (driver === 'podman' && archive !== undefined) config.force_pull = true;
  if (c.entrypoint !== undefined) config.entrypoint = [text(c.entrypoint, ['container', 'entrypoint'])];
  if (c.cmd !== undefined) config.args = expectArray(c.cmd, ['container', 'cmd'], text);
  if (c.workdir !== undefined) config[driver === 'podman' ? 'working_dir' : 'work_dir'] = expectNonEmpty(c.workdir, ['container', 'workdir']);
  if (c.hostname !== undefined) config.hostname = expectNonEmpty(c.hostname, ['container', 'hostname']);

  const hostNetwork = o.hostNetwork === undefined ? undefined : expectMatch(o.hostNetwork, ['options', 'hostNetwork'], IDENTIFIER, 'a client host_network name');
  const labels = o.portLabels === undefined ? [] : expectArray(o.portLabels, ['options', 'portLabels'], (v, p) => expectNonEmpty(v, p));
  const ports: Port[] = (c.ports === undefined ? [] : expectArray(c.ports, ['container', 'ports'], text)).map((spec, i) => {
    const at = ['container', 'ports', i];
    const parsed = parsePublishedPort(spec, at);
    if (parsed.hostIp !== '' && hostNetwork === undefined) {
      fail(at, spec, `binds host address ${parsed.hostIp}; a Nomad port binds to a client host_network, so name one in options.hostNetwork`, 'a port without host IP, or options.hostNetwork');
    }
    const port: Port = { label: labels[i] ?? (i === 0 ? 'http' : `port${i}`) };
    if (parsed.hostPort !== undefined) port.static = parsed.hostPort;
    port.to = parsed.containerPort;
    if (hostNetwork !== undefined) port.hostNetwork = hostNetwork;
    return port;
  });
  if (ports.length > 0) config.ports = ports.map((p) => p.label);

  const hostVolumes = o.hostVolumes === undefined ? {} : expectRecord(o.hostVolumes, ['options', 'hostVolumes'], (v, p) => expectNonEmpty(v, p, 'a client host_volume name'), () => {});
  const volumes: Record<string, VolumeRequest> = {};
  const mounts: VolumeMount[] = [];
  (c.volumes === undefined ? [] : expectArray(c.volumes, ['container', 'volumes'], text)).forEach((spec, i) => {
    const v = volumeFor(spec, ['container', 'volumes', i], hostVolumes);
    volumes[v.name] = v.request;
    mounts.push(v.mount);
  });

  const task: Task = { name, driver, config };
  if (c.user !== undefined) task.user = expectNonEmpty(c.user, ['container', 'user']);
  if (c.environment !== undefined) {
    task.env = expectRecord(c.environment, ['container', 'environment'], text, (key, p) => {
      if (!ENV_KEY.test(key)) fail(p, key, `"${key}" is not an environment variable name`, 'letters, digits and "_", not starting with a digit');
    });
  }
  if (o.secrets !== undefined) task.templates = [secretsTemplate(o.secrets as NonNullable<FromContainerOptions['secrets']>, jobId, ['options', 'secrets'])];
  if (mounts.length > 0) task.volumeMounts = mounts;
  task.resources = { cpu: 200, memory: 256 };
  copyOptional(task, o, 'resources', ['options'], readResources);

  const node = expectObject(o.node, ['options', 'node'], ['attribute', 'value']);
  const group: TaskGroup = {
    name,
    // One allocation: the data lives on one node's disk, and two writers would corrupt it.
    count: 1,
    constraints: [{ attribute: expectNonEmpty(node.attribute, ['options', 'node', 'attribute']), operator: '=', value: expectString(node.value, ['options', 'node', 'value']) }],
    tasks: [task],
  };
  if (Object.keys(volumes).length > 0) group.volumes = volumes;
  if (ports.length > 0) group.networks = [{ mode: 'host', ports }];
  // Like systemd's Restart=always: keep restarting on this node rather than failing the allocation.
  group.restart = { attempts: 3, interval: 300_000_000_000, delay: 15_000_000_000, mode: 'delay' };
  group.update = { maxParallel: 1, healthCheck: 'checks', minHealthyTime: 10_000_000_000, healthyDeadline: 180_000_000_000, autoRevert: true };
  copyOptional(group, o, 'update', ['options'], readUpdate);

  const s = o.service === undefined ? {} : expectObject(o.service, ['options', 'service'], ['name', 'provider', 'checkPath', 'interval', 'timeout']);
  const service: Service = { name: s.name === undefined ? name : expectString(s.name, ['options', 'service', 'name']), provider: s.provider === undefined ? 'nomad' : expectEnum(s.provider, ['options', 'service', 'provider'], ['nomad', 'consul'] as const) };
  if (ports.length > 0) service.port = (ports[0] as Port).label;
  if (s.checkPath !== undefined) {
    service.checks = [{ name: `${service.name}-http`, type: 'http', path: expectString(s.checkPath, ['options', 'service', 'checkPath']), interval: (s.interval as Duration | undefined) ?? '10s', timeout: (s.timeout as Duration | undefined) ?? '2s' }];
  }
  group.services = [service];

  const job: NomadJob = {
    id: jobId,
    type: 'service',
    datacenters: o.datacenters === undefined ? ['*'] : expectArray(o.datacenters, ['options', 'datacenters'], (v, p) => expectNonEmpty(v, p)),
    groups: [group],
  };
  // The rules of nomad job validate, and the durations in nanoseconds.
  return validateJob(job);
}
