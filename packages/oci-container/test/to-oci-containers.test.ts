import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { print } from '@nixkit/nix-expr';
import { toOciContainers, toOciContainersModule } from '../src/index.js';
import { issoContainer } from './support/article.js';
import { binding, names } from './support/ast.js';
import { refusal } from './support/refusal.js';


const one = suite('toOciContainers');

one('writes only the fields set, in the article order', () => {
  assert.equal(names(toOciContainers(issoContainer)), ['image', 'imageFile', 'ports', 'volumes']);
  assert.is(print(binding(toOciContainers(issoContainer), 'imageFile') as never, { finalNewline: false }), 'issoDockerImage');
});

one('uses the module option names', () => {
  const attrs = toOciContainers({ name: 'a', image: 'a', logDriver: 'journald', autoStart: false, dependsOn: ['b'] });
  assert.equal(names(attrs), ['image', 'dependsOn', 'log-driver', 'autoStart']);
  assert.match(print(attrs), /log-driver = "journald";/);
  assert.match(print(attrs), /autoStart = false;/);
});

one('refuses options the named release lacks, and allows them without a release', () => {
  assert.equal(refusal(() => toOciContainers({ name: 'a', image: 'a', pull: 'always' }, { nixosRelease: '24.11' })).path, ['pull']);
  assert.equal(refusal(() => toOciContainers({ name: 'a', image: 'a', hostname: 'h' }, { nixosRelease: '23.05' })).path, ['hostname']);
  assert.equal(names(toOciContainers({ name: 'a', image: 'a', pull: 'always' })), ['image', 'pull']);
});

const module = suite('toOciContainersModule');

module('writes the backend explicitly and nests containers by name', () => {
  const attrs = toOciContainersModule([issoContainer]);
  assert.equal(names(attrs), ['backend', 'containers']);
  assert.equal(names(binding(attrs, 'containers')), ['isso']);
  assert.equal(binding(toOciContainersModule([{ name: 'a', image: 'a' }]), 'backend'), binding(attrs, 'backend'));
  assert.match(print(toOciContainersModule([{ name: 'a', image: 'a' }], { backend: 'docker' })), /backend = "docker";/);
});

module('refuses duplicate names, mixed backends and unknown dependencies, naming the container', () => {
  assert.equal(refusal(() => toOciContainersModule([{ name: 'a', image: 'a' }, { name: 'a', image: 'b' }])).path, ['containers', 1, 'name']);
  assert.equal(refusal(() => toOciContainersModule([{ name: 'a', image: 'a', backend: 'docker' }, { name: 'b', image: 'b', backend: 'podman' }])).path, ['containers', 1, 'backend']);
  assert.equal(refusal(() => toOciContainersModule([{ name: 'a', image: 'a', dependsOn: ['db'] }])).path, ['containers', 0, 'dependsOn', 0]);
  const nested = refusal(() => toOciContainersModule([{ name: 'a', image: 'a' }, { name: 'b', image: 'b', ports: ['x'] }]));
  assert.equal(nested.path, ['containers', 1, 'ports', 0]);
  assert.match(nested.message, /^containers\[1\]\.ports\[0\]: invalid port spec/);
});

one.run();
module.run();
