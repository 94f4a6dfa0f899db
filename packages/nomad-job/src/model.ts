// The typed model of a Nomad job. Field names follow the HCL jobspec (camelCased); each type
// names the API struct it renders to (hashicorp/nomad api/jobs.go, api/tasks.go,
// api/resources.go, api/services.go at aa026cc99cfb74a77e519a1c1f0c78ba1b452705).

/** Integer nanoseconds, or Go duration text (`30s`, `1m30s`, `1.5s`, `250ms`). */
export type Duration = number | string;

/** The four schedulers a job may ask for (`JobTypeService` … `JobTypeSysBatch` in nomad/structs). */
export type JobType = 'service' | 'batch' | 'system' | 'sysbatch';

/** `api.Job`. `id` is the label of `job "…"`; `name` defaults to it. */
export interface NomadJob {
  id: string;
  name?: string;
  /** Default `service`. */
  type?: JobType;
  region?: string;
  namespace?: string;
  datacenters?: string[];
  nodePool?: string;
  priority?: number;
  constraints?: Constraint[];
  update?: UpdatePolicy;
  meta?: Record<string, string>;
  groups: TaskGroup[];
}

/** `api.Constraint`: `attribute` (LTarget), `operator` (Operand, default `=`), `value` (RTarget). */
export interface Constraint {
  attribute?: string;
  operator?: string;
  value?: string;
}

/** `api.TaskGroup`. */
export interface TaskGroup {
  name: string;
  count?: number;
  constraints?: Constraint[];
  networks?: Network[];
  services?: Service[];
  /** Group volumes by name (`volume "name" { … }`). */
  volumes?: Record<string, VolumeRequest>;
  restart?: RestartPolicy;
  reschedule?: ReschedulePolicy;
  update?: UpdatePolicy;
  meta?: Record<string, string>;
  tasks: Task[];
}

/** `api.NetworkResource`. A port with `static` becomes a ReservedPort, one without a DynamicPort. */
export interface Network {
  /** `host` (Nomad's default), `bridge`, `none`, `cni/<name>`. */
  mode?: string;
  ports?: Port[];
}

/** `api.Port`: `port "label" { static, to, host_network }`. */
export interface Port {
  label: string;
  static?: number;
  /** The port inside the task's network namespace; -1 means the same as the host port. */
  to?: number;
  /** A client `host_network` name, e.g. one bound to the loopback interface. */
  hostNetwork?: string;
}

/** `api.Service`. */
export interface Service {
  name: string;
  /** A port label of the group's networks. */
  port?: string;
  /** `consul` (Nomad's default) or `nomad` (native service discovery, no Consul needed). */
  provider?: 'consul' | 'nomad';
  tags?: string[];
  checks?: ServiceCheck[];
}

/** `api.ServiceCheck`. */
export interface ServiceCheck {
  name?: string;
  type: 'http' | 'tcp' | 'script' | 'grpc';
  /** HTTP checks: a path relative to the service address (`/info`). */
  path?: string;
  method?: string;
  protocol?: 'http' | 'https';
  /** Overrides the service's port label. */
  port?: string;
  /** Script checks. */
  command?: string;
  args?: string[];
  interval: Duration;
  timeout: Duration;
}

/** `api.RestartPolicy`: what the client does when a task exits. */
export interface RestartPolicy {
  attempts?: number;
  interval?: Duration;
  delay?: Duration;
  mode?: 'fail' | 'delay';
}

/** `api.ReschedulePolicy`: what the scheduler does when an allocation fails. */
export interface ReschedulePolicy {
  attempts?: number;
  interval?: Duration;
  delay?: Duration;
  delayFunction?: 'constant' | 'exponential' | 'fibonacci';
  maxDelay?: Duration;
  unlimited?: boolean;
}

/** `api.UpdateStrategy`. */
export interface UpdatePolicy {
  stagger?: Duration;
  maxParallel?: number;
  healthCheck?: 'checks' | 'task_states' | 'manual';
  minHealthyTime?: Duration;
  healthyDeadline?: Duration;
  progressDeadline?: Duration;
  canary?: number;
  autoRevert?: boolean;
  autoPromote?: boolean;
}

/** `api.VolumeRequest`; its name is the key in `TaskGroup.volumes`. */
export interface VolumeRequest {
  type: 'host' | 'csi';
  /** The client's `host_volume` name (or the CSI volume ID). */
  source: string;
  readOnly?: boolean;
}

/** `api.VolumeMount`. */
export interface VolumeMount {
  /** A volume name of the group. */
  volume: string;
  destination: string;
  readOnly?: boolean;
}

/** A value of a task driver's `config` block: text, numbers, booleans and lists of them. */
export type DriverConfigValue = string | number | boolean | (string | number | boolean)[];

/** `api.Task`. */
export interface Task {
  name: string;
  driver: string;
  user?: string;
  /** The driver's own settings (`image`, `args`, `ports` …), keys as the driver spells them. */
  config?: Record<string, DriverConfigValue>;
  env?: Record<string, string>;
  services?: Service[];
  resources?: Resources;
  restart?: RestartPolicy;
  templates?: Template[];
  volumeMounts?: VolumeMount[];
  constraints?: Constraint[];
  meta?: Record<string, string>;
  killTimeout?: Duration;
  killSignal?: string;
}

/** `api.Resources`: CPU in MHz, memory in MiB. */
export interface Resources {
  cpu?: number;
  cores?: number;
  memory?: number;
  memoryMax?: number;
}

/** `api.Template`: consul-template rendered into the task directory; `env` loads it as variables. */
export interface Template {
  /** Inline template text (`EmbeddedTmpl`). */
  data?: string;
  /** A template file on the client (`SourcePath`). */
  source?: string;
  destination: string;
  env?: boolean;
  changeMode?: 'restart' | 'noop' | 'signal' | 'script';
  changeSignal?: string;
  /** File mode in octal text (`0600`); Nomad's default is `0644`. */
  perms?: string;
  splay?: Duration;
  errorOnMissingKey?: boolean;
  leftDelimiter?: string;
  rightDelimiter?: string;
}
