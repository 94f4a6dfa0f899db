import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { colmenaStubEvaluator, nginxSandbox, nginxTest, nixEvalJsonOrThrow, nixParseOrThrow, scratchFiles } from '../../../tools/test-helpers/index.js';
import { renderFleet, renderNixosModule, renderPlainFiles, resolveDeployment } from '../src/index.js';
import { containersFleet, issueFleet, twoSitesFleet } from './fleet-fixtures.js';
import { PYTHON_NAMES, STUB_STATE_VERSION, evalModules, stubbedApply } from './nix-stubs.js';

// The rendered fleet as Nix and nginx read it: every file parses; the hive evaluates through a
// stand-in for Colmena's evaluator (tools/test-helpers/colmena-stub.ts) with the stub pkgs of
// the single-host module tests, merging each node's modules as NixOS would; and the host's
// nginx http block passes the real nginx -t where the sites' own log formats, concatenated the
// way NixOS concatenates `types.lines`, fail.

/** The module arguments the single-host tests use (stub pkgs and lib), as one attribute set. */
const MODULE_ARGS = `(${stubbedApply([...PYTHON_NAMES, 'nose'])}) (args: args)`;

/** True when every leaf of `part` is in `whole` at the same place (list items: each somewhere in the list). */
function containedIn(part: unknown, whole: unknown, path = ''): string | null {
  if (Array.isArray(part)) {
    if (!Array.isArray(whole)) return `${path}: not a list in the hive`;
    for (const item of part) if (!whole.some((w) => containedIn(item, w) === null)) return `${path}: ${JSON.stringify(item)} missing in the hive`;
    return null;
  }
  if (typeof part === 'object' && part !== null) {
    if (typeof whole !== 'object' || whole === null) return `${path}: not an attribute set in the hive`;
    for (const [key, value] of Object.entries(part)) {
      const miss = containedIn(value, (whole as Record<string, unknown>)[key], `${path}.${key}`);
      if (miss !== null) return miss;
    }
    return null;
  }
  return part === whole ? null : `${path}: ${JSON.stringify(part)} is ${JSON.stringify(whole)} in the hive`;
}

function evalFleet(fleet: unknown, select: string, flake = false): unknown {
  const result = renderFleet(fleet, { flake });
  const scratch = scratchFiles(Object.fromEntries(result.files.map((f) => [f.path, f.text])));
  try {
    return nixEvalJsonOrThrow(`let evalHive = ${colmenaStubEvaluator(MODULE_ARGS)}; raw = import ${scratch.dir}/hive.nix; in (${select}) (evalHive raw)`);
  } finally {
    scratch.remove();
  }
}

const parse = suite('renderFleet: nix-instantiate --parse');

parse('every file of the fleet parses, flake included', () => {
  for (const fleet of [issueFleet(), twoSitesFleet(), containersFleet()]) {
    for (const file of renderFleet(fleet, { flake: true }).files) nixParseOrThrow(file.text);
  }
});

const evaluate = suite('renderFleet: the hive evaluated as Colmena evaluates it');

evaluate('every node merges its sites without conflicting definitions, with Colmena options as given', () => {
  const nodes = evalFleet(twoSitesFleet(), `h: builtins.mapAttrs (n: c: {
    deployment = c.deployment;
    containers = builtins.attrNames c.virtualisation.oci-containers.containers;
    vhosts = builtins.attrNames c.services.nginx.virtualHosts;
    units = builtins.attrNames (c.systemd.services or { });
    podmanIsso = c.systemd.services.podman-isso or null;
    common = c.services.nginx.commonHttpConfig;
  }) h`) as Record<string, any>;
  assert.equal(nodes.web1.deployment, {
    targetHost: 'web1.example.org', targetPort: 2222,
    keys: { 'isso-a.env': { keyCommand: ['pass', 'show', 'isso/a'], destDir: '/run/keys' } },
  });
  assert.equal(nodes.web2.deployment, { targetHost: '10.0.0.2', targetUser: 'deploy', tags: ['eu'] });
  assert.equal(nodes.web1.containers.sort(), ['isso', 'isso-c']);
  assert.equal(nodes.web1.vhosts.sort(), ['comments.a.example', 'comments.c.example', 'comments.d.example']);
  assert.equal(nodes.web1.units.sort(), ['isso', 'podman-isso']);
  assert.equal(nodes.web1.podmanIsso, { requires: ['isso-a.env-key.service'], after: ['isso-a.env-key.service'] });
  assert.is(nodes.web1.common.match(/log_format anonymous/g).length, 1);
});

