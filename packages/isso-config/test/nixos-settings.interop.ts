import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nixEvalJsonOrThrow, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { IssoConfigError, serialize, toNixosSettings, validate, type IssoConfig, type IssoVersion, type NixosIssoSettings } from '../src/index.js';
import { VERSIONS, arbitraryConfig, hostileField } from './arbitrary.js';
import { expectedValue, kindsOf, readingRules } from './expected-read.js';
import { readWithPython, type PythonResult } from './isso-python.js';

const ToNixos = suite('toNixosSettings (through a toINI written in Nix, read back by Python with Isso rules)');

/**
 * nixpkgs' `lib.generators.toINI {}` as `pkgs.formats.ini {}` calls it, for the atoms NixOS
 * accepts there: sections and keys sorted, `[name]` with `[`/`]` escaped, `key=value` with `=` in
 * the key escaped, values by `mkValueStringDefault` (strings raw, ints by toString, true/false,
 * null as "null"; lists and sets abort), sections separated by a blank line.
 */
const TO_INI = [
  'let',
  '  escape = chars: builtins.replaceStrings chars (map (c: "\\\\" + c) chars);',
  '  atom = v:',
  '    if builtins.isInt v then toString v',
  '    else if builtins.isString v then v',
  '    else if v == true then "true"',
  '    else if v == false then "false"',
  '    else if v == null then "null"',
  '    else throw "mkValueStringDefault: ${builtins.typeOf v} not supported";',
  '  line = values: k: "${escape [ "=" ] k}=${atom values.${k}}\\n";',
  '  section = attrs: name: "[${escape [ "[" "]" ] name}]\\n" + builtins.concatStringsSep "" (map (line attrs.${name}) (builtins.attrNames attrs.${name}));',
  'in attrs: builtins.concatStringsSep "\\n" (map (section attrs) (builtins.attrNames attrs))',
].join('\n');

