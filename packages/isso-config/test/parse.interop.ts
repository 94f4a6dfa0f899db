import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hostileString, intBetween, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { CONFIGPARSER_ERRORS, ISSO_SCHEMA, parse, parseRaw, type IssoSchema, type IssoValueKind, type IssoVersion } from '../src/index.js';
import { FRAGMENTS } from './arbitrary.js';
import { readWithPython, type PythonCase, type PythonResult } from './isso-python.js';
import { runPythonJson } from '../../../tools/test-helpers/index.js';
import { PYTHON_WHITESPACE_CHARS } from '../src/python-whitespace.js';

const PYTHON_ERROR: Readonly<Record<string, string>> = {
  bom: 'MissingSectionHeaderError',
  'missing-section-header': 'MissingSectionHeaderError',
  'duplicate-section': 'DuplicateSectionError',
  'duplicate-key': 'DuplicateOptionError',
  'continuation-of-valueless-key': 'AttributeError',
};

function kindsFor(version: IssoVersion): Record<string, Record<string, IssoValueKind>> {
  const [, minor = 0, patch = 0] = version.split('.').map(Number);
  const at = (since: string) => {
    const [, m = 0, p = 0] = since.split('.').map(Number);
    return minor > m || (minor === m && patch >= p);
  };
  const kinds: Record<string, Record<string, IssoValueKind>> = {};
  for (const [name, section] of Object.entries(ISSO_SCHEMA as IssoSchema)) {
    if (!at(section.since)) continue;
    for (const [key, schema] of Object.entries(section.keys)) {
      if (at(schema.since) && !(schema.until && at(schema.until))) (kinds[name] ??= {})[key] = schema.kind;
    }
  }
  return kinds;
}

/** Variables set for Isso ≥ 0.14 cases; any other name expands to a marker. */
const ENV: Readonly<Record<string, string>> = { PORT: '2525', ISSO_SMTP_PASSWORD: 's3cret' };

function pythonCase(text: string, version: IssoVersion): PythonCase {
  const [, minor = 0, patch = 0] = version.split('.').map(Number);
  return { text, interpolation: minor === 12 && patch < 6, expand: minor >= 14, env: ENV, kinds: kindsFor(version) };
}

/** Our raw reading agrees with Python: same exception class, or the same sections, keys and values. */
function assertRawAgrees(text: string, python: PythonResult, context: string): void {
  const ours = parseRaw(text);
  const fatal = ours.diagnostics.filter((d) => CONFIGPARSER_ERRORS.has(d.code));
  const immediate = fatal.find((d) => d.code !== 'empty-key');
  const expectedError = immediate ? PYTHON_ERROR[immediate.code] : fatal.length > 0 ? 'ParsingError' : undefined;
  if (!python.ok) {
    assert.is(expectedError, python.error, `Python raised ${python.error} (${python.message}); we reported ${JSON.stringify(fatal)}\n${context}`);
    return;
  }
  assert.is(expectedError, undefined, `we reported ${JSON.stringify(fatal)} but Python read the file\n${context}`);
  const sections = ours.sections.filter((s) => s.name !== 'DEFAULT').map((s) => [s.name, s.entries.map((e) => [e.key, e.value])]);
  const defaults = ours.sections.find((s) => s.name === 'DEFAULT')?.entries.map((e) => [e.key, e.value]) ?? [];
  assert.equal(sections, python.sections, context);
  assert.equal(defaults, python.defaults, context);
}

/** Our typed reading agrees with Isso's accessors on every key Python could read. */
function assertTypedAgrees(text: string, version: IssoVersion, python: PythonResult, context: string): number {
  if (!python.ok) return 0;
  const { config, diagnostics } = parse(text, { version });
  const values = config as Record<string, Record<string, unknown> | undefined>;
  let checked = 0;
  for (const [section, keys] of Object.entries(python.typed)) {
    for (const [key, read] of Object.entries(keys)) {
      const ours = values[section]?.[key];
      const where = `[${section}] ${key}: ${context}`;
      const errorAt = diagnostics.some((d) => d.severity === 'error' && d.path[0] === section && d.path[1] === key);
      if (!read.ok || read.value === null) {
        assert.is(ours, undefined, `Python fails (${JSON.stringify(read)}) but we read ${JSON.stringify(ours)}: ${where}`);
        assert.ok(errorAt, `no error diagnostic for a key Isso cannot read: ${where}`);
      } else if (typeof ours === 'object' && ours !== null && 'env' in ours) {
        const name = (ours as { env: string }).env;
        assert.is(String(read.value), ENV[name] ?? `<expanded:${name}>`, where);
      } else if (typeof read.value === 'number' && !Number.isSafeInteger(read.value)) {
        assert.ok(ours === undefined && diagnostics.some((d) => d.code === 'int-out-of-range' && d.path[1] === key), `huge integer not reported: ${where}`);
      } else if (ours === undefined && pythonKind(python, section, key) === 'enum') {
        // Isso compares enum words itself; we report an unknown word as an error instead of passing it on.
        assert.ok(diagnostics.some((d) => d.code === 'invalid-enum' && d.path[0] === section && d.path[1] === key), `enum value dropped silently: ${where}`);
      } else if (/\$(?:\w|\{[^}]*\})/.test(JSON.stringify(ours)) && version.startsWith('0.14')) {
        assert.ok(diagnostics.some((d) => d.code === 'env-expansion' && d.path[0] === section && d.path[1] === key), `no warning about $ in ${where}`);
      } else {
        const want = Array.isArray(ours) && ours.length === 0 && pythonKind(python, section, key) === 'comma-list' ? [''] : ours;
        assert.equal(want, read.value, where);
        assert.not.ok(errorAt, `error diagnostic for a key Isso reads: ${where}`);
      }
      checked++;
    }
  }
  return checked;
}

