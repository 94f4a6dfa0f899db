import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hostileString, HOSTILE_FRAGMENTS, nginxTest, seededRandom } from '../../../tools/test-helpers/index.js';
import { NginxVhostError, toNginxConf, validateVhost, type Location } from '../src/index.js';
import { cases, logs, prelude, testOptions } from './interop-cases.js';
import { findAll, readNginxConf, type ConfNode } from './nginx-conf-reader.js';

function checkOk(httpBody: string): void {
  const result = nginxTest(httpBody);
  assert.ok(result.ok, `nginx -t failed:\n${result.output}\n--- config ---\n${httpBody}`);
}

const everyRendering = suite('toNginxConf output passes nginx -t');

everyRendering('renders every case into one config nginx 1.22 accepts', () => {
  checkOk(prelude + cases.map((vhost, i) => toNginxConf(vhost, testOptions(i))).join(''));
});

everyRendering('renders each TLS mode with nginx-1.25 syntax into configs that differ only in http2', () => {
  for (const [i, vhost] of cases.entries()) {
    const modern = toNginxConf(vhost, { ...testOptions(i), nginxVersion: '1.25.1' });
    const old = toNginxConf(vhost, testOptions(i));
    assert.is(modern.replace(/^ *http2 on;\n/gm, ''), old.replace(/ http2 ssl/g, ' ssl'));
  }
});

everyRendering('the article vhost reaches nginx as the article writes it', () => {
  const result = nginxTest(prelude + toNginxConf(cases[0]!, testOptions(0)), { dump: true });
  assert.ok(result.ok, result.output);
  const servers = findAll(readNginxConf(result.dump), 'server');
  assert.is(servers.length, 2);
  const main = servers[1]!.block!;
  const args = (name: string, nodes: readonly ConfNode[] = main) => nodes.filter((n) => n.name === name).map((n) => n.args);
  assert.equal(args('server_name'), [['comments.luffy.cx']]);
  assert.equal(args('root'), [['/data/webserver/comments.luffy.cx']]);
  assert.equal(args('access_log'), [[`${logs}/comments.log`, 'anonymous']]);
  const root = main.find((n) => n.name === 'location' && n.args[0] === '/')!.block!;
  assert.equal(args('proxy_pass', root), [['http://127.0.0.1:8080']]);
  assert.equal(args('proxy_set_header', root), [['X-Forwarded-For', '$proxy_add_x_forwarded_for'], ['Host', '$host'], ['X-Forwarded-Proto', '$scheme']]);
  assert.equal(args('proxy_hide_header', root), [['Set-Cookie'], ['X-Set-Cookie']]);
  assert.equal(args('proxy_ignore_headers', root), [['Set-Cookie']]);
});

everyRendering.run();

// Fragments that stress nginx's tokenizer on top of the shared hostile set: escapes nginx
// translates, braces, comment starts, valid and invalid variable references.
const FRAGMENTS = [...HOSTILE_FRAGMENTS, '$host', '${remote_addr}', '$1', '$http_x_a', '\\t', '\\n', '\\"', "\\'", '\\\\', '"', '#', '{', '}', ';', ' '];

interface Probe {
  field: string;
  value: string;
  /** Where the value must appear in the parsed `nginx -T` dump of the location. */
  find(location: ConfNode): readonly string[] | undefined;
  place(value: string): { key: string; location: Location };
}

