import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { secret, validateImage } from '../src/index.js';
import { issoImage } from './support/article.js';
import { refusal } from './support/refusal.js';

const reject = (input: unknown) => refusal(() => validateImage(input));

const validate = suite('validateImage');


validate('accepts the article image', () => {
  const out = validateImage(issoImage);
  assert.is(out.config?.Cmd?.length, 13);
});

validate('names unknown fields at every level', () => {
  assert.equal(reject({ name: 'a', contents: [] }).path, ['contents']);
  assert.equal(reject({ name: 'a', config: { cmd: [] } }).path, ['config', 'cmd']);
  assert.equal(reject({ name: 'a', config: { Healthcheck: { Test: ['NONE'], interval: 1 } } }).path, ['config', 'Healthcheck', 'interval']);
});

validate('checks OCI config values', () => {
  assert.equal(reject({ name: 'a', config: { Env: ['NO_EQUALS'] } }).path, ['config', 'Env', 0]);
  assert.equal(reject({ name: 'a', config: { Env: ['1BAD=x'] } }).path, ['config', 'Env', 0]);
  assert.equal(reject({ name: 'a', config: { ExposedPorts: ['8080/http'] } }).path, ['config', 'ExposedPorts', 0]);
  assert.equal(reject({ name: 'a', config: { Volumes: ['data'] } }).path, ['config', 'Volumes', 0]);
  assert.equal(reject({ name: 'a', config: { StopSignal: 'TERM' } }).path, ['config', 'StopSignal']);
  assert.equal(reject({ name: 'a', config: { Healthcheck: { Test: ['CMD'] } } }).path, ['config', 'Healthcheck', 'Test']);
  assert.equal(reject({ name: 'a', config: { Healthcheck: { Test: ['NONE'], Interval: '5 minutes' } } }).path, ['config', 'Healthcheck', 'Interval']);
  assert.equal(reject({ name: 'Isso' }).path, ['name']);
  assert.equal(reject({ name: 'a', tag: 'a b' }).path, ['tag']);
  assert.equal(reject({ name: 'a', builder: 'buildDockerImage' }).path, ['builder']);
});

validate('normalises healthcheck durations to nanoseconds', () => {
  const out = validateImage({ name: 'a', config: { Healthcheck: { Test: ['CMD', '/bin/check'], Interval: '1m30s', Timeout: 5_000_000_000, Retries: 3 } } });
  assert.equal(out.config?.Healthcheck, { Test: ['CMD', '/bin/check'], Interval: 90_000_000_000, Timeout: 5_000_000_000, Retries: 3 });
});

validate('refuses a secret in the image config, which lives in the store', () => {
  const error = reject({ name: 'a', config: { Env: { TOKEN: secret('abc123') } } });
  assert.equal(error.path, ['config', 'Env', 'TOKEN']);
  assert.not.match(error.message, /abc123/);
});

validate.run();