function pythonKind(_python: PythonResult, section: string, key: string): IssoValueKind | undefined {
  return (ISSO_SCHEMA as IssoSchema)[section]?.keys[key]?.kind;
}

const HEADERS = ['[general]', '[ general ]', '[General]', '[smtp]', '[server]', '[guard]', '[markup]', '[markup.misaka]', '[DEFAULT]', '[a]b]', '[]', '[x] ; c', '[', '[moderation]'];
const KNOWN_HEADERS = ['[general]', '[smtp]', '[server]', '[guard]', '[moderation]', '[admin]', '[markup]', '[rss]'];
const KEYS = [
  'host', 'HOST', 'Host', 'name', 'dbpath', 'max-age', 'notify', 'password', 'port', 'timeout', 'enabled', 'reload', 'purge-after',
  'security', 'x y', '', 'ratelimit', 'trusted-proxies', 'gravatar', 'limit', 'base', 'allowed-elements', 'samesite', 'require-email', 'listen',
];
const DELIMITERS = ['=', ' = ', ':', ' : ', '\u00a0=\u00a0', ' =', '= ', '==', ':='];
const INDENTS = ['', '', '', ' ', '  ', '\t', '\u00a0', '\u3000', '\u000b', '\u001c', '    '];
const VALUES = ['', 'true', 'yes', 'Off', '1', '0', 'y', '15m', '30m1h', '1m 30x', '3w 12h 57m', '90', '-3', '1_000', '+5', '٣', '1y', 'https://a', 'https://a, https://b', 'smtp, stdout', 'a ; b', 'x # y', '#z', '%s%%'];
const SEPARATORS = ['\n', '\n', '\n', '\r\n', '\r'];

function randomText(random: () => number): string {
  const lines: string[] = [];
  const count = intBetween(random, 0, 14);
  for (let i = 0; i < count; i++) {
    const indent = pick(random, INDENTS);
    const roll = random();
    if (roll < 0.2) lines.push(indent + pick(random, HEADERS));
    else if (roll < 0.3) lines.push(indent + pick(random, ['# c', '; c', '#', ';', '#[general]']));
    else if (roll < 0.4) lines.push(pick(random, ['', ' ', '\t', '\u00a0', '\u2028']));
    else if (roll < 0.45) lines.push(indent + pick(random, KEYS));
    else if (roll < 0.5) lines.push(indent + hostileString(random, 5, FRAGMENTS));
    else lines.push(indent + pick(random, KEYS) + pick(random, DELIMITERS) + (random() < 0.5 ? pick(random, VALUES) : hostileString(random, 5, FRAGMENTS)));
  }
  if (random() < 0.85) lines.unshift(pick(random, KNOWN_HEADERS));
  let text = '';
  for (const line of lines) text += line + pick(random, SEPARATORS);
  return random() < 0.05 ? `\ufeff${text}` : random() < 0.2 ? text.slice(0, -1) : text;
}

