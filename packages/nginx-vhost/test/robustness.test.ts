import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { print } from '@nixkit/nix-expr';
import {
  NGINX_LIMITS, NginxVhostError, lintVhost, toNginxConf, toNginxConfAll, toNixos, toNixosOptions, validateVhost,
  type Directive, type Location, type Vhost,
} from '../src/index.js';
import { costMeter } from '../src/cost-meter.js';
import { joinText } from '../src/text-buffer.js';
import { printStatements, type Statement } from '../src/statement.js';
import { assertLinearGrowth, countingProxy, heapGrowth } from '../../../tools/test-helpers/linear-growth.js';

const options = { nginxVersion: '1.22.1' };
const MB = 1024 * 1024;

/** Work units `run` adds to the package's cost meter. */
function cost(run: () => unknown): number {
  const before = costMeter.units;
  run();
  return costMeter.units - before;
}

function names(n: number, make: (i: number) => string): string[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

// Each pathological shape, generated at a given size. Base sizes keep the 8× run small.
const SHAPES: Record<string, (n: number) => Vhost> = {
  'many serverAliases': (n) => ({ name: 'a.example', serverAliases: names(n, (i) => `h${i}.example`) }),
  'many index files': (n) => ({ name: 'a.example', locations: { '/': { index: names(n, (i) => `f${i}.html`) } } }),
  'index as one long NixOS string': (n) => ({ name: 'a.example', locations: { '/': { index: names(n, (i) => `f${i}.html`).join(' ') } } }),
  'many try_files': (n) => ({ name: 'a.example', locations: { '/': { tryFiles: [...names(n, (i) => `/f${i}`), '=404'] } } }),
  'many server directives': (n) => ({ name: 'a.example', directives: names(n, (i) => `X-H${i}`).map((name): Directive => ({ kind: 'add_header', name, value: '$host' })) }),
  'many location directives': (n) => ({ name: 'a.example', locations: { '/': { directives: names(n, (i) => `X-H${i}`).map((name): Directive => ({ kind: 'proxy_set_header', name, value: 'a b' })) } } }),
  'many locations': (n) => ({ name: 'a.example', locations: Object.fromEntries(names(n, (i) => `/p${(i * 7919) % n}`).map((key): [string, Location] => [key, { return: 200 }])) }),
  'many regex locations (lint order check)': (n) => ({ name: 'a.example', locations: Object.fromEntries(names(n, (i) => `~ ^/r${n - i}$`).map((key): [string, Location] => [key, { return: 404 }])) }),
  'many listen parameters': (n) => ({ name: 'a.example', listen: [{ addr: '127.0.0.1', port: 8080, extraParameters: names(n, () => 'reuseport') }] }),
  'many declared variables': (n) => ({ name: 'a.example', variables: names(n, (i) => `v${i}`), directives: [{ kind: 'add_header', name: 'X', value: names(Math.min(n, 300), (i) => `$v${i}`).join('') }] }),
  'long extraConfig': (n) => ({ name: 'a.example', extraConfig: '    a b;\n\n'.repeat(n), locations: { '/': { extraConfig: '\t x;\r\n'.repeat(n) } } }),
  'blank lines before raw text': (n) => ({ name: 'a.example', extraConfig: `${' \n'.repeat(n)}  x;` }),
  'tokens at the length limit': (n) => ({ name: 'a.example', locations: { '/': { index: names(n, (i) => `${'é'.repeat(2040)}${i}`) } } }),
};

const growth = suite('robustness: work grows linearly');

for (const [shape, make] of Object.entries(SHAPES)) {
  growth(`${shape}: validate, render raw and NixOS, lint`, () => {
    const base = shape.startsWith('tokens') ? 40 : shape.includes('locations') ? 250 : 500;
    // Locations are sorted as NixOS sorts them: O(n log n), hence the wider slack.
    const slack = shape.includes('locations') ? 1.5 : 1.3;
    assertLinearGrowth(shape, (scale) => {
      const vhost = make(base * scale);
      return cost(() => {
        toNginxConf(vhost, options);
        toNixosOptions(vhost);
        lintVhost(vhost);
      });
    }, slack);
  });
}

growth('many vhosts in toNginxConfAll', () => {
  assertLinearGrowth('vhosts', (scale) => {
    const vhosts = names(200 * scale, (i) => `v${(i * 7919) % (200 * scale)}.example`).map((name): Vhost => ({ name }));
    return cost(() => toNginxConfAll(vhosts, options));
  }, 1.5); // sorted by name, O(n log n)
});

growth('the validator reads each input value a bounded number of times', () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    assertLinearGrowth(`${shape} (input reads)`, (scale) => {
      const counter = { reads: 0 };
      validateVhost(countingProxy(make((shape.startsWith('tokens') ? 10 : 100) * scale), counter));
      return counter.reads;
    });
  }
});

