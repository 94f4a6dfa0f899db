import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nginxTest, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { NGINX_LIMITS, NginxVhostError, lintVhost, toNginxConf, type Directive, type Vhost } from '../src/index.js';
import { utf8Length } from '../src/nginx-token.js';

// nginx -t only parses and checks; nothing binds, so any loopback port will do here.
const options = { nginxVersion: '1.22.1', defaultListenAddresses: ['127.0.0.1'] };

function serverWith(line: string): string {
  return `server {\n  listen 127.0.0.1:8080;\n  server_name limit.example;\n  ${line}\n}\n`;
}

const nginxFacts = suite('nginx 1.22 token limits (the facts the package encodes)');

// nginx reads through a 4096-byte buffer; a token and the byte after it must fit (see limits.ts).
nginxFacts('a bare argument may have 4094 bytes, 4095 when it is the last', () => {
  const bare = (n: number) => 'a'.repeat(n);
  assert.ok(nginxTest(serverWith(`index ${bare(4094)} b;`)).ok);
  assert.match(nginxTest(serverWith(`index ${bare(4095)} b;`)).output, /too long parameter/);
  assert.ok(nginxTest(serverWith(`index b ${bare(4095)};`)).ok);
  assert.match(nginxTest(serverWith(`index b ${bare(4096)};`)).output, /too long parameter/);
});

nginxFacts('a quoted argument may have 4093 bytes between the quotes, 4094 when it is the last', () => {
  const quoted = (n: number) => `"${'a'.repeat(n)}"`;
  assert.ok(nginxTest(serverWith(`index ${quoted(4093)} b;`)).ok);
  assert.match(nginxTest(serverWith(`index ${quoted(4094)} b;`)).output, /too long parameter/);
  assert.ok(nginxTest(serverWith(`index b ${quoted(4094)};`)).ok);
  assert.match(nginxTest(serverWith(`index b ${quoted(4095)};`)).output, /too long parameter/);
});

nginxFacts('the package limits are the ones that hold in every position', () => {
  assert.is(NGINX_LIMITS.bareTokenBytes, 4094);
  assert.is(NGINX_LIMITS.quotedTokenBytes, 4093);
});

nginxFacts('exact server names longer than 46 bytes break a socket shared by two servers (hash bucket 64)', () => {
  const twoServers = (name: string) => `server { listen 127.0.0.1:8080; server_name ${name}; }\nserver { listen 127.0.0.1:8080; server_name b.example; }\n`;
  assert.ok(nginxTest(twoServers('a'.repeat(46))).ok);
  assert.match(nginxTest(twoServers('a'.repeat(47))).output, /server_names_hash_bucket_size/);
  // lintVhost reports such a name, and the bucket size it suggests makes nginx accept it.
  assert.equal(lintVhost({ name: 'a'.repeat(47) }).map((lint) => lint.code), ['server-name-hash-bucket']);
  assert.ok(nginxTest(`server_names_hash_bucket_size 128;\n${twoServers('a'.repeat(110))}`).ok);
  assert.match(nginxTest(`server_names_hash_bucket_size 128;\n${twoServers('a'.repeat(111))}`).output, /server_names_hash_bucket_size/);
  assert.ok(nginxTest(`server_names_hash_bucket_size 512;\n${twoServers('a'.repeat(253))}`).ok);
  // One server on the socket builds no hash: the DNS maximum of 253 passes.
  assert.ok(nginxTest(`server { listen 127.0.0.1:8080; server_name ${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}; }\n`).ok);
});

nginxFacts('argument count is not limited for index, server_name and try_files (NGX_CONF_1MORE/2MORE)', () => {
  const many = Array.from({ length: 20_000 }, (_, i) => `f${i}`).join(' ');
  assert.ok(nginxTest(serverWith(`index ${many};`)).ok);
  assert.ok(nginxTest(serverWith(`location / { try_files ${many} =404; }`)).ok);
  assert.ok(nginxTest(serverWith(`server_name ${Array.from({ length: 20_000 }, (_, i) => `h${i}.example`).join(' ')};`)).ok);
});

nginxFacts.run();

const boundary = suite('the package at nginx\'s limits');

function rendered(vhost: Vhost): string | NginxVhostError {
  try {
    return toNginxConf(vhost, options);
  } catch (error) {
    if (error instanceof NginxVhostError) return error;
    throw error;
  }
}

