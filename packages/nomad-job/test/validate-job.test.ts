import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NomadJobError, validateJob, type NomadJob } from '../src/index.js';
import { SEED_JOB } from './fixtures.js';

const clone = (): any => JSON.parse(JSON.stringify(SEED_JOB));

/** Asserts validateJob refuses `job` with a NomadJobError at `path` holding `value`. */
function refuses(job: unknown, path: (string | number)[], value: unknown, message?: RegExp): void {
  try {
    validateJob(job);
  } catch (error) {
    assert.instance(error, NomadJobError);
    const e = error as NomadJobError;
    assert.equal(e.path, path, e.message);
    assert.equal(e.value, value, e.message);
    if (message) assert.match(e.message, message);
    return;
  }
  assert.unreachable(`accepted ${JSON.stringify(path)} = ${JSON.stringify(value)}`);
}

const rules = suite('validateJob: the rules of nomad job validate');

rules('accepts the seed job and turns durations into nanoseconds', () => {
  const job = validateJob(SEED_JOB);
  assert.is(job.groups[0]!.restart!.interval, 300_000_000_000);
  assert.is(job.groups[0]!.services![0]!.checks![0]!.timeout, 2_000_000_000);
});

rules('refuses an empty job ID, and one with a space', () => {
  refuses({ ...clone(), id: '' }, ['id'], '', /must not be empty/);
  refuses({ ...clone(), id: 'my job' }, ['id'], 'my job', /space/);
});

rules('refuses an empty job name and NUL in names', () => {
  refuses({ ...clone(), name: '' }, ['name'], '');
  const job = clone();
  job.groups[0].name = 'a\0b';
  refuses(job, ['groups', 0, 'name'], 'a\0b', /NUL/);
});

rules('refuses a job type other than service, batch, system, sysbatch', () => {
  refuses({ ...clone(), type: 'daemon' }, ['type'], 'daemon', /service/);
  refuses({ ...clone(), type: 'core' }, ['type'], 'core');
});

rules('refuses a job without groups', () => {
  refuses({ ...clone(), groups: [] }, ['groups'], [], /at least one group/);
  const { groups: _g, ...rest } = clone();
  refuses(rest, ['groups'], undefined, /at least one group/);
});

rules('refuses a group without tasks and duplicate group names', () => {
  const empty = clone();
  empty.groups[0].tasks = [];
  refuses(empty, ['groups', 0, 'tasks'], [], /at least one task/);
  const twice = clone();
  twice.groups.push(clone().groups[0]);
  refuses(twice, ['groups', 1, 'name'], 'isso', /used twice/);
});

rules('refuses duplicate task names in a group', () => {
  const job = clone();
  job.groups[0].tasks.push({ name: 'isso', driver: 'exec' });
  refuses(job, ['groups', 0, 'tasks', 1, 'name'], 'isso', /used twice/);
});

rules('refuses a task without a driver, an empty driver, and the reserved name alloc', () => {
  const job = clone();
  delete job.groups[0].tasks[0].driver;
  refuses(job, ['groups', 0, 'tasks', 0, 'driver'], undefined, /needs a driver/);
  job.groups[0].tasks[0].driver = '';
  refuses(job, ['groups', 0, 'tasks', 0, 'driver'], '');
  const alloc = clone();
  alloc.groups[0].tasks[0].name = 'alloc';
  refuses(alloc, ['groups', 0, 'tasks', 0, 'name'], 'alloc');
  const slash = clone();
  slash.groups[0].tasks[0].name = 'a/b';
  refuses(slash, ['groups', 0, 'tasks', 0, 'name'], 'a/b', /slashes/);
});

