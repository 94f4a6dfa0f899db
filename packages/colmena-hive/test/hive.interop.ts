import { writeFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { colmenaStubEvaluator, hostileString, nixEvalJsonOrThrow, nixParseOrThrow, scratchFiles, seededRandom } from '../../../tools/test-helpers/index.js';
import { toHive, toHiveFlake, type Hive } from '../src/index.js';
import { twoNodes } from './fixtures.js';

// hive.nix and flake.nix as Nix reads them: parsed by nix-instantiate, then evaluated through a
// stand-in for Colmena's evaluator (tools/test-helpers/colmena-stub.ts) that checks option names
// and key sources the way Colmena's own modules do.

const ARGS = '{ pkgs = { }; lib = { }; }';

const MODULE_FILES = {
  'hosts/web1/isso.nix': '{ name, site, ... }: { networking.hostName = name; environment.etc.site.text = site; services.nginx.enable = true; }',
  'etc-common.nix': '{ ... }: { services.openssh.enable = true; }',
};

function withModulesAt(dir: string): Hive {
  const hive = twoNodes();
  hive.nodes.web2!.modules = [hive.nodes.web2!.modules![0]!, `${dir}/etc-common.nix`];
  return hive;
}

function evalHive(files: Record<string, string>, select: string): unknown {
  const scratch = scratchFiles(files);
  try {
    return nixEvalJsonOrThrow(`let evalHive = ${colmenaStubEvaluator(ARGS)}; raw = import ${scratch.dir}/hive.nix; in (${select}) (evalHive raw) raw`);
  } finally {
    scratch.remove();
  }
}

const parse = suite('toHive / toHiveFlake: nix-instantiate --parse');

parse('both forms parse with Nix', () => {
  nixParseOrThrow(toHive(twoNodes(), { header: ['generated'] }));
  nixParseOrThrow(toHiveFlake({ ...twoNodes(), meta: {} }));
});

const evaluate = suite('toHive: evaluated as Colmena evaluates a hive');

evaluate('gives every node its deployment options, keys and modules', () => {
  const scratch = scratchFiles(MODULE_FILES);
  let value: Record<string, any>;
  try {
    const hive = withModulesAt(scratch.dir);
    value = nixEvalJsonOrThrow(`let evalHive = ${colmenaStubEvaluator(ARGS)}; h = evalHive (import ${writeBeside(scratch.dir, toHive(hive))}); in {
      web1 = { inherit (h.web1) deployment networking environment services time; };
      web2 = { inherit (h.web2) deployment services time; };
    }`) as Record<string, any>;
  } finally {
    scratch.remove();
  }
  assert.equal(value.web1.deployment, { targetHost: 'web1.example.org', tags: ['web'] });
  assert.equal(value.web1.networking.hostName, 'web1');
  assert.equal(value.web1.environment.etc.site.text, 'comments.example.org');
  assert.is(value.web1.time.timeZone, 'UTC');
  assert.equal(value.web2.deployment, {
    targetHost: '10.0.0.2', targetPort: 2222, targetUser: 'deploy', tags: ['web', 'eu'], buildOnTarget: true, allowLocalDeployment: false,
    replaceUnknownProfiles: false, privilegeEscalationCommand: ['doas', '--'],
    keys: {
      'isso.env': { keyCommand: ['pass', 'show', 'isso/web2'], destDir: '/run/keys', user: 'root', group: 'keys', permissions: '0640', uploadAt: 'pre-activation' },
      'token.txt': { text: 'not very secret' },
      'cert.pem': { keyFile: '/home/ops/secrets/cert.pem' },
    },
  });
  assert.equal(value.web2.services, { nginx: { enable: true }, openssh: { enable: true } });
});

evaluate('a relative keyFile is the file beside hive.nix, not a store copy', () => {
  const hive: Hive = { nodes: { web1: { deployment: { keys: { 'isso.env': { keyFile: './secrets/isso.env' } } } } } };
  const scratch = scratchFiles({ 'hive.nix': toHive(hive), 'secrets/isso.env': 'A=1\n' });
  try {
    const keyFile = nixEvalJsonOrThrow(`((${colmenaStubEvaluator(ARGS)}) (import ${scratch.dir}/hive.nix)).web1.deployment.keys."isso.env".keyFile`);
    assert.is(keyFile, `${scratch.dir}/secrets/isso.env`);
  } finally {
    scratch.remove();
  }
});

evaluate('the stand-in refuses what Colmena refuses, so the checks above can fail', () => {
  const bad = '{ web1 = { deployment.keys.k = { text = "a"; keyFile = "/a"; }; }; }';
  assert.throws(() => evalHive({ 'hive.nix': bad }, 'h: raw: h.web1.deployment'), /Exactly one of/);
  assert.throws(() => evalHive({ 'hive.nix': '{ web1 = { deployment.targetHosts = "x"; }; }' }, 'h: raw: h.web1.deployment'), /does not exist/);
  assert.throws(() => evalHive({ 'hive.nix': '{ web1 = { imports = [ { a = 1; } ]; a = 2; }; }' }, 'h: raw: h.web1.a'), /conflicting definition/);
});

evaluate('hostile key texts, key commands and special arguments evaluate to what was given', () => {
  const random = seededRandom(15);
  const nodes: Hive['nodes'] = {};
  const expected: Record<string, { text: string; argv: string[]}> = {};
  for (let i = 0; i < 150; i++) {
    const text = hostileString(random, 12);
    const argv = ['sh', '-c', hostileString(random, 10), hostileString(random, 4)];
    nodes[`n${i}`] = { deployment: { keys: { a: { text }, b: { keyCommand: argv } } }, modules: [] };
    expected[`n${i}`] = { text, argv };
  }
  const arg = hostileString(random, 20);
  const hive: Hive = { meta: { specialArgs: { arg } }, nodes };
  const both = evalHive({ 'hive.nix': toHive(hive) }, 'h: raw: { nodes = builtins.mapAttrs (n: c: { text = c.deployment.keys.a.text; argv = c.deployment.keys.b.keyCommand; }) h; arg = raw.meta.specialArgs.arg; }') as { nodes: Record<string, { text: string; argv: string[] }>; arg: string };
  const out = both.nodes;
  for (const [name, want] of Object.entries(expected)) {
    assert.is(out[name]!.text, want.text, JSON.stringify(want.text));
    assert.equal(out[name]!.argv, want.argv);
  }
  assert.is(both.arg, arg);
});

const flake = suite('toHiveFlake: evaluated with stub inputs');

flake('outputs.colmenaHive is makeHive applied to the hive, with an initialized nixpkgs', () => {
  const scratch = scratchFiles({
    ...MODULE_FILES,
    'nixpkgs/default.nix': '{ system }: { inherit system; initialized = true; }',
  });
  try {
    const hive = withModulesAt(scratch.dir);
    delete hive.meta!.nixpkgs;
    const flakeFile = writeBeside(scratch.dir, toHiveFlake(hive, { nixpkgsUrl: 'github:NixOS/nixpkgs/nixos-25.11', system: 'aarch64-linux' }), 'flake.nix');
    const value = nixEvalJsonOrThrow(`let
      f = import ${flakeFile};
      out = f.outputs { nixpkgs = ${scratch.dir}/nixpkgs; colmena = { lib.makeHive = h: { madeFrom = h; }; }; };
      h = out.colmenaHive.madeFrom;
      nodes = (${colmenaStubEvaluator(ARGS)}) h;
    in { inputs = f.inputs; nixpkgs = h.meta.nixpkgs; web2 = nodes.web2.deployment.targetPort; site = nodes.web1.environment.etc.site.text; }`) as Record<string, any>;
    assert.equal(value.inputs, { nixpkgs: { url: 'github:NixOS/nixpkgs/nixos-25.11' }, colmena: { url: 'github:zhaofengli/colmena' } });
    assert.equal(value.nixpkgs, { system: 'aarch64-linux', initialized: true });
    assert.is(value.web2, 2222);
    assert.is(value.site, 'comments.example.org');
  } finally {
    scratch.remove();
  }
});

function writeBeside(dir: string, text: string, name = 'hive.nix'): string {
  writeFileSync(`${dir}/${name}`, text);
  return `${dir}/${name}`;
}

parse.run();
evaluate.run();
flake.run();
