import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatPortSpec, parsePortSpec, type PortSpec } from '../src/index.js';
import { HOSTILE_FRAGMENTS, hostileString, intBetween, pick, seededRandom } from '../../../tools/test-helpers/index.js';

const parse = suite('parsePortSpec');

parse('reads every documented form', () => {
  const cases: [string, PortSpec][] = [
    ['80', { containerPort: 80 }],
    ['8080:80', { hostPort: 8080, containerPort: 80 }],
    ['127.0.0.1:8080:8080', { hostIp: '127.0.0.1', hostPort: 8080, containerPort: 8080 }],
    ['127.0.0.1::80', { hostIp: '127.0.0.1', containerPort: 80 }],
    ['[::1]:8080:80/udp', { hostIp: '::1', hostPort: 8080, containerPort: 80, protocol: 'udp' }],
    ['[2001:db8::1]::53/sctp', { hostIp: '2001:db8::1', containerPort: 53, protocol: 'sctp' }],
    ['8000-8010:9000-9010', { hostPort: 8000, hostPortEnd: 8010, containerPort: 9000, containerPortEnd: 9010 }],
    ['7000-7010:80/tcp', { hostPort: 7000, hostPortEnd: 7010, containerPort: 80, protocol: 'tcp' }],
  ];
  for (const [text, expected] of cases) assert.equal(parsePortSpec(text), { ok: true, value: expected }, text);
});

parse('refuses malformed specs with a reason instead of throwing', () => {
  for (const text of ['', '0', '65536', '80/http', '::1:80:80', '1.2.3:80:80', '256.0.0.1:80:80', '8000-8010:80-81', '90-80',
    '[::1]80', '[::1:80:80', '[nope]:1:2', ':80', 'a:b', '80 ', ' 80', '1:2:3:4', '08x', '[::1]:80']) {
    const result = parsePortSpec(text);
    assert.is(result.ok, false, text);
    if (!result.ok) assert.type(result.error, 'string');
  }
});

parse('never throws on hostile text, in linear time', () => {
  const random = seededRandom(7);
  for (let i = 0; i < 2000; i++) parsePortSpec(hostileString(random, 12, [...HOSTILE_FRAGMENTS, '[', ']', '/', '-', '1', '65535']));
  const started = Date.now();
  parsePortSpec(`[${':'.repeat(200_000)}]`);
  parsePortSpec('1'.repeat(200_000));
  assert.ok(Date.now() - started < 1000);
});

const format = suite('formatPortSpec');

format('round-trips random specs through parsePortSpec', () => {
  const random = seededRandom(11);
  for (let i = 0; i < 2000; i++) {
    const spec: PortSpec = { containerPort: intBetween(random, 1, 60000) };
    const range = random() < 0.3 ? intBetween(random, 1, 50) : 0;
    if (range > 0) spec.containerPortEnd = spec.containerPort + range;
    if (random() < 0.7) {
      spec.hostPort = intBetween(random, 1, 60000);
      if (range > 0) spec.hostPortEnd = spec.hostPort + range;
    }
    if (random() < 0.5) spec.hostIp = pick(random, ['127.0.0.1', '0.0.0.0', '::1', '::', 'fe80::1:2', '10.1.2.3']);
    if (random() < 0.5) spec.protocol = pick(random, ['tcp', 'udp', 'sctp'] as const);
    assert.equal(parsePortSpec(formatPortSpec(spec)), { ok: true, value: spec }, JSON.stringify(spec));
  }
});

parse.run();
format.run();
