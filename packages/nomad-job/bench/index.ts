/**
 * Renders a job of 1,000 groups (the seed's group with hostile text in its env and template)
 * as HCL and as API JSON, validation included, against JSON.stringify of the same model in the
 * same process, which is the floor for any serializer of it.
 */
import { compare, report } from '../../../tools/bench/harness.js';
import { toJobHcl, toJobJsonText, type NomadJob } from '../src/index.js';
import { SEED_JOB } from '../test/fixtures.js';

const GROUPS = 1000;

function makeJob(scale: number): NomadJob {
  const seed = SEED_JOB.groups[0]!;
  const groups = Array.from({ length: GROUPS * scale }, (_, i) => ({
    ...seed,
    name: `isso-${i}`,
    tasks: seed.tasks.map((t) => ({ ...t, env: { GREETING: `héllo \${name} %{if} "${i}"\n\t🦀` } })),
  }));
  return { ...SEED_JOB, groups };
}

report(
  compare({
    package: '@nixkit/nomad-job',
    workload: `toJobHcl of a ${GROUPS.toLocaleString('en')}-group job (validated, every string escaped)`,
    make: makeJob,
    sizeOf: (job) => toJobHcl(job).length,
    ours: (job) => toJobHcl(job),
    baselineName: 'JSON.stringify(model)',
    baseline: (job) => JSON.stringify(job, null, 2),
  }),
);

report(
  compare({
    package: '@nixkit/nomad-job',
    workload: `toJobJsonText of a ${GROUPS.toLocaleString('en')}-group job (validated)`,
    make: makeJob,
    sizeOf: (job) => toJobJsonText(job).length,
    ours: (job) => toJobJsonText(job),
    baselineName: 'JSON.stringify(model)',
    baseline: (job) => JSON.stringify(job, null, 2),
  }),
);