/** Checks that every site of `fleet` evaluates in its node as its own description does alone; returns the count. */
function sitesAsAlone(fleet: { hosts: Record<string, any> }): number {
  const nodes = evalFleet(fleet, 'h: h') as Record<string, Record<string, any>>;
  let checked = 0;
  for (const [host, { isso }] of Object.entries(fleet.hosts) as [string, { isso: Record<string, any>[] }][]) {
    // The description carries its own mode: no mode is passed here.
    const modules = isso.map(({ secretKey: _key, ...description }) => renderNixosModule(resolveDeployment(description)));
    const singles = evalModules(modules, 'r: r', [...PYTHON_NAMES, 'nose']) as Record<string, any>[];
    singles.forEach((single, i) => {
      delete single.services.nginx.commonHttpConfig;
      const miss = containedIn(single, nodes[host]);
      assert.is(miss, null, `${host} site ${i}: ${miss}`);
      checked++;
    });
  }
  return checked;
}

evaluate('every site evaluates in its node as its single-host module evaluates alone', () => {
  assert.is(sitesAsAlone(twoSitesFleet()), 4);
  assert.is(sitesAsAlone(issueFleet()), 2);
  assert.is(sitesAsAlone(containersFleet()), 3);
});

evaluate('two NixOS containers share a host: their own containers, links, NAT interfaces, mounts and units', () => {
  const web1 = evalFleet(containersFleet(), `h: let c = h.web1; in {
    containers = builtins.mapAttrs (n: x: {
      inherit (x) hostAddress localAddress privateNetwork autoStart ephemeral;
      extraFlags = x.extraFlags or [ ];
      mounts = builtins.mapAttrs (p: m: m.hostPath) x.bindMounts;
      stateVersion = x.config.system.stateVersion;
      ports = x.config.networking.firewall.allowedTCPPorts;
      exec = x.config.systemd.services.isso.serviceConfig.ExecStart;
      env = x.config.systemd.services.isso.serviceConfig.EnvironmentFile or null;
    }) c.containers;
    nat = c.networking.nat;
    hostUnits = builtins.mapAttrs (n: u: builtins.attrNames u) c.systemd.services;
    keyA = { inherit (c.systemd.services."container@isso-a") bindsTo after wantedBy; };
    tmpfiles = builtins.attrNames c.systemd.tmpfiles.settings.isso;
    podman = builtins.attrNames c.virtualisation.oci-containers.containers;
    proxies = builtins.mapAttrs (n: v: v.locations."/".proxyPass) c.services.nginx.virtualHosts;
    keys = builtins.attrNames c.deployment.keys;
  }`) as Record<string, any>;
  assert.equal(Object.keys(web1.containers).sort(), ['isso-a', 'isso-b']);
  const a = web1.containers['isso-a'];
  const b = web1.containers['isso-b'];
  assert.equal([a.hostAddress, a.localAddress, b.hostAddress, b.localAddress], ['192.168.247.10', '192.168.247.11', '192.168.247.14', '192.168.247.15']);
  assert.equal([a.privateNetwork, a.autoStart, a.ephemeral, b.privateNetwork], [true, true, true, true]);
  assert.equal(a.extraFlags, ['--resolv-conf=bind-host']);
  assert.equal(b.extraFlags, []);
  assert.is(a.mounts['/var/lib/private/isso'], '/var/db/isso-a');
  assert.is(b.mounts['/var/lib/private/isso'], '/var/db/isso-b');
  assert.is(a.mounts['/run/keys/isso-a.env'], '/run/keys/isso-a.env');
  assert.is(b.mounts['/run/keys/isso-a.env'], undefined);
  assert.equal([a.stateVersion, b.stateVersion], [STUB_STATE_VERSION, STUB_STATE_VERSION]);
  assert.equal([a.ports, b.ports], [[8080], [8081]]);
  assert.match(a.exec, /--bind 192\.168\.247\.11:8080 /);
  assert.match(b.exec, /--bind 192\.168\.247\.15:8081 /);
  assert.equal([a.env, b.env], ['/run/keys/isso-a.env', null]);
  assert.equal(web1.nat.enable, true);
  assert.equal([...web1.nat.internalInterfaces].sort(), ['ve-isso-a', 've-isso-b']);
  assert.is(web1.nat.externalInterface, undefined);
  assert.equal(web1.hostUnits['container@isso-a'].sort(), ['after', 'bindsTo', 'restartTriggers', 'wantedBy']);
  assert.equal(web1.hostUnits['container@isso-b'], ['restartTriggers']);
  assert.equal(web1.keyA, { bindsTo: ['isso-a.env-key.service'], after: ['isso-a.env-key.service'], wantedBy: ['isso-a.env-key.service'] });
  assert.equal(web1.keys, ['isso-a.env']);
  assert.equal(web1.tmpfiles.sort(), ['/var/db/isso-a', '/var/db/isso-b', '/var/db/isso-c']);
  assert.equal(web1.podman, ['isso']);
  assert.equal(web1.proxies, {
    'comments.a.example': 'http://192.168.247.11:8080', 'comments.b.example': 'http://192.168.247.15:8081', 'comments.c.example': 'http://127.0.0.1:8081',
  });
});

