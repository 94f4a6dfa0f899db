import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nixParseOrThrow } from '../../../tools/test-helpers/index.js';
import { renderNomadFiles } from '../src/index.js';
import { canonicalOrder, decodeJobspec } from '../../nomad-job/test/support/jobspec-decode.js';
import { PYTHON_NAMES, evalModules } from './nix-stubs.js';
import { CURRENT_DEPLOYMENT, MINIMAL, WITH_SECRETS } from './fixtures.js';

const text = (description: unknown, name: string): string => renderNomadFiles(description).files.find((f) => f.name === name)!.text;

const job = suite('renderNomadFiles: the job read back by the real HCL parser');

job('isso.nomad.hcl, read as jobspec2 reads it, is isso.nomad.json', async () => {
  for (const description of [CURRENT_DEPLOYMENT, WITH_SECRETS, { ...MINIMAL, backend: 'docker', port: 9000 }]) {
    const decoded = await decodeJobspec(text(description, 'isso.nomad.hcl'));
    assert.equal(canonicalOrder(decoded), canonicalOrder(JSON.parse(text(description, 'isso.nomad.json'))));
  }
});

const node = suite('renderNomadFiles: nomad-node.nix with nix-instantiate');

node('parses with Nix', () => {
  for (const description of [CURRENT_DEPLOYMENT, WITH_SECRETS, { ...MINIMAL, backend: 'docker' }]) nixParseOrThrow(text(description, 'nomad-node.nix'));
});

node('evaluates to a Nomad client with the podman plugin, the host volume, the image kept and nginx in front', () => {
  const [value] = evalModules([text(CURRENT_DEPLOYMENT, 'nomad-node.nix')], `r: {
    nomad = { inherit (r.services.nomad) enable dropPrivileges enableDocker settings; plugins = map (p: p.outPath) r.services.nomad.extraSettingsPlugins; };
    podman = r.virtualisation.podman.enable;
    socket = r.systemd.sockets.podman.wantedBy;
    image = let i = r.environment.etc."nixkit/isso/image.tar.gz".source; in { inherit (i) name; path = i.outPath; cmd0 = builtins.head i.config.Cmd; };
    tmpfiles = r.systemd.tmpfiles.settings.isso;
    firewall = r.networking.firewall.allowedTCPPorts or null;
    proxy = r.services.nginx.virtualHosts."comments.luffy.cx".locations."/".proxyPass;
    acme = r.security.acme.certs."comments.luffy.cx".email;
  }`, PYTHON_NAMES) as Record<string, any>[];
  const v = value!;
  assert.equal([v.nomad.enable, v.nomad.dropPrivileges, v.nomad.enableDocker], [true, false, false]);
  assert.equal(v.nomad.plugins, ['/nix/store/stub-nomad-driver-podman']);
  assert.equal(v.nomad.settings, {
    server: { enabled: true, bootstrap_expect: 1 },
    client: {
      enabled: true,
      host_volume: { 'isso-db': { path: '/var/db/isso', read_only: false } },
      host_network: { loopback: { cidr: '127.0.0.1/32' } },
      meta: { nixkit_isso_db: '/var/db/isso' },
    },
    plugin: { 'nomad-driver-podman': { config: { volumes: { enabled: true } } } },
  });
  assert.is(v.podman, true);
  assert.equal(v.socket, ['sockets.target']);
  // The image derivation itself (the stub keeps its arguments): the article's buildImage.
  assert.equal(v.image, { name: 'isso', path: '/nix/store/stub-image', cmd0: '/nix/store/stub-isso-env/bin/gunicorn' });
  assert.equal(v.tmpfiles, { '/var/db/isso': { d: { mode: '0700' } } });
  // Today's defaults open nginx's ports, as in every mode ("openFirewall": false leaves them).
  assert.equal(v.firewall, [80, 443]);
  assert.is(v.proxy, 'http://127.0.0.1:8080');
  assert.is(v.acme, 'letsencrypt@vincent.bernat.ch');
});

node('the job and the node agree on the names: host volume, host network, meta, image path, port', () => {
  const files = renderNomadFiles({ ...MINIMAL, port: 9100, containerName: 'talk', dbVolume: { hostPath: '/srv/talk' } });
  const { Job } = JSON.parse(files.files[1]!.text) as { Job: any };
  const [settings] = evalModules([files.files[2]!.text], 'r: { s = r.services.nomad.settings.client; etc = builtins.attrNames r.environment.etc; proxy = r.services.nginx.virtualHosts."comments.example.org".locations."/".proxyPass; }', PYTHON_NAMES) as Record<string, any>[];
  const group = Job.TaskGroups[0];
  assert.ok(Object.hasOwn(settings!.s.host_volume, group.Volumes['talk-db'].Source));
  assert.is(settings!.s.host_volume['talk-db'].path, '/srv/talk');
  assert.ok(Object.hasOwn(settings!.s.host_network, group.Networks[0].ReservedPorts[0].HostNetwork));
  assert.is(settings!.s.meta.nixkit_isso_db, group.Constraints[0].RTarget);
  assert.is(group.Constraints[0].LTarget, '${meta.nixkit_isso_db}');
  assert.is(`docker-archive:/etc/${settings!.etc[0]}`, group.Tasks[0].Config.image);
  assert.is(settings!.proxy, `http://127.0.0.1:${group.Networks[0].ReservedPorts[0].Value}`);
});

job.run();
node.run();
