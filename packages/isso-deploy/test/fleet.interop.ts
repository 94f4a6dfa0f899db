import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { colmenaStubEvaluator, nginxSandbox, nginxTest, nixEvalJsonOrThrow, nixParseOrThrow, scratchFiles } from '../../../tools/test-helpers/index.js';
import { renderFleet, renderNixosModule, renderPlainFiles, resolveDeployment } from '../src/index.js';
import { issueFleet, twoSitesFleet } from './fleet-fixtures.js';
import { PYTHON_NAMES, evalModules, stubbedApply } from './nix-stubs.js';

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
  for (const fleet of [issueFleet(), twoSitesFleet()]) {
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

evaluate('every site evaluates in its node as its single-host module evaluates alone', () => {
  const fleet = twoSitesFleet();
  const nodes = evalFleet(fleet, 'h: h') as Record<string, Record<string, any>>;
  let checked = 0;
  for (const [host, { isso }] of Object.entries(fleet.hosts) as [string, { isso: Record<string, any>[] }][]) {
    const modules = isso.map(({ mode, secretKey: _key, ...description }) => renderNixosModule(resolveDeployment(description), { mode: mode ?? 'container' }));
    const singles = evalModules(modules, 'r: r', [...PYTHON_NAMES, 'nose']) as Record<string, any>[];
    singles.forEach((single, i) => {
      delete single.services.nginx.commonHttpConfig;
      const miss = containedIn(single, nodes[host]);
      assert.is(miss, null, `${host} site ${i}: ${miss}`);
      checked++;
    });
  }
  assert.is(checked, 4);
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
    in { nixpkgs = out.colmenaHive.meta.nixpkgs; web2 = nodes.web2.systemd.services.isso.serviceConfig.ExecStart; tags = nodes.web2.deployment.tags; }`) as Record<string, any>;
    assert.equal(value.nixpkgs, { system: 'aarch64-linux' });
    assert.match(value.web2, /--bind 127\.0\.0\.1:8081 /);
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
  return sites.map(({ mode: _m, secretKey: _k, ...d }) => {
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

nginx('the sites\' own log formats, concatenated as NixOS concatenates lines, make nginx fail', () => {
  const fleet = twoSitesFleet();
  const modules = fleet.hosts.web1.isso.map(({ mode, secretKey: _k, ...d }: Record<string, any>) => renderNixosModule(resolveDeployment(d), { mode: mode ?? 'container' }));
  const commons = evalModules(modules, 'r: r.services.nginx.commonHttpConfig', [...PYTHON_NAMES, 'nose']) as string[];
  const result = nginxTest(NIXOS_MAP + commons.join('\n') + servers(fleet.hosts.web1.isso));
  assert.not.ok(result.ok);
  assert.match(result.output, /duplicate "log_format" name "anonymous"/);
});

parse.run();
evaluate.run();
nginx.run();