rules('refuses a service, check or driver port label the group does not have', () => {
  const service = clone();
  service.groups[0].services[0].port = 'web';
  refuses(service, ['groups', 0, 'services', 0, 'port'], 'web', /does not exist/);
  const check = clone();
  check.groups[0].services[0].checks[0].port = 'admin';
  refuses(check, ['groups', 0, 'services', 0, 'checks', 0, 'port'], 'admin', /does not exist/);
  const task = clone();
  task.groups[0].tasks[0].services = [{ name: 'x', port: 'nope' }];
  refuses(task, ['groups', 0, 'tasks', 0, 'services', 0, 'port'], 'nope');
  const driver = clone();
  driver.groups[0].tasks[0].config.ports = ['http', 'https'];
  refuses(driver, ['groups', 0, 'tasks', 0, 'config', 'ports', 1], 'https', /does not exist/);
  const none = clone();
  delete none.groups[0].services[0].port;
  refuses(none, ['groups', 0, 'services', 0, 'checks', 0], 'http', /needs a port/);
});

rules('refuses duplicate port labels and a static port reserved twice', () => {
  const job = clone();
  job.groups[0].networks[0].ports.push({ label: 'http' });
  refuses(job, ['groups', 0, 'networks', 0, 'ports', 1, 'label'], 'http', /already used/);
  const twice = clone();
  twice.groups[0].networks[0].ports.push({ label: 'b', static: 8080, hostNetwork: 'loopback' });
  refuses(twice, ['groups', 0, 'networks', 0, 'ports', 1, 'static'], 8080, /already reserved/);
  const range = clone();
  range.groups[0].networks[0].ports[0].static = 70000;
  refuses(range, ['groups', 0, 'networks', 0, 'ports', 0, 'static'], 70000, /out of range/);
});

rules('refuses check intervals and timeouts that are 0, missing or under Nomad\'s 1s minimum', () => {
  for (const key of ['interval', 'timeout']) {
    const zero = clone();
    zero.groups[0].services[0].checks[0][key] = 0;
    refuses(zero, ['groups', 0, 'services', 0, 'checks', 0, key], 0, /greater than 0/);
    const short = clone();
    short.groups[0].services[0].checks[0][key] = '500ms';
    refuses(short, ['groups', 0, 'services', 0, 'checks', 0, key], '500ms', /at least 1s/);
    const missing = clone();
    delete missing.groups[0].services[0].checks[0][key];
    refuses(missing, ['groups', 0, 'services', 0, 'checks', 0, key], undefined, new RegExp(`needs an ${key}`));
  }
});

rules('refuses CPU under 1 MHz and memory under 10 MiB, and memoryMax under memory', () => {
  const cpu = clone();
  cpu.groups[0].tasks[0].resources.cpu = 0;
  refuses(cpu, ['groups', 0, 'tasks', 0, 'resources', 'cpu'], 0, /minimum CPU value is 1/);
  const memory = clone();
  memory.groups[0].tasks[0].resources.memory = 9;
  refuses(memory, ['groups', 0, 'tasks', 0, 'resources', 'memory'], 9, /minimum memory is 10/);
  const max = clone();
  max.groups[0].tasks[0].resources.memoryMax = 128;
  refuses(max, ['groups', 0, 'tasks', 0, 'resources', 'memoryMax'], 128, /at least memory/);
  const cores = clone();
  cores.groups[0].tasks[0].resources = { cores: 2, cpu: 0, memory: 64 };
  assert.is(validateJob(cores).groups[0]!.tasks[0]!.resources!.cpu, 0);
});

rules('refuses an invalid service name, an absolute-URL check path, and a volume mount of an undeclared volume', () => {
  const name = clone();
  name.groups[0].services[0].name = 'isso_comments';
  refuses(name, ['groups', 0, 'services', 0, 'name'], 'isso_comments');
  const path = clone();
  path.groups[0].services[0].checks[0].path = 'http://localhost/info';
  refuses(path, ['groups', 0, 'services', 0, 'checks', 0, 'path'], 'http://localhost/info', /relative/);
  const mount = clone();
  mount.groups[0].tasks[0].volumeMounts[0].volume = 'db';
  refuses(mount, ['groups', 0, 'tasks', 0, 'volumeMounts', 0, 'volume'], 'db', /not declared/);
});

