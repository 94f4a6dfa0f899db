import { expectDuration } from './duration.js';
import type { Constraint, DriverConfigValue, ReschedulePolicy, RestartPolicy, Resources, Service, ServiceCheck, Template, UpdatePolicy } from './model.js';
import {
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

// Readers of the blocks that appear at several levels (constraints, policies, services, maps):
// shape and type checks only; rules that need the surrounding group live in validate-job.ts.

const INT32_MAX = 2 ** 31 - 1;
// RestartPolicyMinInterval in nomad/structs/structs.go.
const RESTART_MIN_INTERVAL_NS = 5_000_000_000;

/** Keys of `env`: what a shell and the HCL block syntax both accept. */
export const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Keys of `meta` and of a driver `config` block: HCL identifiers (ASCII). */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function readStringMap(value: unknown, path: Path, keyPattern: RegExp, keyAccepted: string): Record<string, string> {
  return expectRecord(value, path, (v, p) => expectString(v, p), (name, p) => {
    if (!keyPattern.test(name)) fail(p, name, `key "${name}" cannot be written as an HCL block attribute`, keyAccepted);
  });
}

export function readConstraint(value: unknown, path: Path): Constraint {
  const o = expectObject(value, path, ['attribute', 'operator', 'value']);
  const out: Constraint = {};
  copyOptional(out, o, 'attribute', path, (v, p) => expectString(v, p));
  copyOptional(out, o, 'operator', path, (v, p) => expectNonEmpty(v, p, 'an operator such as "=", "!=", "regexp", "distinct_hosts"'));
  copyOptional(out, o, 'value', path, (v, p) => expectString(v, p));
  return out;
}

export function readConstraints(value: unknown, path: Path): Constraint[] {
  return expectArray(value, path, readConstraint);
}

export function readRestart(value: unknown, path: Path): RestartPolicy {
  const o = expectObject(value, path, ['attempts', 'interval', 'delay', 'mode']);
  const out: RestartPolicy = {};
  copyOptional(out, o, 'attempts', path, (v, p) => expectInteger(v, p, 0, INT32_MAX));
  copyOptional(out, o, 'interval', path, expectDuration);
  copyOptional(out, o, 'delay', path, expectDuration);
  copyOptional(out, o, 'mode', path, (v, p) => expectEnum(v, p, ['fail', 'delay'] as const));
  // RestartPolicy.Validate in nomad/structs/structs.go (aa026cc99cfb74a77e519a1c1f0c78ba1b452705),
  // checked where the model fixes the values (Nomad fills the rest from the job type's defaults).
  if (out.interval !== undefined && (out.interval as number) < RESTART_MIN_INTERVAL_NS) {
    fail([...path, 'interval'], o.interval, 'a restart interval cannot be less than 5s (RestartPolicyMinInterval)', 'a duration of at least 5s');
  }
  if (out.attempts === 0 && out.mode === 'delay') fail([...path, 'attempts'], 0, 'restart mode "delay" with 0 attempts is ambiguous, and Nomad refuses it', 'attempts ≥ 1, or mode "fail"');
  if (out.attempts !== undefined && out.delay !== undefined && out.interval !== undefined && out.attempts * (out.delay as number) > (out.interval as number)) {
    fail([...path, 'interval'], o.interval, `Nomad cannot restart ${out.attempts} times with a delay of ${String(o.delay)} within this interval`, 'an interval ≥ attempts × delay');
  }
  return out;
}

export function readReschedule(value: unknown, path: Path): ReschedulePolicy {
  const o = expectObject(value, path, ['attempts', 'interval', 'delay', 'delayFunction', 'maxDelay', 'unlimited']);
  const out: ReschedulePolicy = {};
  copyOptional(out, o, 'attempts', path, (v, p) => expectInteger(v, p, 0, INT32_MAX));
  copyOptional(out, o, 'interval', path, expectDuration);
  copyOptional(out, o, 'delay', path, expectDuration);
  copyOptional(out, o, 'delayFunction', path, (v, p) => expectEnum(v, p, ['constant', 'exponential', 'fibonacci'] as const));
  copyOptional(out, o, 'maxDelay', path, expectDuration);
  copyOptional(out, o, 'unlimited', path, expectBoolean);
  return out;
}

export function readUpdate(value: unknown, path: Path): UpdatePolicy {
  const o = expectObject(value, path, ['stagger', 'maxParallel', 'healthCheck', 'minHealthyTime', 'healthyDeadline', 'progressDeadline', 'canary', 'autoRevert', 'autoPromote']);
  const out: UpdatePolicy = {};
  copyOptional(out, o, 'stagger', path, expectDuration);
  copyOptional(out, o, 'maxParallel', path, (v, p) => expectInteger(v, p, 0, INT32_MAX));
  copyOptional(out, o, 'healthCheck', path, (v, p) => expectEnum(v, p, ['checks', 'task_states', 'manual'] as const));
  copyOptional(out, o, 'minHealthyTime', path, expectDuration);
  copyOptional(out, o, 'healthyDeadline', path, expectDuration);
  copyOptional(out, o, 'progressDeadline', path, expectDuration);
  copyOptional(out, o, 'canary', path, (v, p) => expectInteger(v, p, 0, INT32_MAX));
  copyOptional(out, o, 'autoRevert', path, expectBoolean);
  copyOptional(out, o, 'autoPromote', path, expectBoolean);
  // UpdateStrategy.Validate in nomad/structs/structs.go (same commit), where both values are given.
  const mht = out.minHealthyTime as number | undefined;
  const hd = out.healthyDeadline as number | undefined;
  const pd = out.progressDeadline as number | undefined;
  if (hd !== undefined && hd <= 0) fail([...path, 'healthyDeadline'], o.healthyDeadline, 'the healthy deadline must be greater than 0', 'a positive duration');
  if (out.stagger !== undefined && (out.stagger as number) <= 0) fail([...path, 'stagger'], o.stagger, 'stagger must be greater than 0', 'a positive duration');
  if (mht !== undefined && hd !== undefined && mht >= hd) fail([...path, 'minHealthyTime'], o.minHealthyTime, 'the minimum healthy time must be less than the healthy deadline', 'a duration below healthyDeadline');
  if (hd !== undefined && pd !== undefined && pd !== 0 && hd >= pd) fail([...path, 'healthyDeadline'], o.healthyDeadline, 'the healthy deadline must be less than the progress deadline', 'a duration below progressDeadline');
  return out;
}

// A Consul/Nomad service name: nomad/structs/services.go (Service.Validate) at
// aa026cc99cfb74a77e519a1c1f0c78ba1b452705 requires this after interpolation.
const SERVICE_NAME = /^(?:[a-z0-9]|[a-z0-9][a-z0-9-]{0,61}[a-z0-9])$/i;
// minCheckInterval and minCheckTimeout in nomad/structs/services.go (same commit): 1s each.
export const MIN_CHECK_NS = 1_000_000_000;

function readCheck(value: unknown, path: Path): ServiceCheck {
  const o = expectObject(value, path, ['name', 'type', 'path', 'method', 'protocol', 'port', 'command', 'args', 'interval', 'timeout']);
  if (o.type === undefined) fail([...path, 'type'], undefined, 'a check needs a type', 'http | tcp | script | grpc');
  const type = expectEnum(o.type, [...path, 'type'], ['http', 'tcp', 'script', 'grpc'] as const);
  const timing = (key: 'interval' | 'timeout'): number => {
    const at = [...path, key];
    if (o[key] === undefined) fail(at, undefined, `a check needs an ${key} (Nomad refuses 0)`, 'a duration of at least 1s');
    const ns = expectDuration(o[key], at);
    if (ns < MIN_CHECK_NS) fail(at, o[key], `${key} must be greater than 0 and at least 1s, the minimum Nomad accepts`, 'a duration of at least 1s');
    return ns;
  };
  const out: ServiceCheck = { type, interval: timing('interval'), timeout: timing('timeout') };
  copyOptional(out, o, 'name', path, (v, p) => expectString(v, p));
  copyOptional(out, o, 'path', path, (v, p) => expectString(v, p));
  copyOptional(out, o, 'method', path, (v, p) => expectMatch(v, p, /^[A-Z]+$/, 'an HTTP method such as "GET"'));
  copyOptional(out, o, 'protocol', path, (v, p) => expectEnum(v, p, ['http', 'https'] as const));
  copyOptional(out, o, 'port', path, (v, p) => expectNonEmpty(v, p, 'a port label of the group'));
  copyOptional(out, o, 'command', path, (v, p) => expectNonEmpty(v, p));
  copyOptional(out, o, 'args', path, (v, p) => expectArray(v, p, (x, q) => expectString(x, q)));
  if (type === 'http') {
    // Nomad parses the path as a URL and wants it relative ("/info", not "http://…").
    if (out.path === undefined || out.path === '') fail([...path, 'path'], out.path, 'an http check needs a path', 'a path such as "/info"');
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(out.path)) fail([...path, 'path'], out.path, 'an http check path must be relative to the service address', 'a path such as "/info"');
  }
  if (type === 'script' && out.command === undefined) fail([...path, 'command'], undefined, 'a script check needs a command', 'a command to run in the task');
  return out;
}

