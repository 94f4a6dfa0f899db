import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { list, print, ref, str, v } from '@nixkit/nix-expr';
import { escapeShellArg, NIXOS_RELEASES, toDockerToolsCall, toOciContainers, toOciContainersModule } from '../src/index.js';
import { nixEvalJsonOrThrow, nixParseOrThrow } from '../../../tools/test-helpers/index.js';
import { ARTICLE_VALUES, NIX_STUBS, articleFixture, issoContainer, issoImage } from './support/article.js';
import { hostileCases } from './support/hostile-container.js';

const evalWithStubs = (source: string) => nixEvalJsonOrThrow(`${NIX_STUBS}${source}`);

const ARTICLE_IMAGE_JSON = {
  name: 'isso',
  tag: 'latest',
  extraCommands: 'mkdir -p db\n',
  config: {
    Cmd: [`${ARTICLE_VALUES.issoEnv}/bin/gunicorn`, '--name', 'isso', '--bind', '0.0.0.0:8080', '--worker-class', 'gevent', '--workers', '2', '--worker-tmp-dir', '/dev/shm', '--preload', 'isso.run'],
    Env: [`ISSO_SETTINGS=${ARTICLE_VALUES.issoConfig}`, `SSL_CERT_FILE=${ARTICLE_VALUES['pkgs.cacert']}/etc/ssl/certs/ca-bundle.crt`],
  },
};

const dockerTools = suite('toDockerToolsCall (nix-instantiate)');

dockerTools('prints the article image so that it parses and evaluates like the article', () => {
  const source = print(toDockerToolsCall(issoImage));
  nixParseOrThrow(`${NIX_STUBS}${source}`);
  assert.equal(evalWithStubs(source), ARTICLE_IMAGE_JSON);
  assert.equal(evalWithStubs(articleFixture('article-docker-image.nix')), ARTICLE_IMAGE_JSON);
});

dockerTools('passes copyToRoot to buildImage and contents to the layered builders', () => {
  const image = { name: 'isso', copyToRoot: [ref('pkgs.cacert')], config: { ExposedPorts: ['8080/tcp'], Volumes: ['/db'], Healthcheck: { Test: ['CMD', '/bin/true'], Interval: '30s' } } };
  const built = list([
    toDockerToolsCall(image),
    toDockerToolsCall({ ...image, builder: 'buildLayeredImage' }),
    toDockerToolsCall({ ...image, builder: 'streamLayeredImage' }),
  ]);
  const config = { ExposedPorts: { '8080/tcp': {} }, Volumes: { '/db': {} }, Healthcheck: { Test: ['CMD', '/bin/true'], Interval: 30_000_000_000 } };
  assert.equal(evalWithStubs(print(built)), [
    { name: 'isso', copyToRoot: [ARTICLE_VALUES['pkgs.cacert']], config },
    { name: 'isso', contents: [ARTICLE_VALUES['pkgs.cacert']], config },
    { name: 'isso', contents: [ARTICLE_VALUES['pkgs.cacert']], config },
  ]);
});

dockerTools('evaluates hostile config values to exactly the input', () => {
  const cases = hostileCases(1234, 1500);
  const images = cases.map((c) => ({
    name: 'h',
    extraCommands: c.cmd.join('\n'),
    config: { Cmd: c.cmd, Env: c.env, Labels: c.labels, WorkingDir: c.workdir, Entrypoint: [c.entrypoint] },
  }));
  const actual = evalWithStubs(print(list(images.map((image) => toDockerToolsCall(image)))));
  const expected = images.map((image) => ({
    name: 'h',
    extraCommands: image.extraCommands,
    config: {
      Cmd: image.config.Cmd,
      Entrypoint: image.config.Entrypoint,
      Env: Object.entries(image.config.Env).map(([k, value]) => `${k}=${value}`),
      WorkingDir: image.config.WorkingDir,
      Labels: image.config.Labels,
    },
  }));
  assert.equal(actual, expected);
});

const containers = suite('toOciContainers (nix-instantiate)');

containers('prints the article module so that it evaluates like the article', () => {
  const source = print(toOciContainersModule([issoContainer]));
  nixParseOrThrow(`${NIX_STUBS}${source}`);
  const expected = {
    backend: 'podman',
    containers: { isso: { image: 'isso', imageFile: ARTICLE_VALUES.issoDockerImage, ports: ['127.0.0.1:8080:8080'], volumes: ['/var/db/isso:/db'] } },
  };
  assert.equal(evalWithStubs(source), expected);
  assert.equal(evalWithStubs(articleFixture('article-oci-containers.nix')), expected);
});

containers('evaluates hostile values and attribute names to exactly the input', () => {
  const cases = hostileCases(99, 2000);
  const inputs = cases.map((c, i) => ({
    name: `c${i}`, image: 'h', environment: c.env, labels: c.labels, cmd: c.cmd, environmentFiles: [c.envFile],
    volumes: [`${c.volumeSource}:/data:ro`], extraOptions: [c.extraOption], entrypoint: c.entrypoint, workdir: c.workdir,
    autoStart: i % 2 === 0, logDriver: 'journald',
  }));
  const actual = evalWithStubs(print(list(inputs.map((input) => toOciContainers(input)))));
  const expected = inputs.map(({ name: _name, logDriver, ...rest }) => ({ ...rest, 'log-driver': logDriver }));
  assert.equal(actual, expected);
});

containers('renders Nix expressions in place and the module value around them', () => {
  const source = print(toOciContainersModule([{ ...issoContainer, environmentFiles: [ref('secrets.isso')], cmd: [v('port')] }, { name: 'db', image: 'postgres:16', dependsOn: [] }]));
  const value = nixEvalJsonOrThrow(`${NIX_STUBS.replace('in\n', 'secrets = { isso = "/run/secrets/isso.env"; };\nin\n')}${source}`) as { containers: Record<string, { cmd?: string[]; environmentFiles?: string[] }> };
  assert.equal(value.containers['isso']?.environmentFiles, ['/run/secrets/isso.env']);
  assert.equal(value.containers['isso']?.cmd, ['8080']);
  assert.equal(Object.keys(value.containers), ['db', 'isso']);
});

const shellArg = suite('escapeShellArg (against a Nix evaluation of the nixpkgs rule)');

shellArg('matches lib.escapeShellArg before and after 24.11 for hostile strings', () => {
  const strings = hostileCases(5, 600).flatMap((c) => [...Object.values(c.env), ...c.cmd, c.envFile, 'plain-word', '', 'a,b.c_d+e:f@g%h/i-j', 'Ä']);
  const json = JSON.stringify(strings);
  // The nixpkgs definitions, written out with builtins so no nixpkgs checkout is needed.
  const source = `let
    strings = builtins.fromJSON ${print(str(json), { finalNewline: false })};
    quote = s: "'" + builtins.replaceStrings [ "'" ] [ "'\\\\''" ] s + "'";
    old = quote;
    new = s: if builtins.match "[[:alnum:],._+:@%/-]+" s == null then quote s else s;
  in { old = map old strings; new = map new strings; }`;
  const nix = nixEvalJsonOrThrow(source) as { old: string[]; new: string[] };
  assert.equal(strings.map((s) => escapeShellArg(s, '24.05')), nix.old);
  assert.equal(strings.map((s) => escapeShellArg(s, '24.11')), nix.new);
  assert.ok(NIXOS_RELEASES.includes('24.11'));
});

dockerTools.run();
containers.run();
shellArg.run();
