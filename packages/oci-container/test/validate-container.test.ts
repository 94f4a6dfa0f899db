import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { path as nixPath, interp, ref, v } from '@nixkit/nix-expr';
import { secret, validateContainer } from '../src/index.js';
import { issoContainer } from './support/article.js';
import { refusal } from './support/refusal.js';

const reject = (input: unknown) => refusal(() => validateContainer(input));

const validate = suite('validateContainer');


validate('accepts the article container and keeps its Nix expressions', () => {
  const out = validateContainer(issoContainer);
  assert.is(out.name, 'isso');
  assert.is(out.imageFile, issoContainer.imageFile);
  assert.equal(out.volumes, ['/var/db/isso:/db']);
});

validate('names an unknown field by its path', () => {
  const error = reject({ name: 'a', image: 'a', prots: [] });
  assert.equal(error.path, ['prots']);
  assert.match(error.message, /unknown field "prots"/);
  assert.match(error.accepted, /ports/);
});

validate('names a wrong type by its path, including inside lists', () => {
  assert.equal(reject({ name: 'a', image: 'a', ports: '80' }).path, ['ports']);
  assert.equal(reject({ name: 'a', image: 'a', cmd: ['ok', 3] }).path, ['cmd', 1]);
  assert.equal(reject({ name: 'a', image: 'a', autoStart: 'yes' }).path, ['autoStart']);
  assert.equal(reject({ name: 'a', image: 'a', environment: { A: 1 } }).path, ['environment', 'A']);
  assert.equal(reject(null).path, []);
});

validate('refuses malformed ports, volumes, images and env names with the field named', () => {
  const port = reject({ name: 'a', image: 'a', ports: ['80', '::1:80:80'] });
  assert.equal(port.path, ['ports', 1]);
  assert.match(port.message, /brackets/);
  assert.equal(reject({ name: 'a', image: 'a', volumes: ['data:relative'] }).path, ['volumes', 0]);
  assert.equal(reject({ name: 'a', image: 'Upper/Case' }).path, ['image']);
  const env = reject({ name: 'a', image: 'a', environment: { 'A-B': 'x' } });
  assert.equal(env.path, ['environment', 'A-B']);
  assert.equal(reject({ name: '-bad', image: 'a' }).path, ['name']);
  assert.equal(reject({ name: 'a', image: 'a', logDriver: 'journald; rm -rf /' }).path, ['logDriver']);
});

validate('formats structured ports and volumes to their canonical text', () => {
  const out = validateContainer({
    name: 'a',
    image: 'a',
    ports: [{ hostIp: '::1', hostPort: 8080, containerPort: 80, protocol: 'udp' }],
    volumes: [{ source: '/srv', target: '/data', options: ['ro', 'Z'] }],
  });
  assert.equal(out.ports, ['[::1]:8080:80/udp']);
  assert.equal(out.volumes, ['/srv:/data:ro,Z']);
});

validate('refuses a secret marker inline without repeating the secret', () => {
  const error = reject({ name: 'a', image: 'a', environment: { DB_PASSWORD: secret('hunter2') } });
  assert.equal(error.path, ['environment', 'DB_PASSWORD']);
  assert.match(error.message, /environmentFiles/);
  assert.not.match(error.message, /hunter2/);
  assert.is.not(JSON.stringify(error.value).includes('hunter2'), true);
  const json = reject(JSON.parse('{"name":"a","image":"a","labels":{"k":{"secret":true,"value":"s3cr3t"}}}'));
  assert.equal(json.path, ['labels', 'k']);
  assert.not.match(json.message, /s3cr3t/);
});

validate('refuses environment files that would land in the Nix store', () => {
  const pathNode = reject({ name: 'a', image: 'a', environmentFiles: [nixPath('./secret.env')] });
  assert.equal(pathNode.path, ['environmentFiles', 0]);
  assert.match(pathNode.message, /store/);
  const interpolated = reject({ name: 'a', image: 'a', environmentFiles: [interp`${nixPath('./secrets')}/isso.env`] });
  assert.match(interpolated.message, /store/);
  assert.match(reject({ name: 'a', image: 'a', environmentFiles: ['/nix/store/abc-isso.env'] }).message, /nix\/store/);
  assert.equal(reject({ name: 'a', image: 'a', environmentFiles: ['relative.env'] }).path, ['environmentFiles', 0]);
  const ok = validateContainer({ name: 'a', image: 'a', environmentFiles: ['/run/secrets/isso.env', ref('config.sops.secrets.isso.path')] });
  assert.is(ok.environmentFiles?.length, 2);
});

validate('refuses imageFile together with imageStream', () => {
  assert.equal(reject({ name: 'a', image: 'a', imageFile: v('x'), imageStream: v('y') }).path, ['imageStream']);
});

validate('keeps a "__proto__" label as data', () => {
  const out = validateContainer(JSON.parse('{"name":"a","image":"a","labels":{"__proto__":"x"}}'));
  assert.is(Object.getPrototypeOf(out.labels), Object.prototype);
  assert.equal(Object.keys(out.labels ?? {}), ['__proto__']);
});

validate('refuses a container that depends on itself', () => {
  assert.equal(reject({ name: 'a', image: 'a', dependsOn: ['a'] }).path, ['dependsOn']);
});

validate.run();
