import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { intBetween, nginxTest, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { NginxVhostError, toNginxConf, validateVhost, type Directive, type Location } from '../src/index.js';
import { testOptions } from './interop-cases.js';

// Values built from the characters each narrow field (times, sizes, addresses, regexes, host
// names, status codes) is made of, so many pass validation: whatever passes must pass nginx -t.
const soups = {
  time: ['1', '0', '9', '30', '1000', '99999', '4294967296', 'ms', 's', 'm', 'h', 'd', 'w', 'M', 'y', '-', ' ', 'x'],
  size: ['1', '0', '10', '999999999', '9999999999', 'k', 'm', 'g', 'K', 'G', 't', '.'],
  address: ['1', '10', '255', '256', '0', '.', ':', '::', 'ff', 'fffff', '/', '8', '32', '129', 'all', 'g'],
  regex: ['a', '^', '$', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '2', '\\', '|', 'd', 'g', 'k', '1', '9', '(?<=', '(?<n>', '-', 'é', ' ', ';', '#', '"',
    'p', 'P', 'x', 'Q', 'E', 'c', '(?', '(?:', '(?i)', '{2,1}', '{,', 'b', 'B', 'R', 'X', 'h', 'v', 'A', 'z', 'G', 'K', '0', '8', ':', '='],
  host: ['a', 'b1', '-', '.', '*', '_', 'xn--', 'é', '..', '0', '~', ' '],
  tryCode: ['=', '4', '0', '404', '1000', 'a', '@'],
};

function soup(random: () => number, parts: readonly string[], max: number): string {
  let out = '';
  for (let i = intBetween(random, 1, max); i > 0; i--) out += pick(random, parts);
  return out;
}

const makers: ((random: () => number) => { directive?: Directive; location?: [string, Location]; alias?: string })[] = [
  (r) => ({ directive: { kind: 'proxy_read_timeout', time: soup(r, soups.time, 4) } }),
  (r) => ({ directive: { kind: 'expires', time: soup(r, soups.time, 4) } }),
  (r) => ({ directive: { kind: 'client_max_body_size', size: soup(r, soups.size, 3) } }),
  (r) => ({ directive: { kind: pick(r, ['allow', 'deny'] as const), address: soup(r, soups.address, 8) } }),
  (r) => ({ directive: { kind: 'rewrite', regex: soup(r, soups.regex, 6), replacement: '/x' } }),
  (r) => ({ directive: { kind: 'set', variable: soup(r, ['a', 'host', '_', '1', 'uri', 'args', 'http_x'], 2), value: 'v' } }),
  (r) => ({ location: [`~ ${soup(r, soups.regex, 6)}`, { return: { code: 204 } }] }),
  (r) => ({ location: [`/try${r()}`, { tryFiles: ['$uri', soup(r, soups.tryCode, 3)] }] }),
  (r) => ({ alias: soup(r, soups.host, 5) }),
];

const test = suite('narrow fields');

test('either throw NginxVhostError or render a config nginx -t accepts', () => {
  const random = seededRandom(7);
  let accepted = 0;
  let refused = 0;
  for (let round = 0; round < 8; round++) {
    // Once-per-block directives go one per location, so only the value under test can fail.
    const locations: Record<string, Location> = {};
    const aliases: string[] = [];
    for (let n = 0; n < 80; n++) {
      const made = pick(random, makers)(random);
      const next = { locations: { ...locations }, serverAliases: [...aliases] };
      if (made.directive) next.locations[`/d${n}`] = { directives: [made.directive] };
      if (made.location) next.locations[made.location[0]] = made.location[1];
      if (made.alias !== undefined) next.serverAliases.push(made.alias);
      try {
        validateVhost({ name: 'narrow.example', ...next });
      } catch (error) {
        assert.instance(error, NginxVhostError, String(error));
        refused++;
        continue;
      }
      Object.assign(locations, next.locations);
      aliases.splice(0, aliases.length, ...next.serverAliases);
      accepted++;
    }
    const conf = toNginxConf({ name: 'narrow.example', serverAliases: aliases, locations }, testOptions(round));
    const result = nginxTest(conf);
    assert.ok(result.ok, `round ${round}: ${result.output}\n${conf}`);
  }
  assert.ok(accepted > 100 && refused > 100, `accepted ${accepted}, refused ${refused}`);
});

test.run();