boundary('accepts the longest tokens nginx reads and refuses one byte more, bare and quoted', () => {
  const cases: [string, boolean][] = [
    ['a'.repeat(4094), true], ['a'.repeat(4095), false],
    [`${'a'.repeat(4092)}#`, true], [`${'a'.repeat(4093)}#`, false],
    [`${'é'.repeat(2046)}a`, true], [`${'é'.repeat(2047)}`, false], // 4093 and 4094 bytes, quoted
    [`${'a'.repeat(4089)}\\"`, true], [`${'a'.repeat(4090)}\\"`, false], // escapes count: \\ and \" are 4 bytes
  ];
  for (const [token, fits] of cases) {
    for (const index of [[token, 'b'], ['b', token]]) {
      const result = rendered({ name: 'a.example', locations: { '/': { index } } });
      if (!fits) {
        assert.instance(result, NginxVhostError, `${utf8Length(token)} bytes should be refused`);
        assert.match((result as NginxVhostError).message, /too long parameter|characters long/);
        continue;
      }
      assert.type(result, 'string');
      const check = nginxTest(result as string);
      assert.ok(check.ok, `${utf8Length(token)} bytes accepted by the package but refused by nginx:\n${check.output.slice(0, 300)}`);
    }
  }
});

boundary.run();

const property = suite('hostile values near the length limit: refused, or accepted by nginx -t');

// Mostly plain text, so values reach the length limit instead of failing on their first odd
// character; the hostile fragments (quotes, backslashes, multibyte, `;`, `{`, a lone `$`) are
// sprinkled in at a rate that lets a fair share of values through.
const PLAIN = ['a', 'Z', '0', '-', '_'];
const HOSTILE = ['é', '日', '🦀', '\\', '"', "'", ' ', '\t', '${host}', '$host ', '#', ';', '{', '}', '%', '~', '*', '(', ')', '^', '/', '.'];
const RARE = ['$', '$1', '$hostname_x'];

/** A random string of `FRAGMENTS` whose UTF-8 length is close to `bytes`. */
function hostileNear(random: () => number, bytes: number): string {
  let out = '';
  let size = 0;
  while (size < bytes) {
    const roll = random();
    const piece = roll < 0.0002 ? pick(random, RARE) : roll < 0.005 ? pick(random, HOSTILE) : pick(random, PLAIN);
    out += piece;
    size += utf8Length(piece);
  }
  return out;
}

type Placement = (value: string) => Vhost;

const PLACEMENTS: Record<string, Placement> = {
  'index, first': (v) => ({ name: 'a.example', locations: { '/': { index: [v, 'x'] } } }),
  'index, last': (v) => ({ name: 'a.example', locations: { '/': { index: ['x', v] } } }),
  'try_files': (v) => ({ name: 'a.example', locations: { '/': { tryFiles: [v, '=404'] } } }),
  'return text': (v) => ({ name: 'a.example', locations: { '/': { return: { code: 200, text: v } } } }),
  'add_header value': (v) => ({ name: 'a.example', directives: [{ kind: 'add_header', name: 'X-A', value: v, always: true } as Directive] }),
  'proxy_set_header value': (v) => ({ name: 'a.example', locations: { '/': { proxyPass: 'http://127.0.0.1:9', directives: [{ kind: 'proxy_set_header', name: 'X-A', value: v }] } } }),
  'set value': (v) => ({ name: 'a.example', directives: [{ kind: 'set', variable: 'x', value: v }] }),
  'rewrite replacement': (v) => ({ name: 'a.example', directives: [{ kind: 'rewrite', regex: '^/(.*)$', replacement: v, flag: 'last' }] }),
  'regex location': (v) => ({ name: 'a.example', locations: { [`~ ${v}`]: { return: 404 } } }),
  'prefix location': (v) => ({ name: 'a.example', locations: { [`/${v}`]: { return: 404 } } }),
  'root path': (v) => ({ name: 'a.example', root: `/${v.replace(/[^A-Za-z0-9._/$]/g, '_')}` }),
};

property('every value is either refused by the package or accepted by nginx -t', () => {
  const random = seededRandom(18);
  const accepted: { where: string; conf: string }[] = [];
  let refused = 0;
  for (const [where, place] of Object.entries(PLACEMENTS)) {
    for (let i = 0; i < 14; i++) {
      const value = hostileNear(random, 4075 + Math.floor(random() * 30));
      const result = rendered(place(value));
      if (result instanceof NginxVhostError) {
        assert.ok(result.path.length > 0 && result.message.includes('accepted:'), `unclear refusal: ${result.message.slice(0, 200)}`);
        refused++;
      } else {
        accepted.push({ where, conf: result });
      }
    }
  }
  // Both outcomes must occur, or the generator no longer probes the limit.
  assert.ok(accepted.length >= 20 && refused >= 20, `accepted ${accepted.length}, refused ${refused}`);
  for (let start = 0; start < accepted.length; start += 12) {
    const batch = accepted.slice(start, start + 12);
    const body = batch.map((item, i) => item.conf.replace(/server_name a\.example;/g, `server_name a${start + i}.example;`)).join('');
    const check = nginxTest(body);
    if (!check.ok) {
      const failing = batch.find((item) => !nginxTest(item.conf).ok);
      assert.unreachable(`nginx -t refused a value the package accepted (${failing?.where}):\n${check.output.slice(0, 400)}`);
    }
  }
});

property.run();