const probes: Omit<Probe, 'value'>[] = [
  { field: 'location prefix', place: (v) => ({ key: `/${v}`, location: { return: { code: 204 } } }), find: (l) => (l.args.length === 1 ? [l.args[0]!.slice(1)] : undefined) },
  { field: 'location regex', place: (v) => ({ key: `~ ${v}`, location: { return: { code: 204 } } }), find: (l) => (l.args[0] === '~' ? [l.args[1]!] : undefined) },
  { field: 'return text', place: (v) => ({ key: '/return', location: { return: { code: 200, text: v } } }), find: (l) => l.block?.find((n) => n.name === 'return')?.args.slice(1) },
  { field: 'add_header value', place: (v) => ({ key: '/header', location: { directives: [{ kind: 'add_header', name: 'X-Probe', value: v }] } }), find: (l) => l.block?.find((n) => n.name === 'add_header')?.args.slice(1) },
  { field: 'proxy_set_header value', place: (v) => ({ key: '/proxy', location: { proxyPass: 'http://127.0.0.1:9', directives: [{ kind: 'proxy_set_header', name: 'X-Probe', value: v }] } }), find: (l) => l.block?.find((n) => n.name === 'proxy_set_header')?.args.slice(1) },
  { field: 'try_files entry', place: (v) => ({ key: '/try', location: { tryFiles: [v, '=404'] } }), find: (l) => l.block?.find((n) => n.name === 'try_files')?.args.slice(0, 1) },
  { field: 'proxy_pass uri', place: (v) => ({ key: '/pp', location: { proxyPass: `http://127.0.0.1:9/${v}` } }), find: (l) => l.block?.find((n) => n.name === 'proxy_pass')?.args.map((arg) => arg.replace('http://127.0.0.1:9/', '')) },
  { field: 'rewrite replacement', place: (v) => ({ key: '/rewrite', location: { directives: [{ kind: 'rewrite', regex: '^/rewrite(.*)$', replacement: v }] } }), find: (l) => l.block?.find((n) => n.name === 'rewrite')?.args.slice(1) },
];

const hostile = suite('hostile values');

hostile('are refused with a clear error or reach nginx -T as exactly one unchanged argument', () => {
  const random = seededRandom(20261124);
  let accepted = 0;
  let refused = 0;
  for (let round = 0; round < 12; round++) {
    const locations: Record<string, Location> = {};
    const expected = new Map<string, { field: string; value: string }>();
    let n = 0;
    while (n < 60) {
      const probe = probes[n % probes.length]!;
      const value = hostileString(random, 6, FRAGMENTS);
      // The distinct-location trick: every case gets its own path except location probes.
      const placed = probe.place(value);
      const key = placed.key.startsWith('/') && probe.field !== 'location prefix' ? `${placed.key}${round}-${n}` : placed.key;
      n++;
      try {
        validateVhost({ name: 'probe.example', locations: { ...locations, [key]: placed.location } });
      } catch (error) {
        assert.instance(error, NginxVhostError, `${probe.field} ${JSON.stringify(value)}: ${String(error)}`);
        const e = error as NginxVhostError;
        assert.is(e.path[0], 'locations', e.message);
        assert.ok(e.accepted.length > 0);
        refused++;
        continue;
      }
      locations[key] = placed.location;
      expected.set(key, { field: probe.field, value });
      accepted++;
    }
    const conf = toNginxConf({ name: 'probe.example', locations }, testOptions(round));
    const result = nginxTest(conf, { dump: true });
    assert.ok(result.ok, `seed round ${round}: nginx -t failed:\n${result.output}\n${conf}`);
    const server = findAll(readNginxConf(result.dump), 'server').find((s) => s.block?.some((n) => n.name === 'server_name' && n.args[0] === 'probe.example'))!;
    const dumped = server.block!.filter((node) => node.name === 'location');
    assert.is(dumped.length, expected.size);
    const keys = [...expected.keys()];
    for (const [i, node] of dumped.entries()) {
      // Match dumped locations to cases by their parsed argument, the one thing nginx sees.
      const key = keys.find((k) => {
        const { field, value } = expected.get(k)!;
        if (field === 'location prefix') return node.args.length === 1 && node.args[0] === k;
        if (field === 'location regex') return node.args[0] === '~' && node.args[1] === value;
        return node.args.length === 1 && node.args[0] === k;
      });
      assert.ok(key !== undefined, `dumped location ${i} ${JSON.stringify(node.args)} matches no case`);
      const { field, value } = expected.get(key!)!;
      const probe = probes.find((p) => p.field === field)!;
      assert.equal(probe.find(node), [value], `${field} ${JSON.stringify(value)}`);
    }
  }
  assert.ok(accepted > 100 && refused > 100, `accepted ${accepted}, refused ${refused}: both paths must be exercised`);
});

hostile.run();