export function readService(value: unknown, path: Path): Service {
  const o = expectObject(value, path, ['name', 'port', 'provider', 'tags', 'checks']);
  const name = expectMatch(o.name, [...path, 'name'], SERVICE_NAME, 'a DNS label: letters, digits and "-", 1 to 63 characters, not starting or ending with "-"');
  const out: Service = { name };
  copyOptional(out, o, 'port', path, (v, p) => expectNonEmpty(v, p, 'a port label of the group'));
  copyOptional(out, o, 'provider', path, (v, p) => expectEnum(v, p, ['consul', 'nomad'] as const));
  copyOptional(out, o, 'tags', path, (v, p) => expectArray(v, p, (x, q) => expectString(x, q)));
  copyOptional(out, o, 'checks', path, (v, p) => expectArray(v, p, readCheck));
  return out;
}

// Resources.Validate / MinResources in nomad/structs/structs.go at
// aa026cc99cfb74a77e519a1c1f0c78ba1b452705: CPU ≥ 1 MHz unless cores are reserved, MemoryMB ≥ 10,
// MemoryMaxMB ≥ MemoryMB. (Older releases had MinResources CPU 20, and 100 before that.)
export const MIN_CPU_MHZ = 1;
export const MIN_MEMORY_MB = 10;

export function readResources(value: unknown, path: Path): Resources {
  const o = expectObject(value, path, ['cpu', 'cores', 'memory', 'memoryMax']);
  const out: Resources = {};
  copyOptional(out, o, 'cores', path, (v, p) => expectInteger(v, p, 0, 1 << 16));
  copyOptional(out, o, 'cpu', path, (v, p) => {
    const cpu = expectInteger(v, p, 0, INT32_MAX);
    if (cpu < MIN_CPU_MHZ && (out.cores ?? 0) === 0) fail(p, v, `minimum CPU value is ${MIN_CPU_MHZ} MHz`, `an integer ≥ ${MIN_CPU_MHZ}`);
    return cpu;
  });
  copyOptional(out, o, 'memory', path, (v, p) => {
    const mb = expectInteger(v, p, 0, INT32_MAX);
    if (mb < MIN_MEMORY_MB) fail(p, v, `minimum memory is ${MIN_MEMORY_MB} MiB`, `an integer ≥ ${MIN_MEMORY_MB}`);
    return mb;
  });
  copyOptional(out, o, 'memoryMax', path, (v, p) => {
    const mb = expectInteger(v, p, 0, INT32_MAX);
    if (mb < (out.memory ?? MIN_MEMORY_MB)) fail(p, v, `memoryMax must be at least memory (${out.memory ?? MIN_MEMORY_MB} MiB)`, 'an integer ≥ memory');
    return mb;
  });
  return out;
}

