import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { print, ref, v } from '@nixkit/nix-expr';
import { OciContainerError, toDockerToolsCall } from '../src/index.js';
import { issoImage } from './support/article.js';
import { binding, names } from './support/ast.js';

const call = suite('toDockerToolsCall');

call('calls pkgs.dockerTools.buildImage with the article arguments in the article order', () => {
  const expr = toDockerToolsCall(issoImage);
  assert.is(print(expr.fn, { finalNewline: false }), 'pkgs.dockerTools.buildImage');
  const args = expr.args[0];
  assert.equal(names(args), ['name', 'tag', 'extraCommands', 'config']);
  assert.equal(names(binding(args, 'config')), ['Cmd', 'Env']);
  assert.match(print(expr), /"\$\{issoEnv\}\/bin\/gunicorn"/);
  assert.match(print(expr), /"SSL_CERT_FILE=\$\{pkgs\.cacert\}\/etc\/ssl\/certs\/ca-bundle\.crt"/);
});

call('uses contents for the layered builders and a custom dockerTools set', () => {
  const expr = toDockerToolsCall({ name: 'a', builder: 'streamLayeredImage', copyToRoot: [ref('pkgs.cacert')] }, { dockerTools: v('dt') });
  assert.is(print(expr.fn, { finalNewline: false }), 'dt.streamLayeredImage');
  assert.equal(names(expr.args[0]), ['name', 'contents']);
  assert.equal(names(toDockerToolsCall({ name: 'a', copyToRoot: [] }).args[0]), ['name', 'copyToRoot']);
});

call('writes ExposedPorts and Volumes as attribute sets of empty sets, keys kept whole', () => {
  const config = binding(toDockerToolsCall({ name: 'a', config: { ExposedPorts: ['8080/tcp', '53/udp'], Volumes: ['/db'], Labels: { 'org.opencontainers.image.title': 'isso' } } }).args[0], 'config');
  assert.equal(names(binding(config, 'ExposedPorts')), ['8080/tcp', '53/udp']);
  assert.equal(names(binding(config, 'Volumes')), ['/db']);
  assert.equal(names(binding(config, 'Labels')), ['org.opencontainers.image.title']);
});

call('writes healthcheck durations as integer nanoseconds', () => {
  const config = binding(toDockerToolsCall({ name: 'a', config: { Healthcheck: { Test: ['CMD-SHELL', 'curl -f localhost'], Interval: '30s', Retries: 3 } } }).args[0], 'config');
  const health = binding(config, 'Healthcheck');
  assert.equal(binding(health, 'Interval'), { kind: 'int', value: 30_000_000_000n });
  assert.equal(binding(health, 'Retries'), { kind: 'int', value: 3n });
});

call('renders an Env record as NAME=value strings, interpolating expressions', () => {
  const config = binding(toDockerToolsCall({ name: 'a', config: { Env: { A: 'x', B: v('b') } } }).args[0], 'config');
  assert.is(print(binding(config, 'Env') as never, { finalNewline: false }), '[\n  "A=x"\n  "B=${b}"\n]');
});

call('throws OciContainerError for invalid input instead of printing it', () => {
  assert.throws(() => toDockerToolsCall({ name: 'a', config: { Cmd: 'gunicorn' } } as never), (e: unknown) => e instanceof OciContainerError && e.path.join('.') === 'config.Cmd');
});

call.run();
