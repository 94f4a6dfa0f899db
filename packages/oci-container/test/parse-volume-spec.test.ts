import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatVolumeSpec, parseVolumeSpec } from '../src/index.js';
import { hostileString, seededRandom } from '../../../tools/test-helpers/index.js';

const parse = suite('parseVolumeSpec');

parse('reads bind mounts, named and anonymous volumes with options', () => {
  assert.equal(parseVolumeSpec('/var/db/isso:/db'), { ok: true, value: { source: '/var/db/isso', target: '/db' } });
  assert.equal(parseVolumeSpec('isso-db:/db:ro,Z'), { ok: true, value: { source: 'isso-db', target: '/db', options: ['ro', 'Z'] } });
  assert.equal(parseVolumeSpec('/cache'), { ok: true, value: { target: '/cache' } });
  assert.equal(parseVolumeSpec('/a b/ü:/c d'), { ok: true, value: { source: '/a b/ü', target: '/c d' } });
});

parse('refuses relative sources, relative targets, unknown or contradictory options', () => {
  for (const text of ['./data:/db', 'data', '/a:db', '/a:/b:rw,ro', '/a:/b:readonly', '/a:/b:c:d', ':/b', '/a:/b:', 'cache:/x:']) {
    assert.is(parseVolumeSpec(text).ok, false, text);
  }
});

parse('never throws on hostile text', () => {
  const random = seededRandom(3);
  for (let i = 0; i < 2000; i++) parseVolumeSpec(hostileString(random, 10, ['/', ':', 'ro', ',', 'a', ' ', '\n', '\0', 'Z']));
});

const format = suite('formatVolumeSpec');

format('round-trips hostile paths without ":"', () => {
  const random = seededRandom(5);
  for (let i = 0; i < 1000; i++) {
    const source = `/${hostileString(random, 6).replaceAll(':', '')}`;
    const target = `/${hostileString(random, 6).replaceAll(':', '')}`;
    const spec = random() < 0.5 ? { source, target, options: ['ro', 'z'] } : { source, target };
    assert.equal(parseVolumeSpec(formatVolumeSpec(spec)), { ok: true, value: spec });
  }
});

parse.run();
format.run();
