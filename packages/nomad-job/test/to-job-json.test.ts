import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NomadJobError, toJobJson, toJobJsonText } from '../src/index.js';
import { SEED_JOB } from './fixtures.js';

const json = suite('toJobJson');

json('wraps the job in {"Job": …}, as PUT /v1/jobs takes it', () => {
  const out = toJobJson(SEED_JOB);
  assert.equal(Object.keys(out), ['Job']);
  assert.is(out.Job.ID, 'isso');
  assert.is(out.Job.Name, 'isso');
  assert.is(out.Job.Type, 'service');
});

json('writes durations as integer nanoseconds', () => {
  const group = (toJobJson(SEED_JOB).Job.TaskGroups as any[])[0];
  assert.equal(group.RestartPolicy, { Interval: 300_000_000_000, Attempts: 3, Delay: 15_000_000_000, Mode: 'delay' });
  assert.is(group.Update.HealthyDeadline, 180_000_000_000);
  assert.equal(group.Services[0].Checks[0], { Name: 'isso-info', Type: 'http', Path: '/info', Interval: 10_000_000_000, Timeout: 2_000_000_000 });
});

json('puts static ports in ReservedPorts and the others in DynamicPorts, as jobspec2 does', () => {
  const job = structuredClone(SEED_JOB);
  job.groups[0]!.networks![0]!.ports!.push({ label: 'metrics', to: 9090 });
  const network = (toJobJson(job).Job.TaskGroups as any[])[0].Networks[0];
  assert.equal(network.ReservedPorts, [{ Label: 'http', Value: 8080, To: 8080, HostNetwork: 'loopback' }]);
  assert.equal(network.DynamicPorts, [{ Label: 'metrics', To: 9090 }]);
});

json('fills the template defaults jobspec2 fills, so both forms mean the same', () => {
  const template = (toJobJson(SEED_JOB).Job.TaskGroups as any[])[0].Tasks[0].Templates[0];
  assert.is(template.ChangeMode, 'restart');
  assert.is(template.Splay, 5_000_000_000);
  assert.is(template.Perms, '0400');
  assert.is(template.ErrMissingKey, false);
  assert.is(template.Envvars, true);
  assert.is(template.DestPath, 'secrets/env');
});

json('uses the API field names of the group and task structs', () => {
  const group = (toJobJson(SEED_JOB).Job.TaskGroups as any[])[0];
  assert.equal(Object.keys(group), ['Name', 'Count', 'Constraints', 'Tasks', 'Volumes', 'RestartPolicy', 'Update', 'Networks', 'Services']);
  assert.equal(group.Volumes, { 'isso-db': { Name: 'isso-db', Type: 'host', Source: 'isso-db' } });
  assert.equal(group.Constraints, [{ LTarget: '${meta.nixkit_isso_db}', RTarget: '/var/db/isso', Operand: '=' }]);
  assert.equal(Object.keys(group.Tasks[0]), ['Name', 'Driver', 'Config', 'Resources', 'Templates', 'VolumeMounts']);
  assert.equal(group.Tasks[0].Resources, { CPU: 200, MemoryMB: 256 });
});

json('leaves out block lists that are empty, as jobspec2 leaves them nil', () => {
  const job = structuredClone(SEED_JOB);
  job.groups[0]!.tasks[0]!.templates = [];
  job.groups[0]!.constraints = [];
  const group = (toJobJson(job).Job.TaskGroups as any[])[0];
  assert.is(group.Constraints, undefined);
  assert.is(group.Tasks[0].Templates, undefined);
});

json('validates first', () => {
  assert.throws(() => toJobJson({ id: 'x', groups: [] }), (e: unknown) => e instanceof NomadJobError && /groups/.test((e as Error).message));
});

json('toJobJsonText ends with a newline and parses back to the same object', () => {
  const text = toJobJsonText(SEED_JOB);
  assert.ok(text.endsWith('}\n'));
  assert.equal(JSON.parse(text), toJobJson(SEED_JOB));
});

json.run();