growth.run();

const reproductions = suite('robustness: reproductions from issue 18');

const many = (n: number) => names(n, (i) => `f${i}.html`);

reproductions('200,000 index files, server aliases or directives render without a stack overflow', () => {
  const index = toNginxConf({ name: 'a.example', locations: { '/': { index: many(200_000) } } }, options);
  assert.ok(index.includes(' f199999.html;\n'));
  const aliases = toNginxConf({ name: 'a.example', serverAliases: names(200_000, (i) => `h${i}.example`) }, options);
  assert.ok(aliases.includes(' h199999.example;\n'));
  const directives: Directive[] = names(200_000, () => 'X').map((name) => ({ kind: 'add_header', name, value: 'y' }));
  const both = toNginxConf({ name: 'a.example', directives, locations: { '/': { directives } } }, options);
  assert.is(both.split('add_header X y;').length - 1, 400_000);
  assert.ok(print(toNixos({ name: 'a.example', locations: { '/': { index: many(200_000), directives } } })).length > 200_000);
});

reproductions('200,000 lines of extraConfig keep their layout', () => {
  const conf = toNginxConf({ name: 'a.example', extraConfig: '  a b;\n'.repeat(200_000) }, options);
  assert.is(conf.split('\n  a b;').length - 1, 200_000);
});

function refusal(run: () => unknown): NginxVhostError {
  try {
    run();
  } catch (error) {
    if (error instanceof NginxVhostError) return error;
    throw new Error(`expected NginxVhostError, got ${String(error)}`);
  }
  throw new Error('expected NginxVhostError, got a result');
}

reproductions('ports that are not integers from 1 to 65535 are refused, naming the option', () => {
  for (const port of [Number.NaN, 2 ** 64, Infinity, -Infinity, 0, 65536, 80.5, -1, '80', 80n, null]) {
    for (const key of ['httpPort', 'sslPort'] as const) {
      const error = refusal(() => toNginxConf({ name: 'a.example' }, { ...options, [key]: port as number }));
      assert.equal(error.path, [key]);
      assert.match(error.message, /an integer from 1 to 65535/);
    }
  }
});

reproductions('unknown, missing and mistyped options are refused', () => {
  assert.equal(refusal(() => toNginxConf({ name: 'a.example' }, { ...options, httpPrt: 80 } as never)).path, ['httpPrt']);
  assert.equal(refusal(() => toNginxConf({ name: 'a.example' }, {} as never)).path, ['nginxVersion']);
  assert.equal(refusal(() => toNginxConf({ name: 'a.example' }, new Map() as never)).path, []);
  assert.equal(refusal(() => toNginxConf({ name: 'a.example' }, { ...options, defaultListenAddresses: [, '127.0.0.1'] as never })).path, ['defaultListenAddresses', 0]);
  assert.equal(refusal(() => toNginxConf({ name: 'a.example' }, { ...options, acmeCertificate: 'x' as never })).path, ['acmeCertificate']);
  const badAcme = { ...options, acmeCertificate: () => ({ fullchain: 'a b', key: '/k', chain: '/c' }) };
  assert.equal(refusal(() => toNginxConf({ name: 'a.example', enableACME: true, forceSSL: true }, badAcme)).path, ['acmeCertificate', 'fullchain']);
  assert.equal(refusal(() => toNginxConfAll([{ name: 'a.example' }], { ...options, sslPort: Number.NaN })).path, ['sslPort']);
});