evaluate('the issue\'s fleet runs web2 in a NixOS container', () => {
  const web2 = evalFleet(issueFleet(), 'h: { names = builtins.attrNames h.web2.containers; exec = h.web2.containers.isso.config.systemd.services.isso.serviceConfig.ExecStart; units = builtins.attrNames h.web2.systemd.services; oci = h.web2.virtualisation or null; }') as Record<string, any>;
  assert.equal(web2.names, ['isso']);
  assert.match(web2.exec, /--bind 192\.168\.247\.11:8081 /);
  assert.equal(web2.units, ['container@isso']);
  assert.is(web2.oci, null);
});

evaluate('the stand-in would catch two NixOS containers defining one option differently', () => {
  // Without the clash check: two modules with the same container name, different addresses.
  const a = renderNixosModule({ domain: 'comments.a.example', acmeEmail: 'le@a.example', mode: 'nixos-container' });
  const b = renderNixosModule({ domain: 'comments.b.example', acmeEmail: 'le@b.example', mode: 'nixos-container', port: 8081, nixosContainer: { hostAddress: '192.168.247.14', localAddress: '192.168.247.15' }, dbVolume: { hostPath: '/var/db/b' } });
  const scratch = scratchFiles({ 'a.nix': a, 'b.nix': b, 'hive.nix': '{ web1 = { imports = [ ./a.nix ./b.nix ]; }; }' });
  try {
    assert.throws(() => nixEvalJsonOrThrow(`(${colmenaStubEvaluator(MODULE_ARGS)} (import ${scratch.dir}/hive.nix)).web1.containers.isso.hostAddress`), /conflicting definition values/);
  } finally {
    scratch.remove();
  }
});

evaluate('the stand-in would catch two sites defining one option differently', () => {
  // Without the clash check: two modules with the same container name, different images.
  const a = renderNixosModule({ domain: 'comments.a.example', acmeEmail: 'le@a.example' });
  const b = renderNixosModule({ domain: 'comments.b.example', acmeEmail: 'le@b.example', port: 8081 });
  const scratch = scratchFiles({ 'a.nix': a, 'b.nix': b, 'hive.nix': '{ web1 = { imports = [ ./a.nix ./b.nix ]; }; }' });
  try {
    assert.throws(() => nixEvalJsonOrThrow(`(${colmenaStubEvaluator(MODULE_ARGS)} (import ${scratch.dir}/hive.nix)).web1.virtualisation`), /conflicting definition values/);
  } finally {
    scratch.remove();
  }
});

