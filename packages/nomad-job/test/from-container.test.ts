import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { v } from '@nixkit/nix-expr';
import { validateContainer } from '@nixkit/oci-container';
import { NomadJobError, fromContainer, toJobJson, type FromContainerOptions } from '../src/index.js';

// The reference article's container as @nixkit/oci-container models it.
const ISSO = validateContainer({
  name: 'isso',
  backend: 'podman',
  image: 'isso',
  ports: [{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 8080 }],
  volumes: [{ source: '/var/db/isso', target: '/db' }],
});

const OPTIONS: FromContainerOptions = {
  imageArchive: '/etc/nixkit/isso/image.tar.gz',
  node: { attribute: '${meta.nixkit_isso_db}', value: '/var/db/isso' },
  hostVolumes: { '/var/db/isso': 'isso-db' },
  hostNetwork: 'loopback',
  service: { checkPath: '/info' },
  secrets: { env: { ISSO_SMTP_PASSWORD: 'smtp_password' } },
};

function refuses(run: () => unknown, path: (string | number)[], value: unknown, message: RegExp): void {
  try {
    run();
  } catch (error) {
    assert.instance(error, NomadJobError);
    assert.equal((error as NomadJobError).path, path, (error as Error).message);
    assert.equal((error as NomadJobError).value, value);
    assert.match((error as Error).message, message);
    return;
  }
  assert.unreachable('accepted');
}

const convert = suite('fromContainer');

convert('runs the oci-container model with the podman driver from the docker-archive', () => {
  const task = fromContainer(ISSO, OPTIONS).groups[0]!.tasks[0]!;
  assert.is(task.driver, 'podman');
  assert.equal(task.config, { image: 'docker-archive:/etc/nixkit/isso/image.tar.gz', force_pull: true, ports: ['http'] });
});

convert('pins one allocation to the node that holds the host volume', () => {
  const group = fromContainer(ISSO, OPTIONS).groups[0]!;
  assert.is(group.count, 1);
  assert.equal(group.constraints, [{ attribute: '${meta.nixkit_isso_db}', operator: '=', value: '/var/db/isso' }]);
  assert.equal(group.volumes, { 'isso-db': { type: 'host', source: 'isso-db' } });
  assert.equal(group.tasks[0]!.volumeMounts, [{ volume: 'isso-db', destination: '/db' }]);
});

convert('publishes the port on the loopback host network and checks /info over HTTP', () => {
  const group = fromContainer(ISSO, OPTIONS).groups[0]!;
  assert.equal(group.networks, [{ mode: 'host', ports: [{ label: 'http', static: 8080, to: 8080, hostNetwork: 'loopback' }] }]);
  assert.equal(group.services, [{
    name: 'isso', provider: 'nomad', port: 'http',
    checks: [{ name: 'isso-http', type: 'http', path: '/info', interval: 10_000_000_000, timeout: 2_000_000_000 }],
  }]);
});

convert('takes the SMTP password from a Nomad variable through an env template, never the jobspec', () => {
  const job = fromContainer(ISSO, OPTIONS);
  const template = job.groups[0]!.tasks[0]!.templates![0]!;
  assert.is(template.env, true);
  assert.is(template.destination, 'secrets/env');
  assert.match(template.data!, /nomadVar "nomad\/jobs\/isso"/);
  assert.match(template.data!, /^ISSO_SMTP_PASSWORD=\{\{ \.smtp_password \}\}$/m);
  assert.is(job.groups[0]!.tasks[0]!.env, undefined);
});

convert('uses the docker driver with the image name, which the node loads', () => {
  const task = fromContainer({ ...ISSO, cmd: ['--bind', '0.0.0.0:8080'], workdir: '/app' }, { ...OPTIONS, driver: 'docker' }).groups[0]!.tasks[0]!;
  assert.equal(task.config, { image: 'isso', args: ['--bind', '0.0.0.0:8080'], work_dir: '/app', ports: ['http'] });
});

convert('gives a valid job in API form', () => {
  const json = toJobJson(fromContainer(ISSO, OPTIONS));
  assert.is((json.Job.TaskGroups as any[])[0].Tasks[0].Driver, 'podman');
});

convert('refuses what a Nomad task cannot carry, naming the field', () => {
  refuses(() => fromContainer({ ...ISSO, environmentFiles: ['/run/secrets/isso.env'] }, OPTIONS), ['container', 'environmentFiles'], ['/run/secrets/isso.env'], /Nomad variable/);
  refuses(() => fromContainer({ ...ISSO, extraOptions: ['--privileged'] }, OPTIONS), ['container', 'extraOptions'], ['--privileged'], /raw runtime flags/);
  refuses(() => fromContainer({ ...ISSO, image: v('issoImage') }, OPTIONS), ['container', 'image'], v('issoImage'), /Nix expression/);
  refuses(() => fromContainer({ ...ISSO, ports: ['8080:8080/udp'] }, OPTIONS), ['container', 'ports', 0], '8080:8080/udp', /protocol/);
  refuses(() => fromContainer(ISSO, { ...OPTIONS, hostNetwork: undefined }), ['container', 'ports', 0], '127.0.0.1:8080:8080', /host_network/);
  refuses(() => fromContainer(ISSO, { ...OPTIONS, hostVolumes: {} }), ['container', 'volumes', 0], '/var/db/isso:/db', /hostVolumes/);
  refuses(() => fromContainer({ ...ISSO, volumes: ['isso-data:/db'] }, OPTIONS), ['container', 'volumes', 0], 'isso-data:/db', /named volume/);
  refuses(() => fromContainer(ISSO, { ...OPTIONS, bogus: 1 }), ['options', 'bogus'], 1, /unknown field/);
  refuses(() => fromContainer(ISSO, { ...OPTIONS, secrets: { env: { 'A-B': 'x' } } }), ['options', 'secrets', 'env', 'A-B'], 'A-B', /environment variable/);
  refuses(() => fromContainer(ISSO, { ...OPTIONS, resources: { memory: 4 } }), ['options', 'resources', 'memory'], 4, /minimum memory/);
});

convert.run();