rules('refuses restart and update policies Nomad cannot follow', () => {
  const tight = clone();
  tight.groups[0].restart = { attempts: 3, delay: '1m', interval: '2m', mode: 'delay' };
  refuses(tight, ['groups', 0, 'restart', 'interval'], '2m', /restart 3 times/);
  const short = clone();
  short.groups[0].restart = { interval: '1s' };
  refuses(short, ['groups', 0, 'restart', 'interval'], '1s', /5s/);
  const ambiguous = clone();
  ambiguous.groups[0].restart = { attempts: 0, mode: 'delay' };
  refuses(ambiguous, ['groups', 0, 'restart', 'attempts'], 0, /ambiguous/);
  const update = clone();
  update.groups[0].update.minHealthyTime = '5m';
  refuses(update, ['groups', 0, 'update', 'minHealthyTime'], '5m', /less than the healthy deadline/);
  const progress = clone();
  progress.groups[0].update.progressDeadline = '1m';
  refuses(progress, ['groups', 0, 'update', 'healthyDeadline'], '3m', /progress deadline/);
});

rules('refuses a system job with count over 1', () => {
  const job = clone();
  job.type = 'system';
  job.groups[0].count = 2;
  refuses(job, ['groups', 0, 'count'], 2, /system/);
});

const shape = suite('validateJob: runtime shape checks');

shape('refuses unknown fields at any depth, naming them', () => {
  refuses({ ...clone(), Datacenters: ['dc1'] }, ['Datacenters'], ['dc1'], /unknown field/);
  const job = clone();
  job.groups[0].tasks[0].resources.disk = 300;
  refuses(job, ['groups', 0, 'tasks', 0, 'resources', 'disk'], 300, /unknown field "disk"/);
});

shape('refuses wrong types, NaN and infinite numbers', () => {
  refuses({ ...clone(), datacenters: 'dc1' }, ['datacenters'], 'dc1', /must be an array/);
  const count = clone();
  count.groups[0].count = Number.NaN;
  refuses(count, ['groups', 0, 'count'], Number.NaN, /NaN/);
  const config = clone();
  config.groups[0].tasks[0].config.cpu_cfs_period = Number.POSITIVE_INFINITY;
  refuses(config, ['groups', 0, 'tasks', 0, 'config', 'cpu_cfs_period'], Number.POSITIVE_INFINITY, /finite/);
  const duration = clone();
  duration.groups[0].restart.delay = '15 seconds';
  refuses(duration, ['groups', 0, 'restart', 'delay'], '15 seconds', /not a duration/);
  refuses(null, [], null, /must be an object/);
  refuses('job "isso" {}', [], 'job "isso" {}', /must be an object/);
});

shape('refuses a cycle, naming where it closes', () => {
  const job = clone();
  job.groups[0].tasks[0].config.self = job.groups[0];
  refuses(job, ['groups', 0, 'tasks', 0, 'config', 'self'], '[cycle]', /cycle/);
});

shape('refuses env and meta keys that HCL block syntax cannot write, and lone surrogates', () => {
  const env = clone();
  env.groups[0].tasks[0].env = { 'a.b': 'x' };
  refuses(env, ['groups', 0, 'tasks', 0, 'env', 'a.b'], 'a.b');
  const meta = clone();
  meta.meta = { '1x': 'y' };
  refuses(meta, ['meta', '1x'], '1x');
  const text = clone();
  text.groups[0].tasks[0].config.image = 'a\ud800b';
  refuses(text, ['groups', 0, 'tasks', 0, 'config', 'image'], 'a\ud800b', /surrogate/);
});

shape('keeps a JSON key "__proto__" as a plain entry', () => {
  const job = JSON.parse('{"id":"x","groups":[{"name":"g","tasks":[{"name":"t","driver":"exec","env":{"__proto__":"v"}}]}]}') as NomadJob;
  const env = validateJob(job).groups[0]!.tasks[0]!.env!;
  assert.equal(Object.keys(env), ['__proto__']);
  assert.is(Object.getPrototypeOf(env), Object.prototype);
});

rules.run();
shape.run();