/** A Nix string literal holding `text` (JSON text here: no raw line breaks). */
function nixString(text: string): string {
  return `"${text.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

/** The isso.conf texts NixOS writes for each `services.isso.settings` value, in one Nix run. */
function toIniWithNix(settings: readonly unknown[]): string[] {
  return nixEvalJsonOrThrow(`let toINI = ${TO_INI}; in map toINI (builtins.fromJSON ${nixString(JSON.stringify(settings))})`) as string[];
}

function sortedSections(result: PythonResult & { ok: true }): PythonResult & { ok: true } {
  const sections = result.sections.map(([name, entries]) => [name, [...entries].sort(([a], [b]) => (a < b ? -1 : 1))] as [string, [string, string | null][]]);
  return { ...result, sections: sections.sort(([a], [b]) => (a < b ? -1 : 1)) };
}

ToNixos('the toINI stand-in writes the example of the nixpkgs manual exactly', () => {
  const [text] = toIniWithNix([{ foo: { hi: '/nix/store/y93qql1p5ggfnaqjjqhxcw0vqw95rlz0-hello-2.10', ciao: 'bar' }, baz: { 'also, integers': 42 } }]);
  assert.is(text, '[baz]\nalso, integers=42\n\n[foo]\nciao=bar\nhi=/nix/store/y93qql1p5ggfnaqjjqhxcw0vqw95rlz0-hello-2.10\n');
});

ToNixos('random valid configs with hostile strings read back as the typed config and as serialize\'s file, every key and nothing else', () => {
  const seed = 20261125;
  const random = seededRandom(seed);
  const cases: { settings: NixosIssoSettings; serialized: string; validated: Record<string, Record<string, unknown>>; env: Record<string, string>; version: IssoVersion }[] = [];
  for (let i = 0; i < 600; i++) {
    const version = pick(random, VERSIONS);
    const lenient = random() < 0.25;
    const { config, env } = arbitraryConfig(random, version, readingRules(version).expand, lenient);
    try {
      cases.push({
        settings: toNixosSettings(config as IssoConfig, { version, lenient }),
        serialized: serialize(config as IssoConfig, { version, lenient }),
        validated: validate(config, { version, lenient }).config as Record<string, Record<string, unknown>>,
        env,
        version,
      });
    } catch (error) {
      throw new Error(`seed ${seed} case ${i}: a valid config was rejected: ${(error as Error).message}\n${JSON.stringify(config)}`);
    }
  }
  const texts = toIniWithNix(cases.map((c) => c.settings));
  const reads = readWithPython(cases.flatMap((c, i) => {
    const rules = readingRules(c.version);
    const kinds = kindsOf(c.validated);
    return [texts[i]!, c.serialized].map((text) => ({ text, ...rules, env: c.env, kinds }));
  }));
  let keysChecked = 0;
  cases.forEach((c, i) => {
    const [viaNix, viaSerialize] = [reads[2 * i]!, reads[2 * i + 1]!];
    const context = `seed ${seed} case ${i} (${c.version}):\n${texts[i]}\n--- settings ---\n${JSON.stringify(c.settings)}`;
    if (!viaNix.ok || !viaSerialize.ok) throw new Error(`Python failed: ${JSON.stringify(viaNix.ok ? viaSerialize : viaNix)}\n${context}`);
    // Same sections, keys, raw values and typed reads as serialize's file, in toINI's order.
    assert.equal(sortedSections(viaNix), sortedSections(viaSerialize), context);
    const wantSections = Object.entries(c.validated).filter(([, values]) => Object.keys(values).length > 0);
    assert.equal(viaNix.sections.length, wantSections.length, context);
    const kinds = kindsOf(c.validated);
    for (const [section, values] of wantSections) {
      for (const [key, value] of Object.entries(values)) {
        const want = expectedValue(section, key, value, kinds[section]![key]!, c.env);
        assert.equal(viaNix.typed[section]?.[key], { ok: true, value: want }, `[${section}] ${key}: ${context}`);
        keysChecked++;
      }
    }
  });
  assert.ok(keysChecked > 3000, `only ${keysChecked} keys checked`);
});

ToNixos('raw hostile strings are accepted exactly when serialize accepts them, and then reach Isso unchanged', () => {
  const seed = 4242;
  const random = seededRandom(seed);
  const accepted: { settings: NixosIssoSettings; section: string; key: string; kind: 'string' | 'newline-list' | 'comma-list'; want: unknown; version: IssoVersion }[] = [];
  let refused = 0;
  for (let i = 0; i < 2000; i++) {
    const version = pick(random, ['0.12.5', '0.12.6', '0.13.0', '0.14.0'] as const);
    const { section, key, kind, value } = hostileField(random, readingRules(version).expand);
    const config = { [section]: { [key]: value } } as IssoConfig;
    const outcome = (write: () => unknown) => {
      try {
        write();
        return 'ok';
      } catch (error) {
        assert.instance(error, IssoConfigError);
        return (error as IssoConfigError).issues.map((issue) => issue.code).join(', ');
      }
    };
    const where = `seed ${seed} case ${i}, ${version} [${section}] ${key} = ${JSON.stringify(value)}`;
    assert.is(outcome(() => toNixosSettings(config, { version })), outcome(() => serialize(config, { version })), where);
    try {
      accepted.push({ settings: toNixosSettings(config, { version }), section, key, kind, want: value, version });
    } catch {
      refused++;
    }
  }
  assert.ok(refused > 300 && accepted.length > 300, `unbalanced sample: ${refused} refused, ${accepted.length} accepted`);
  const texts = toIniWithNix(accepted.map((c) => c.settings));
  readWithPython(accepted.map((c, i) => ({ text: texts[i]!, ...readingRules(c.version), env: {}, kinds: { [c.section]: { [c.key]: c.kind } } }))).forEach((result, i) => {
    const c = accepted[i]!;
    const where = `seed ${seed}, ${c.version} [${c.section}] ${c.key} = ${JSON.stringify(c.want)}\n${JSON.stringify(texts[i])}`;
    assert.ok(result.ok, where);
    if (result.ok) {
      assert.is(result.sections.length, 1, where);
      assert.equal(result.typed[c.section]?.[c.key], { ok: true, value: c.want }, where);
    }
  });
});

ToNixos('refuses NUL because Nix really cuts a string there', () => {
  assert.equal(nixEvalJsonOrThrow(`builtins.fromJSON ${nixString(JSON.stringify(['a\u0000b']))}`), ['a']);
  assert.throws(() => toNixosSettings({ general: { name: 'a\u0000b' } }, { version: '0.14.0' }), (e: unknown) => e instanceof IssoConfigError && e.issues[0]?.code === 'nul-character');
});

ToNixos.run();
