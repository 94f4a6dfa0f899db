import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hostileString, intBetween, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { IssoConfigError, serialize, validate, type IssoConfig, type IssoValueKind, type IssoVersion } from '../src/index.js';
import { FRAGMENTS, VERSIONS, arbitraryConfig, hostileField, representable } from './arbitrary.js';
import { readWithPython, type PythonCase } from './isso-python.js';
import { expectedValue, kindsOf, readingRules as version } from './expected-read.js';

const Serialize = suite('serialize (read back by Python configparser with Isso rules)');

Serialize('random valid configs with hostile strings read back identically, every key and nothing else', () => {
  const seed = 20261124;
  const random = seededRandom(seed);
  const cases: { case: PythonCase; validated: Record<string, Record<string, unknown>>; version: IssoVersion }[] = [];
  for (let i = 0; i < 600; i++) {
    const v = pick(random, VERSIONS);
    const { interpolation, expand } = version(v);
    const lenient = random() < 0.25;
    const { config, env } = arbitraryConfig(random, v, expand, lenient);
    let text: string;
    let validated: Record<string, Record<string, unknown>>;
    try {
      text = serialize(config as IssoConfig, { version: v, lenient });
      validated = validate(config, { version: v, lenient }).config as Record<string, Record<string, unknown>>;
    } catch (error) {
      throw new Error(`seed ${seed} case ${i}: a valid config was rejected: ${(error as Error).message}\n${JSON.stringify(config)}`);
    }
    cases.push({ case: { text, interpolation, expand, env, kinds: kindsOf(validated) }, validated, version: v });
  }
  const results = readWithPython(cases.map((c) => c.case));
  let keysChecked = 0;
  results.forEach((result, i) => {
    const { case: c, validated, version: v } = cases[i]!;
    const context = `seed ${seed} case ${i} (${v}):\n${c.text}`;
    if (!result.ok) throw new Error(`Python failed with ${result.error}: ${result.message}\n${context}`);
    const wantSections = Object.entries(validated).filter(([, values]) => Object.keys(values).length > 0);
    assert.equal(result.sections.map(([name, entries]) => [name, entries.map(([key]) => key)]), wantSections.map(([name, values]) => [name, Object.keys(values)]), context);
    assert.equal(result.defaults, [], context);
    for (const [section, values] of wantSections) {
      for (const [key, value] of Object.entries(values)) {
        const read = result.typed[section]?.[key];
        const kind = c.kinds[section]![key]!;
        const want = expectedValue(section, key, value, kind, c.env);
        assert.equal(read, { ok: true, value: want }, `[${section}] ${key}: ${context}`);
        keysChecked++;
      }
    }
  });
  assert.ok(keysChecked > 3000, `only ${keysChecked} keys checked`);
});

/** Codes whose rejection is about how the text survives configparser, not about its meaning. */
const TEXT_CODES = new Set(['newline', 'outer-space', 'env-expansion', 'comment-item', 'comma-in-item']);

