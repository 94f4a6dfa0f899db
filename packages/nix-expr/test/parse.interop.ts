import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { intBetween, nixEvalJsonOrThrow, nixParseMany, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { appendToList, equalAst, parse, path, print, setAttr, str, bool, removeAttr, type NixExpr } from '../src/index.js';
import { normalizeDump } from './normalize-dump.js';
import { PROBES } from './probes.js';
import { randomAst } from './random-ast.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.nix'))
  .map((name) => ({ name, source: readFileSync(join(FIXTURES, name), 'utf8') }));

// `--parse` also resolves variables; `with { };` makes every free variable a dynamic lookup,
// so only syntax decides whether Nix accepts a probe.
const closed = (source: string): string => `with { }; ${source}`;

/** Splits probes by our verdict and asks Nix about each group the cheapest way. */
function compareAcceptance(sources: readonly string[]): string[] {
  const ours = sources.map((source) => parse(source).diagnostics.length === 0);
  const accepted = sources.filter((_, i) => ours[i]);
  const rejected = sources.filter((_, i) => !ours[i]);
  const nixAccepted = nixParseMany(accepted.map(closed));
  const nixRejected = nixParseMany(rejected.map(closed), { singly: true });
  const disagreements: string[] = [];
  accepted.forEach((source, i) => {
    const result = nixAccepted[i]!;
    if (!result.ok) disagreements.push(`we accept, Nix rejects: ${JSON.stringify(source)}\n${result.error}`);
  });
  rejected.forEach((source, i) => {
    if (nixRejected[i]!.ok) disagreements.push(`we reject (${parse(source).diagnostics[0]!.message}), Nix accepts: ${JSON.stringify(source)}`);
  });
  return disagreements;
}

const acceptance = suite('parse: accepts exactly what nix-instantiate --parse accepts');

acceptance('on the hand-written probes of every construct and trap', () => {
  const disagreements = compareAcceptance(PROBES);
  assert.equal(disagreements, [], disagreements.join('\n\n'));
});

const SOUP = [
  'a', 'or', '1', '1.5', '.5', '0.', '{', '}', '(', ')', '[', ']', ';', ':', '=', '.', ',', '?', '@', '...', 'if', 'then',
  'else', 'let', 'in', 'with', 'assert', 'rec', 'inherit', '+', '-', '!', '==', '<', '>=', '->', '//', '++', '*', '/', '"s"',
  "''s''", './p', '<p>', 'x:y', '${a}', '#c\n', '/*c*/', '"${a}"', '~/h', 'a/b',
];

acceptance('on random token soup, joined with and without spaces', () => {
  const random = seededRandom(4242);
  const sources: string[] = [];
  for (let i = 0; i < 150; i++) {
    const tokens = Array.from({ length: intBetween(random, 1, 6) }, () => pick(random, SOUP));
    sources.push(tokens.join(random() < 0.8 ? ' ' : ''));
  }
  const disagreements = compareAcceptance([...new Set(sources)]);
  assert.equal(disagreements, [], disagreements.join('\n\n'));
});

const values = suite('parse: string values equal what Nix evaluates');

const DOUBLE_FRAGMENTS = [
  '\\"', '\\\\', '\\n', '\\r', '\\t', '\\$', '$', '$$', '${x}', '$${', '\\${', '$\\{', 'a', ' ', '\n', '\r\n', '\r', '\t',
  "'", "''", 'é', '\\é', '{', '}', '#', '\\a', '🦀',
];
const INDENTED_FRAGMENTS = [
  "''$", "'''", "''\\n", "''\\t", "''\\ ", "''\\'", "''\\r", "'", '$', '$$', '${x}', "''${", '\n', '\n', '  ', '  ', ' ', '\t', 'a',
  'é', '\r\n', '\r', '{', '}', '"', '\\', '#', "'a", '$\'', '\n    ', '\n  ',
];

/** Our value of a parsed string, with the variable `x` standing for "X". */
function valueOf(expr: NixExpr | undefined): string | undefined {
  if (expr?.kind !== 'string') return undefined;
  let out = '';
  for (const part of expr.parts) {
    if (typeof part === 'string') out += part;
    else if (part.kind === 'var' && part.name === 'x') out += 'X';
    else return undefined;
  }
  return out;
}

