/**
 * Measures npm `ini` against Isso's reading rules on the same data our serializer and parser are
 * tested with. These figures are why the package uses `ini` nowhere (see README): each assertion
 * pins one documented way `ini` output differs from what Isso reads.
 */
import * as ini from 'ini';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { parseRaw, serialize, validate, type IssoConfig } from '../src/index.js';
import { arbitraryConfig } from './arbitrary.js';
import { readWithPython, type PythonCase } from './isso-python.js';

const Ini = suite('npm ini compared with Isso (why the package does not use it)');

const python = (text: string): PythonCase => ({ text, interpolation: false, expand: false, env: {}, kinds: {} });

function rawOf(text: string): string {
  const [result] = readWithPython([python(text)]);
  return JSON.stringify(result);
}

Ini('ini.encode output is misread by Isso for lists, query strings, # and ;, and null', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ general: { host: ['https://a', 'http://b'] } }, 'DuplicateOptionError'],
    [{ general: { 'gravatar-url': 'https://g/{}?d=identicon&s=55' } }, '"\\"https://g/{}?d=identicon&s=55\\""'],
    [{ smtp: { password: 'p#ss;w0rd' } }, '"p\\\\#ss\\\\;w0rd"'],
  ];
  for (const [config, misread] of cases) {
    assert.ok(rawOf(ini.encode(config, { whitespace: true })).includes(misread), `${JSON.stringify(config)} → ${ini.encode(config, { whitespace: true })}`);
    const ours = rawOf(serialize({ general: { host: ['https://a'] }, ...config } as IssoConfig, { version: '0.13.0' }));
    assert.not.ok(ours.includes(misread), ours);
  }
  assert.ok(rawOf(ini.encode({ general: { 'log-file': null } })).includes('"null"'));
  assert.throws(() => serialize({ general: { 'log-file': null } } as unknown as IssoConfig, { version: '0.13.0' }), /log-file/);
});

Ini('ini.decode misreads Isso files: continuation lines, colon delimiter, inline comments', () => {
  const decoded = JSON.parse(JSON.stringify(ini.decode('[general]\nhost =\n    https://a/\n    http://b/\n[server]\nlisten: http://localhost:8080\n[smtp]\npassword = p#ss;w0rd\n')));
  assert.equal(decoded, { general: { host: '', 'https://a/': true, 'http://b/': true }, server: { 'listen: http://localhost:8080': true }, smtp: { password: 'p' } });
});

Ini('on random valid configs, ini keeps far fewer values intact than serialize and parseRaw', () => {
  const random = seededRandom(31337);
  const texts = Array.from({ length: 300 }, () => {
    const version = pick(random, ['0.12.6', '0.13.0'] as const);
    return serialize(arbitraryConfig(random, version, false, false).config as IssoConfig, { version });
  });
  // The reference: the raw strings Python's configparser reads from our output.
  const reference = readWithPython(texts.map(python)).map((result) => {
    if (!result.ok) throw new Error(`Python could not read our output: ${result.message}`);
    return Object.fromEntries(result.sections.map(([name, entries]) => [name, Object.fromEntries(entries)])) as Record<string, Record<string, string>>;
  });
  const encoded = readWithPython(reference.map((sections) => python(ini.encode(sections, { whitespace: true }))));
  const tally = { values: 0, plain: 0, encodeSame: 0, encodePlainSame: 0, decodeSame: 0, decodePlainSame: 0, parseRawSame: 0 };
  reference.forEach((sections, i) => {
    const viaIni = encoded[i]!;
    const encodedSections = viaIni.ok ? Object.fromEntries(viaIni.sections.map(([name, entries]) => [name, Object.fromEntries(entries)])) : {};
    const decoded = ini.decode(texts[i]!) as Record<string, Record<string, unknown>>;
    const raw = new Map(parseRaw(texts[i]!).sections.map((s) => [s.name, new Map(s.entries.map((e) => [e.key, e.value]))]));
    for (const [name, entries] of Object.entries(sections)) {
      for (const [key, value] of Object.entries(entries)) {
        // "Plain": one line without characters ini quotes, escapes or comments out.
        const plain = !/[\n#;="'\\[\]]/.test(value) && value.trim() === value && !['true', 'false', 'null'].includes(value);
        tally.values++;
        if (plain) tally.plain++;
        const encodeOk = encodedSections[name]?.[key] === value;
        const decodeOk = decoded[name]?.[key] === value;
        if (encodeOk) tally.encodeSame++;
        if (encodeOk && plain) tally.encodePlainSame++;
        if (decodeOk) tally.decodeSame++;
        if (decodeOk && plain) tally.decodePlainSame++;
        if (raw.get(name)?.get(key) === value) tally.parseRawSame++;
      }
    }
  });
  console.log(`  ${JSON.stringify(tally)}`);
  assert.is(tally.parseRawSame, tally.values);
  assert.ok(tally.values > 2000, `only ${tally.values} values`);
  assert.ok(tally.encodeSame < tally.values * 0.9, `ini.encode kept ${tally.encodeSame} of ${tally.values}`);
  assert.ok(tally.decodeSame < tally.values * 0.9, `ini.decode kept ${tally.decodeSame} of ${tally.values}`);
});

Ini.run();