Serialize('raw hostile strings are either read back identically or refused because a plain write would be misread', () => {
  const seed = 777;
  const random = seededRandom(seed);
  const cases: { case: PythonCase; want: unknown; accepted: boolean; where: string }[] = [];
  for (let i = 0; i < 2000; i++) {
    const v = pick(random, ['0.12.6', '0.13.0', '0.14.0'] as const);
    const { expand } = version(v);
    const { section, key, kind, raw, items, value } = hostileField(random, expand);
    let text: string;
    let accepted = true;
    let codes = '';
    try {
      text = serialize({ [section]: { [key]: value } } as IssoConfig, { version: v });
    } catch (error) {
      assert.instance(error, IssoConfigError);
      const issues = (error as IssoConfigError).issues;
      codes = issues.map((issue) => issue.code).join(', ');
      // Empty list items are refused for meaning (no Isso list has a use for them), not for form.
      if (issues.some((issue) => issue.code === 'empty-item')) continue;
      if (!issues.every((issue) => TEXT_CODES.has(issue.code))) assert.unreachable(`unexpected refusal ${codes}`);
      accepted = false;
      text = kind === 'string' ? `[${section}]\n${key} = ${raw}\n` : kind === 'newline-list' ? `[${section}]\n${key} =\n${items.map((item) => `    ${item}`).join('\n')}\n` : `[${section}]\n${key} = ${items.join(', ')}\n`;
    }
    cases.push({
      case: { text, interpolation: false, expand, env: {}, kinds: { [section]: { [key]: kind } } },
      want: value,
      accepted,
      where: `seed ${seed} case ${i}, ${v} [${section}] ${key} = ${JSON.stringify(value)} ${accepted ? 'accepted' : `refused (${codes})`}\n${JSON.stringify(text)}`,
    });
  }
  const refused = cases.filter((c) => !c.accepted).length;
  assert.ok(refused > 300 && refused < cases.length - 300, `unbalanced sample: ${refused} of ${cases.length} refused`);
  readWithPython(cases.map((c) => c.case)).forEach((result, i) => {
    const { case: c, want, accepted, where } = cases[i]!;
    const [[section, keys]] = Object.entries(c.kinds) as [[string, Record<string, IssoValueKind>]];
    const [[key]] = Object.entries(keys) as [[string, IssoValueKind]];
    const read = result.ok ? result.typed[section]?.[key] : undefined;
    const exact = result.ok && result.sections.length === 1 && result.sections[0]![1].length === 1 && read?.ok === true && JSON.stringify(read.value) === JSON.stringify(want);
    if (accepted) assert.ok(exact, `accepted, but Python reads ${JSON.stringify(result)}: ${where}`);
    else assert.not.ok(exact, `refused, yet Python reads it back unchanged: ${where}`);
  });
});

Serialize('percent signs survive both interpolation regimes', () => {
  const random = seededRandom(99);
  const cases: PythonCase[] = [];
  const wants: string[] = [];
  for (let i = 0; i < 200; i++) {
    const v = pick(random, ['0.12.0', '0.12.5', '0.12.6', '0.14.0'] as const);
    const { interpolation, expand } = version(v);
    const password = representable(`%${hostileString(random, 5, ['%', '%%', '%(x)s', '(', ')', 's', 'a', '%('])}%`, expand);
    cases.push({ text: serialize({ smtp: { password } }, { version: v }), interpolation, expand, env: {}, kinds: { smtp: { password: 'string' } } });
    wants.push(password);
  }
  readWithPython(cases).forEach((result, i) => {
    assert.ok(result.ok);
    if (result.ok) assert.equal(result.typed.smtp?.password, { ok: true, value: wants[i] }, cases[i]!.text);
  });
});

Serialize('the reference article config is read by Isso as written', () => {
  const text = serialize(
    { general: { dbpath: '/db/comments.db', host: ['https://vincent.bernat.ch', 'http://localhost:8080'], notify: ['smtp'] } },
    { version: '0.14.0' },
  );
  const [result] = readWithPython([{ text, interpolation: false, expand: true, env: {}, kinds: { general: { dbpath: 'string', host: 'newline-list', notify: 'comma-list' } } }]);
  assert.ok(result?.ok);
  if (result?.ok) {
    assert.equal(result.typed.general, {
      dbpath: { ok: true, value: '/db/comments.db' },
      host: { ok: true, value: ['https://vincent.bernat.ch', 'http://localhost:8080'] },
      notify: { ok: true, value: ['smtp'] },
    });
  }
});

Serialize('durations are written so that Isso reads the same number of seconds', () => {
  const random = seededRandom(5);
  const seconds = [0, 1, 59, 60, 61, 3599, 3600, 86399, 86400, 604800, 2592000, 1861020, 999_999_999 * 86400 + 86399, ...Array.from({ length: 300 }, () => intBetween(random, 0, 10 ** intBetween(random, 1, 10)))];
  const cases = seconds.map((s) => ({ text: serialize({ general: { 'max-age': s } }, { version: '0.14.0' }), interpolation: false, expand: true, env: {}, kinds: { general: { 'max-age': 'duration' as const } } }));
  readWithPython(cases).forEach((result, i) => {
    assert.ok(result.ok);
    if (result.ok) assert.equal(result.typed.general?.['max-age'], { ok: true, value: seconds[i] }, cases[i]!.text);
  });
});

Serialize.run();