reproductions('sparse arrays, Maps, BigInts and cycles get this package\'s error naming the path', () => {
  assert.equal(refusal(() => validateVhost({ name: 'a.example', serverAliases: [, 'b.example'] as never })).path, ['serverAliases', 0]);
  assert.equal(refusal(() => validateVhost({ name: 'a.example', locations: { '/': { index: ['a', , 'b'] as never } } })).path, ['locations', '/', 'index', 1]);
  const map = refusal(() => validateVhost({ name: 'a.example', locations: new Map([['/', {}]]) as never }));
  assert.equal(map.path, ['locations']);
  assert.match(map.message, /got a Map/);
  assert.match(refusal(() => validateVhost({ name: 'a.example', redirectCode: 301n as never })).message, /BigInt 301n/);
  assert.equal(refusal(() => validateVhost({ name: 'a.example', locations: { '/': { priority: 10n as never } } })).path, ['locations', '/', 'priority']);
  const cyclic: Record<string, unknown> = { name: 'a.example' };
  cyclic.locations = { '/': cyclic };
  assert.equal(refusal(() => validateVhost(cyclic)).path, ['locations', '/', 'name']);
  assert.equal(refusal(() => toNginxConfAll([{ name: 'a.example' }, null as never], options)).path, [1]);
  assert.equal(refusal(() => toNginxConfAll([, { name: 'a.example' }] as never, options)).path, [0]);
});

reproductions('tokens past nginx\'s limit are refused, bare ones included', () => {
  const bare = 'a'.repeat(NGINX_LIMITS.bareTokenBytes);
  assert.ok(toNginxConf({ name: 'a.example', locations: { '/': { index: [bare, 'b'] } } }, options).includes(bare));
  assert.equal(refusal(() => toNginxConf({ name: 'a.example', locations: { '/': { index: [`${bare}a`, 'b'] } } }, options)).path, ['locations', '/', 'index', 0]);
  const quoted = `${'a'.repeat(NGINX_LIMITS.quotedTokenBytes - 1)}#`;
  assert.ok(toNginxConf({ name: 'a.example', locations: { '/': { index: [quoted, 'b'] } } }, options).includes(`"${quoted}"`));
  assert.ok(refusal(() => toNginxConf({ name: 'a.example', locations: { '/': { index: [`a${quoted}`, 'b'] } } }, options)).message.includes('too long parameter'));
  // Multibyte characters count in UTF-8 bytes, as nginx reads them.
  assert.ok(refusal(() => toNginxConf({ name: 'a.example', locations: { '/': { return: { code: 200, text: 'é'.repeat(2047) } } } }, options)));
});

reproductions.run();

const limits = suite('robustness: size limits');

limits('a list longer than the documented limit is refused with the path, not a RangeError', () => {
  const huge = new Array<string>(NGINX_LIMITS.entries + 1).fill('a.example');
  assert.equal(refusal(() => validateVhost({ name: 'a.example', serverAliases: huge })).path, ['serverAliases']);
  const hugeString = 'f '.repeat(NGINX_LIMITS.entries + 1);
  assert.equal(refusal(() => validateVhost({ name: 'a.example', locations: { '/': { index: hugeString } } })).path, ['locations', '/', 'index']);
});

limits('output that would pass the output limit is refused, not a RangeError', () => {
  // The guard every renderer writes through; reaching it through a vhost takes 65,000 tokens of
  // 4 KB, whose validation alone costs seconds, so it is driven directly here.
  const chunk = 'x'.repeat(MB);
  const overLimit = Math.floor(NGINX_LIMITS.outputChars / MB) + 1;
  assert.match(refusal(() => joinText(new Array<string>(overLimit).fill(chunk), ' ', ['locations', '/', 'index'])).message, /would exceed/);
  const raw = `${'a'.repeat(NGINX_LIMITS.rawConfigChars - 2)};`;
  const statements: Statement[] = new Array<Statement>(5).fill({ kind: 'raw', text: raw });
  assert.match(refusal(() => printStatements(statements)).message, /would exceed/);
  assert.is(joinText(['a', 'b'], ' ', []), 'a b');
});

limits('50 MB of valid input renders within a memory bound', () => {
  const extraConfig = `${'  proxy_set_header X-Long "a value of some length";\n'.repeat(Math.ceil((50 * MB) / 52))}`;
  const { bytes, result } = heapGrowth(() => toNginxConf({ name: 'a.example', extraConfig }, options));
  assert.ok(result.length > 50 * MB);
  assert.ok(bytes < 8 * 50 * MB, `heap grew by ${Math.round(bytes / MB)} MB for 50 MB of raw config`);
  const aliases = names(200_000, (i) => `host-${i}.example.org`); // about 4.4 MB of names
  const big = heapGrowth(() => toNginxConf({ name: 'a.example', serverAliases: aliases }, options));
  assert.ok(big.result.length > 4 * MB);
  assert.ok(big.bytes < 100 * MB, `heap grew by ${Math.round(big.bytes / MB)} MB for 200,000 aliases`);
});

limits.run();