export function readTemplate(value: unknown, path: Path): Template {
  const o = expectObject(value, path, ['data', 'source', 'destination', 'env', 'changeMode', 'changeSignal', 'perms', 'splay', 'errorOnMissingKey', 'leftDelimiter', 'rightDelimiter']);
  const out: Template = { destination: expectNonEmpty(o.destination, [...path, 'destination'], 'a path in the task directory such as "secrets/app.env"') };
  copyOptional(out, o, 'data', path, (v, p) => expectString(v, p));
  copyOptional(out, o, 'source', path, (v, p) => expectNonEmpty(v, p));
  if ((out.data === undefined) === (out.source === undefined)) {
    fail(path, value, 'a template needs exactly one of "data" (inline text) and "source" (a file on the client)', 'data or source');
  }
  copyOptional(out, o, 'env', path, expectBoolean);
  copyOptional(out, o, 'changeMode', path, (v, p) => expectEnum(v, p, ['restart', 'noop', 'signal', 'script'] as const));
  copyOptional(out, o, 'changeSignal', path, (v, p) => expectMatch(v, p, /^SIG[A-Z0-9+]+$/, 'a signal name such as "SIGHUP"'));
  copyOptional(out, o, 'perms', path, (v, p) => expectMatch(v, p, /^0?[0-7]{3}$/, 'an octal mode such as "0600"'));
  copyOptional(out, o, 'splay', path, expectDuration);
  copyOptional(out, o, 'errorOnMissingKey', path, expectBoolean);
  copyOptional(out, o, 'leftDelimiter', path, (v, p) => expectNonEmpty(v, p));
  copyOptional(out, o, 'rightDelimiter', path, (v, p) => expectNonEmpty(v, p));
  if (out.changeMode === 'signal' && out.changeSignal === undefined) fail([...path, 'changeSignal'], undefined, 'changeMode "signal" needs a changeSignal', 'a signal name such as "SIGHUP"');
  return out;
}

function readConfigScalar(value: unknown, path: Path): string | number | boolean {
  if (typeof value === 'string') return expectString(value, path);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(path, value, `${value} is not a finite number`, 'a finite number');
    return value;
  }
  return fail(path, value, `must be text, a number, a boolean or a list of them, got ${value === null ? 'null' : Array.isArray(value) ? 'a nested array' : typeof value}`, 'string | number | boolean');
}

export function readDriverConfig(value: unknown, path: Path): Record<string, DriverConfigValue> {
  return expectRecord(value, path, (v, p) => (Array.isArray(v) ? expectArray(v, p, readConfigScalar) : readConfigScalar(v, p)), (name, p) => {
    if (!IDENTIFIER.test(name)) fail(p, name, `"${name}" is not a driver option name`, 'an identifier such as "image" or "force_pull"');
  });
}
