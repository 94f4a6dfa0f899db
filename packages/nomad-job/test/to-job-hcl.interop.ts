import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seededRandom } from '../../../tools/test-helpers/index.js';
import { fromContainer, toJobHcl, toJobJson, type NomadJob } from '../src/index.js';
import { SEED_JOB } from './fixtures.js';
import { allStrings, randomJob } from './support/random-job.js';
import { canonicalOrder, decodeJobspec } from './support/jobspec-decode.js';

// toJobHcl read back by HashiCorp's own HCL parser (@cdktf/hcl2json, hashicorp/hcl v2 in
// WebAssembly), mapped to API fields as jobspec2 does, must equal toJobJson exactly.

async function roundTrip(job: NomadJob, label: string): Promise<unknown> {
  const hcl = toJobHcl(job);
  let decoded;
  try {
    decoded = await decodeJobspec(hcl);
  } catch (error) {
    throw new Error(`${label}: ${(error as Error).message}\n${hcl}`);
  }
  const expected = toJobJson(job);
  assert.equal(canonicalOrder(decoded), canonicalOrder(expected), `${label}\n${hcl}`);
  return decoded;
}

const hcl = suite('toJobHcl: read back by the real HCL parser');

hcl('the seed job reads back as the JSON job', async () => {
  await roundTrip(SEED_JOB, 'seed');
});

hcl('a job made by fromContainer reads back as its JSON job', async () => {
  const job = fromContainer(
    { name: 'isso', image: 'isso', ports: ['127.0.0.1:8080:8080'], volumes: ['/var/db/isso:/db'], environment: { TEMPLATE: '${x} %{y} $${z}' } },
    { imageArchive: '/etc/nixkit/isso/image.tar.gz', node: { attribute: '${meta.db}', value: 'x' }, hostVolumes: { '/var/db/isso': 'isso-db' }, hostNetwork: 'loopback', service: { checkPath: '/info' }, secrets: { env: { P: 'p' } } },
  );
  await roundTrip(job, 'fromContainer');
});

// The WebAssembly parser takes about 20 ms per job, so 2000 jobs take most of a minute.
hcl('2000 random jobs with hostile strings read back exactly, every string included', async () => {
  for (let seed = 1; seed <= 2000; seed++) {
    const job = randomJob(seededRandom(seed));
    // Every string the model holds (keys included) is among the strings read back.
    const back = new Set(allStrings(await roundTrip(job, `seed ${seed}`)));
    for (const s of allStrings(job)) {
      if (!back.has(s) && !/^[a-z][A-Za-z]*$/.test(s)) assert.unreachable(`seed ${seed}: ${JSON.stringify(s)} did not come back`);
    }
  }
});

hcl('the rendered file is printable ASCII whatever the input', async () => {
  for (let seed = 1; seed <= 300; seed++) {
    const text = toJobHcl(randomJob(seededRandom(seed)));
    assert.ok(/^[\x20-\x7e\n]*$/.test(text), `seed ${seed}`);
  }
});

hcl.run();
