import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { IssoConfigError, compareIssoVersions, isSupportedIssoVersion, supportsEnvExpansion } from '../src/index.js';

const Compare = suite('compareIssoVersions');

Compare('orders release numbers numerically, not as text', () => {
  assert.ok(compareIssoVersions('0.12.10', '0.12.9') > 0);
  assert.ok(compareIssoVersions('0.9.0', '0.12.0') < 0);
  assert.ok(compareIssoVersions('1.0', '0.99.99') > 0);
  assert.is(compareIssoVersions('0.14.0', '0.14.0'), 0);
});

Compare('reads a two-part version as the .0 release', () => {
  assert.is(compareIssoVersions('0.13', '0.13.0'), 0);
  assert.ok(compareIssoVersions('0.13', '0.13.1') < 0);
});

Compare('compares releases outside the supported range too', () => {
  assert.ok(compareIssoVersions('0.15.0', '0.14.9') > 0);
  assert.ok(compareIssoVersions('0.8', '0.12.0') < 0);
});

Compare('throws IssoConfigError naming the value for anything but a release number', () => {
  for (const bad of ['', '0', '0.14.0.1', 'v0.14.0', '0.014.0', '0.14.0-rc1', ' 0.14.0', '0.14.', 42]) {
    assert.throws(() => compareIssoVersions(bad as string, '0.14.0'), (e: unknown) => e instanceof IssoConfigError && e.value === bad && /release number/.test(e.message), JSON.stringify(bad));
    assert.throws(() => compareIssoVersions('0.14.0', bad as string), (e: unknown) => e instanceof IssoConfigError && e.value === bad, JSON.stringify(bad));
  }
});

const Expansion = suite('supportsEnvExpansion');

Expansion('is true from 0.14.0 on and false before', () => {
  assert.equal(['0.12.0', '0.12.6', '0.13', '0.13.9', '0.14', '0.14.0', '0.14.1', '0.15.0'].map(supportsEnvExpansion), [false, false, false, false, true, true, true, true]);
});

Expansion('throws IssoConfigError for text that is not a release number', () => {
  assert.throws(() => supportsEnvExpansion('latest'), (e: unknown) => e instanceof IssoConfigError && e.value === 'latest');
});

const Supported = suite('isSupportedIssoVersion');

Supported('accepts 0.12.0 up to any 0.14.x and nothing else', () => {
  for (const ok of ['0.12', '0.12.0', '0.12.6', '0.13', '0.13.0', '0.14.0', '0.14.1', '0.14.99']) assert.ok(isSupportedIssoVersion(ok), ok);
  for (const bad of ['0.11.9', '0.15.0', '0.15', '1.0.0', '0.014.0', '0.14.0.1', '', undefined, 14, null]) assert.not.ok(isSupportedIssoVersion(bad), String(bad));
});

Compare.run();
Expansion.run();
Supported.run();
