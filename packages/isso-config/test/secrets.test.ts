import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { env, isSecretRef, secretEnvVars } from '../src/index.js';

const SecretEnvVars = suite('secretEnvVars');

SecretEnvVars('lists each referenced variable once, in order of appearance', () => {
  const names = secretEnvVars({
    admin: { password: env('ISSO_ADMIN_PASSWORD') },
    smtp: { username: env('ISSO_SMTP_USER'), password: env('ISSO_SMTP_PASSWORD'), host: 'mail' },
    hash: { salt: env('ISSO_ADMIN_PASSWORD') },
  });
  assert.equal(names, ['ISSO_ADMIN_PASSWORD', 'ISSO_SMTP_USER', 'ISSO_SMTP_PASSWORD']);
});

SecretEnvVars('returns nothing for a config without references', () => {
  assert.equal(secretEnvVars({ general: { host: ['https://a'] }, smtp: { password: 'literal' } }), []);
});

SecretEnvVars.run();

const IsSecretRef = suite('isSecretRef');

IsSecretRef('accepts exactly { env: string }', () => {
  assert.ok(isSecretRef(env('X')));
  assert.ok(isSecretRef({ env: 'X' }));
  for (const value of [null, 'X', ['X'], { env: 1 }, { env: 'X', other: 1 }, {}]) assert.not.ok(isSecretRef(value), JSON.stringify(value));
});

IsSecretRef.run();
