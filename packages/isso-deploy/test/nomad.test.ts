import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { IssoDeploymentError, renderNomadFiles } from '../src/index.js';
import { CURRENT_DEPLOYMENT, MINIMAL, WITH_SECRETS, golden } from './fixtures.js';

const files = suite('renderNomadFiles');

const file = (result: ReturnType<typeof renderNomadFiles>, name: string): string => result.files.find((f) => f.name === name)!.text;

files('writes the job in both forms and the node module', () => {
  const result = renderNomadFiles(CURRENT_DEPLOYMENT);
  assert.equal(result.files.map((f) => f.name), ['isso.nomad.hcl', 'isso.nomad.json', 'nomad-node.nix']);
  assert.equal(result.warnings, []);
  for (const f of result.files) assert.ok(f.description.length > 0);
});

files('gives the seed a job nomad job validate accepts: podman, archive, host volume, loopback port, /info check', () => {
  const { Job } = JSON.parse(file(renderNomadFiles(CURRENT_DEPLOYMENT), 'isso.nomad.json')) as { Job: any };
  const group = Job.TaskGroups[0];
  assert.is(Job.ID, 'isso');
  assert.is(group.Count, 1);
  assert.equal(group.Constraints, [{ LTarget: '${meta.nixkit_isso_db}', RTarget: '/var/db/isso', Operand: '=' }]);
  assert.equal(group.Volumes, { 'isso-db': { Name: 'isso-db', Type: 'host', Source: 'isso-db' } });
  assert.equal(group.Networks[0].ReservedPorts, [{ Label: 'http', Value: 8080, To: 8080, HostNetwork: 'loopback' }]);
  assert.equal(group.Services[0].Checks[0].Path, '/info');
  assert.equal(group.Tasks[0].Config, { image: 'docker-archive:/etc/nixkit/isso/image.tar.gz', force_pull: true, ports: ['http'] });
  assert.equal(group.Tasks[0].VolumeMounts, [{ Volume: 'isso-db', Destination: '/db' }]);
  assert.is(group.Tasks[0].Templates, undefined);
});

files('takes the passwords from the Nomad variable, never from the files', () => {
  const result = renderNomadFiles(WITH_SECRETS);
  const { Job } = JSON.parse(file(result, 'isso.nomad.json')) as { Job: any };
  const template = Job.TaskGroups[0].Tasks[0].Templates[0];
  assert.is(template.Envvars, true);
  assert.match(template.EmbeddedTmpl, /^ISSO_SMTP_PASSWORD=\{\{ \.smtp_password \}\}$/m);
  assert.match(template.EmbeddedTmpl, /^ISSO_ADMIN_PASSWORD=\{\{ \.admin_password \}\}$/m);
  assert.is(Job.TaskGroups[0].Tasks[0].Env, undefined);
  assert.match(result.warnings.join('\n'), /nomad var put nomad\/jobs\/isso smtp_password=… admin_password=…/);
  // The job has no place for the host's environment file.
  for (const name of ['isso.nomad.hcl', 'isso.nomad.json']) assert.not.match(file(result, name), /\/run\/secrets\/isso\.env/);
});

files('follows the description: port, container name, backend', () => {
  const result = renderNomadFiles({ ...MINIMAL, port: 9000, containerName: 'comments_1', backend: 'docker', dbVolume: { hostPath: '/srv/isso' } });
  const { Job } = JSON.parse(file(result, 'isso.nomad.json')) as { Job: any };
  const group = Job.TaskGroups[0];
  assert.is(Job.ID, 'comments_1');
  assert.is(group.Services[0].Name, 'comments-1');
  assert.equal(group.Networks[0].ReservedPorts[0], { Label: 'http', Value: 9000, To: 9000, HostNetwork: 'loopback' });
  assert.is(group.Tasks[0].Driver, 'docker');
  assert.is(group.Tasks[0].Config.image, 'isso');
  assert.match(result.warnings.join('\n'), /docker load -i \/etc\/nixkit\/comments_1\/image\.tar\.gz/);
  assert.equal(group.Volumes, { 'comments_1-db': { Name: 'comments_1-db', Type: 'host', Source: 'comments_1-db' } });
  assert.is(group.Constraints[0].RTarget, '/srv/isso');
  const node = file(result, 'nomad-node.nix');
  assert.match(node, /services\.nomad\.enableDocker = true;/);
  assert.not.match(node, /nomad-driver-podman/);
});

files('renders the seed exactly as the reviewed golden files', () => {
  for (const f of renderNomadFiles(CURRENT_DEPLOYMENT).files) assert.fixture(f.text, golden(f.name, f.text), f.name);
});

files('refuses an invalid description with the field named', () => {
  assert.throws(() => renderNomadFiles({ ...MINIMAL, port: 0 }), (e: unknown) => e instanceof IssoDeploymentError && (e as IssoDeploymentError).path[0] === 'port');
});

files('opens the firewall once, as "openFirewall" says (a second binding would not parse)', () => {
  const count = (description: unknown) => (file(renderNomadFiles(description), 'nomad-node.nix').match(/networking\.firewall\.allowedTCPPorts/g) ?? []).length;
  assert.is(count(MINIMAL), 1);
  assert.is(count({ ...MINIMAL, openFirewall: false }), 0);
});

files.run();