values('for 3,000 random "…" and \'\'…\'\' literals built from escape-heavy fragments', () => {
  const random = seededRandom(77);
  const sources: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const indentedString = i % 2 === 1;
    const fragments = indentedString ? INDENTED_FRAGMENTS : DOUBLE_FRAGMENTS;
    let body = '';
    for (let n = intBetween(random, 0, 10); n > 0; n--) body += pick(random, fragments);
    sources.push(indentedString ? `''${random() < 0.5 ? '\n' : ''}${body}''` : `"${body}"`);
  }
  const ours = sources.map((source) => parse(source));
  // A fragment may close the literal early (`''` + `a`): such sources parse as something else
  // and are left to the acceptance check below.
  const isString = (i: number): boolean => ours[i]!.expr?.kind === 'string';
  const accepted = sources.filter((_, i) => isString(i));
  assert.ok(accepted.length > 2000, `only ${accepted.length} sources are single literals`);
  const expected = nixEvalJsonOrThrow(`let x = "X"; in [\n${accepted.join('\n')}\n]`) as string[];
  const mismatches: string[] = [];
  let k = 0;
  sources.forEach((source, i) => {
    if (!isString(i)) return;
    const value = valueOf(ours[i]!.expr);
    if (value !== expected[k]) mismatches.push(`${JSON.stringify(source)}: ours ${JSON.stringify(value)}, Nix ${JSON.stringify(expected[k])}`);
    k++;
  });
  assert.equal(mismatches.slice(0, 10), [], `${mismatches.length} mismatches`);
  // The rest: Nix must accept what we accept and reject what we reject.
  const others = sources.filter((_, i) => !isString(i));
  assert.ok(others.length < 300, `too many sources to check one by one: ${others.length}`);
  const disagreements = compareAcceptance(others);
  assert.equal(disagreements, [], disagreements.join('\n\n'));
});

const corpus = suite('parse: real-world files print back to the same Nix AST');

corpus('print(parse(file)) has the nix-instantiate --parse form of the file', () => {
  assert.ok(fixtures.length >= 6);
  const sources: string[] = [];
  for (const fixture of fixtures) {
    const result = parse(fixture.source);
    assert.equal(result.diagnostics, [], fixture.name);
    sources.push(fixture.source, print(result.expr!));
  }
  const dumps = nixParseMany(sources);
  fixtures.forEach((fixture, i) => {
    const original = dumps[2 * i]!;
    const printed = dumps[2 * i + 1]!;
    assert.ok(original.ok && printed.ok, `${fixture.name}: ${original.ok ? '' : original.error}${printed.ok ? '' : printed.error}`);
    if (original.ok && printed.ok) assert.is(normalizeDump(printed.dump), normalizeDump(original.dump), fixture.name);
  });
});

corpus('edited fixtures still parse in Nix and keep every other binding', () => {
  const sources: string[] = [];
  const originals: string[] = [];
  for (const fixture of fixtures) {
    const root = parse(fixture.source).expr!;
    let body = root;
    while (body.kind === 'lambda' || body.kind === 'let' || body.kind === 'with') body = body.body;
    if (body.kind !== 'attrs') continue;
    let edited = setAttr(fixture.source, ['services', 'isso', 'enable'], bool(true)).source;
    edited = setAttr(edited, ['services', 'isso', 'settings', 'general', 'host'], str('https://example.org/')).source;
    edited = appendToList(edited, ['imports'], path('./isso.nix')).source;
    edited = removeAttr(edited, ['services', 'isso', 'enable']).source;
    sources.push(edited);
    originals.push(fixture.source);
  }
  assert.ok(sources.length >= 4);
  const dumps = nixParseMany(sources);
  dumps.forEach((dump, i) => assert.ok(dump.ok, dump.ok ? '' : `${dump.error}\n${sources[i]}`));
});

const roundTrip = suite('parse: printed random ASTs parse back equal, and Nix reads them alike');

roundTrip('parse(print(ast)) equals ast, and Nix parses print(parse(print(ast))) like print(ast)', () => {
  const sources: string[] = [];
  for (let seed = 1; seed <= 300; seed++) {
    const ast = randomAst(seededRandom(seed), 4);
    const text = print(ast);
    const reparsed = parse(text);
    assert.ok(reparsed.expr && equalAst(ast, reparsed.expr), `seed ${seed}\n${text}`);
    sources.push(text, print(reparsed.expr!));
  }
  const dumps = nixParseMany(sources.map(closed));
  for (let i = 0; i < dumps.length; i += 2) {
    const a = dumps[i]!;
    const b = dumps[i + 1]!;
    assert.ok(a.ok && b.ok, `${a.ok ? '' : a.error}\n${sources[i]}`);
    if (a.ok && b.ok) assert.is(b.dump, a.dump);
  }
});

acceptance.run();
values.run();
corpus.run();
roundTrip.run();