evaluate('the flake gives the same hive through colmena.lib.makeHive', () => {
  const result = renderFleet(issueFleet(), { flake: true, system: 'aarch64-linux' });
  const scratch = scratchFiles({ ...Object.fromEntries(result.files.map((f) => [f.path, f.text])), 'nixpkgs/default.nix': '{ system }: { inherit system; }' });
  try {
    const value = nixEvalJsonOrThrow(`let
      out = (import ${scratch.dir}/flake.nix).outputs { nixpkgs = ${scratch.dir}/nixpkgs; colmena.lib.makeHive = h: h; };
      nodes = (${colmenaStubEvaluator(MODULE_ARGS)}) out.colmenaHive;
    in { nixpkgs = out.colmenaHive.meta.nixpkgs; web2 = nodes.web2.containers.isso.config.systemd.services.isso.serviceConfig.ExecStart; tags = nodes.web2.deployment.tags; }`) as Record<string, any>;
    assert.equal(value.nixpkgs, { system: 'aarch64-linux' });
    assert.match(value.web2, /--bind 192\.168\.247\.11:8081 /);
    assert.equal(value.tags, ['eu']);
  } finally {
    scratch.remove();
  }
});

const nginx = suite('renderFleet: nginx -t on a host with several sites');

/** What NixOS's nginx module writes into its http block before commonHttpConfig. */
const NIXOS_MAP = 'map $http_upgrade $connection_upgrade {\n  default upgrade;\n  \'\'      close;\n}\n';

function servers(sites: Record<string, any>[]): string {
  const { cert, key, prefix } = nginxSandbox();
  return sites.map(({ secretKey: _k, ...d }) => {
    const text = renderPlainFiles(resolveDeployment(d)).nginxServer;
    return text.slice(text.indexOf('server {'))
      .replaceAll(`/etc/letsencrypt/live/${d.domain}/fullchain.pem`, cert)
      .replaceAll(`/etc/letsencrypt/live/${d.domain}/chain.pem`, cert)
      .replaceAll(`/etc/letsencrypt/live/${d.domain}/privkey.pem`, key)
      .replaceAll(`/var/log/nginx/${d.domain}.log`, `${prefix}/logs/${d.domain}.log`);
  }).join('\n');
}

nginx('the host http config defines each log format once, and nginx accepts all the sites', () => {
  const fleet = twoSitesFleet();
  const common = evalFleet(fleet, 'h: h.web1.services.nginx.commonHttpConfig') as string;
  const result = nginxTest(NIXOS_MAP + common + servers(fleet.hosts.web1.isso), { dump: true });
  assert.ok(result.ok, result.output);
  assert.is(result.dump.match(/log_format anonymous/g)!.length, 1);
  assert.is(result.dump.match(/server_name comments\.[acd]\.example;/g)!.length, 6);
});

nginx('two NixOS containers and a container site on one host pass nginx -t, each proxied to its own address', () => {
  const fleet = containersFleet();
  const common = evalFleet(fleet, 'h: h.web1.services.nginx.commonHttpConfig') as string;
  const result = nginxTest(NIXOS_MAP + common + servers(fleet.hosts.web1.isso), { dump: true });
  assert.ok(result.ok, result.output);
  assert.is(result.dump.match(/log_format anonymous/g)!.length, 1);
  for (const upstream of ['192.168.247.11:8080', '192.168.247.15:8081', '127.0.0.1:8081']) {
    assert.match(result.dump, new RegExp(`proxy_pass http://${upstream.replaceAll('.', '\\.')};`));
  }
});

nginx('the sites\' own log formats, concatenated as NixOS concatenates lines, make nginx fail', () => {
  const fleet = twoSitesFleet();
  const modules = fleet.hosts.web1.isso.map(({ secretKey: _k, ...d }: Record<string, any>) => renderNixosModule(resolveDeployment(d)));
  const commons = evalModules(modules, 'r: r.services.nginx.commonHttpConfig', [...PYTHON_NAMES, 'nose']) as string[];
  const result = nginxTest(NIXOS_MAP + commons.join('\n') + servers(fleet.hosts.web1.isso));
  assert.not.ok(result.ok);
  assert.match(result.output, /duplicate "log_format" name "anonymous"/);
});

parse.run();
evaluate.run();
nginx.run();