const TRICKY: readonly (readonly [string, IssoVersion])[] = [
  ['[general]\ndbpath = /db/comments.db\nhost =\n  https://vincent.bernat.ch\n  http://localhost:8080\nnotify = smtp\n', '0.14.0'],
  ['[server]\nlisten: http://localhost:8080\npublic-endpoint = https://x/#frag\n', '0.13.0'],
  ['[smtp]\npassword = p#ss;w0rd\nusername = "quoted"\n[general]\ndbpath = /x # c\nname = foo ; x\n', '0.13.0'],
  ['[general]\nhost = https://a, https://b\n', '0.13.0'],
  ['[general]\nhost =\n    https://a\n\n    # hidden\n  ;also\n\n    http://b\n\n\n', '0.13.0'],
  ['[general]\nhost =\n\thttps://a\n# at column 0\n\thttps://b\n', '0.13.0'],
  ['[general]\nMAX-AGE = 1h\nNotify = SMTP\n', '0.13.0'],
  ['[ general ]\nname = x\n', '0.13.0'],
  ['[general]\nName=a\nname=b\n', '0.13.0'],
  ['\ufeff[general]\nname = x\n', '0.13.0'],
  ['name = x\n[general]\n', '0.13.0'],
  ['# only a comment\n\n[general]\ndbpath = /x\n  name = foo\n', '0.13.0'],
  ['[general]\nmax-age = 30m1h\n[moderation]\npurge-after = 1m 30x\n[smtp]\ntimeout = 3w 12h 57m\nport = 0\n[rss]\nlimit = 1y\n', '0.13.0'],
  ['[admin]\nenabled = yes\n[moderation]\nenabled =\n[guard]\nenabled = y\nrequire-email = ON\n', '0.13.0'],
  ['[general]\nnotify = smtp\n  stdout\n', '0.13.0'],
  ['[DEFAULT]\nfoo = 1\n[general]\nname = x\n', '0.13.0'],
  ['[general]\n= value\n', '0.13.0'],
  ['[general]\n= value\n: other\n', '0.13.0'],
  ['[general]\nname\n  continued\n', '0.13.0'],
  ['[general]\r\nname = a\r\nhost =\r\n  https://a\r\n  https://b\r\n', '0.13.0'],
  ['[general]\rname = a\rdbpath = b\r', '0.13.0'],
  ['[general]\nhost =\n\u00a0https://a\n\u3000https://b\n', '0.13.0'],
  ['[general]\n\n  name = indented key after header\n', '0.13.0'],
  ['[general]\nnotify =\n[markup]\nallowed-elements = ,\nallowed-attributes = a,, b ,\n', '0.13.0'],
  ['[general]\nname = a   \n   \n\t\n', '0.13.0'],
  ['[a]b]\nx = 1\n[x] trailing\ny = 2\n', '0.13.0'],
  ['[smtp]\nport = 1_000\ntimeout = +5\n[rss]\nlimit = ٣\n[guard]\nratelimit = 1m\ndirect-reply = -4\n', '0.13.0'],
  ['[smtp]\npassword = %s%%foo\n', '0.13.0'],
  ['[general]\nmax-age = 999999999d 86399s\n[moderation]\npurge-after = 1000000000d\n[smtp]\nport = 99999999999999999999\ntimeout = ' + '1'.repeat(4301) + '\n', '0.13.0'],
  ['[smtp]\npassword = 100%%\nusername = a%(x)s\n', '0.12.5'],
  ['[smtp]\npassword = ${ISSO_SMTP_PASSWORD}\nusername = $USER\nhost = a$HOMEb\nport = ${PORT}\n[general]\nhost =\n  https://a\n  $SITE\n', '0.14.0'],
  ['[markup]\nrenderer = mistune\n[markup.mistune]\nplugins =\nparameters = hard_wrap\n[markup.misaka]\noptions = autolink, fenced_code\n', '0.14.0'],
  ['[server]\nsamesite = Lax\ntrusted-proxies =\n  10.0.0.1\n  ::1\n[smtp]\nsecurity = STARTTLS\n', '0.13.0'],
  ['[general]\nkey: with = both\nother = with: both\n', '0.13.0'],
  ['', '0.13.0'],
  ['\n\n# nothing\n', '0.13.0'],
  ['[general]\nname = x\n[general]\ndbpath = y\n', '0.13.0'],
  ['[DEFAULT]\na = 1\n[DEFAULT]\nb = 2\n[general]\nname = x\n', '0.13.0'],
];

const Parse = suite('parse (agrees with Python configparser and Isso accessors)');

Parse('strips and indents with exactly the characters Python calls whitespace', () => {
  const python = runPythonJson('import json; print(json.dumps([c for c in range(0x110000) if chr(c).isspace()]))') as number[];
  assert.equal(PYTHON_WHITESPACE_CHARS.map((c) => c.codePointAt(0)), python);
});

Parse('hand-made tricky files read the same as in Python, raw and typed', () => {
  const results = readWithPython(TRICKY.map(([text, version]) => pythonCase(text, version)));
  let checked = 0;
  results.forEach((python, i) => {
    const [text, version] = TRICKY[i]!;
    const context = `tricky #${i} (${version}): ${JSON.stringify(text)}`;
    if (!pythonCase(text, version).interpolation) assertRawAgrees(text, python, context);
    checked += assertTypedAgrees(text, version, python, context);
  });
  assert.ok(checked > 50, `only ${checked} typed keys compared`);
});

Parse('random line soup reads the same as in Python, raw and typed', () => {
  const seed = 4242;
  const random = seededRandom(seed);
  const texts = Array.from({ length: 6000 }, () => randomText(random));
  const results = readWithPython(texts.map((text) => pythonCase(text, '0.13.0')));
  let ok = 0;
  let checked = 0;
  results.forEach((python, i) => {
    const context = `seed ${seed} text ${i}: ${JSON.stringify(texts[i])}`;
    assertRawAgrees(texts[i]!, python, context);
    checked += assertTypedAgrees(texts[i]!, '0.13.0', python, context);
    if (python.ok) ok++;
  });
  assert.ok(ok > 1500 && ok < 4500, `unbalanced sample: ${ok} of ${texts.length} files read by Python`);
  assert.ok(checked > 500, `only ${checked} typed keys compared`);
});

Parse.run();
