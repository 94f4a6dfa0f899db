import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { intBetween, nixParseMany, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { parse, print } from '../src/index.js';
import { normalizeDump } from './normalize-dump.js';

// `with { };` makes `x` and `y` dynamic lookups, so only syntax decides what Nix builds.
const closed = (source: string): string => `with { }; ${source}`;

/**
 * Pieces of an indented string's source: interpolations (plain, nested strings), the escapes
 * `''$` `'''` `''\X`, lone `'` and `$`, line breaks, blank and whitespace-only lines, indentation.
 */
const FRAGMENTS = [
  '${x}', '${y}', '${"s"}', "${''n''}", "''$", "'''", "''\\n", "''\\ ", "''\\\\", "''\\'", "''${", "'", '$', 'a', 'b c',
  '\n', '\n', '\n  ', '\n    ', '\n\n  ', '  ', ' ', '\t', '\n  \n', '"', '\\', '#',
];

/** Every indented-string shape: the interpolation first, last, alone, after blank lines, … */
function shapes(): string[] {
  const fixed = [
    "''${x}''", "''${x} a''", "''a ${x}''", "''  ${x}''", "''  ${x} a''", "''\n  ${x}''", "''\n  ${x} a''",
    "''\n\n  ${x}\n''", "''${x}\n  b\n''", "''${x}\nb''", "''${x}${y}''", "''${x}\n''", "''\n  a\n  ${x}''",
    "''\n  ${x}\n  ''", "'' \n  ${x}''", "''''$${x}''", "''''\\ ${x}''", "'''''${x}''", "''${x}''$''", "''${x}'''''",
    "''\n    ${x}\n  b\n''", "''  \n  \n  ${x}  \n  ''", "''${x}\n\n  ''", "''\t${x}''", "''${x}\n    a\n  b''",
  ];
  const random = seededRandom(2020);
  const generated: string[] = [];
  for (let i = 0; i < 1500; i++) {
    let body = '';
    for (let n = intBetween(random, 1, 8); n > 0; n--) body += pick(random, FRAGMENTS);
    const lead = pick(random, ['', '', '\n', '\n  ', '  ', ' \n']);
    generated.push(`''${lead}${body}''`);
  }
  return [...fixed, ...generated];
}

const indented = suite('print: parsed indented strings keep the parse tree Nix builds');

indented('print(parse(s)) has the nix-instantiate --parse form of s, for every indented-string shape', () => {
  const sources = shapes().filter((source) => parse(closed(source)).expr?.kind === 'with');
  // A fragment may close the literal early (`''` + `a`); most sources are single strings.
  const strings = sources.filter((source) => {
    const expr = parse(source).expr;
    return expr?.kind === 'string' && expr.style === 'indented';
  });
  assert.ok(strings.length > 900, `only ${strings.length} sources are single indented strings`);
  const startsWithInterpolation = strings.filter((source) => {
    const expr = parse(source).expr;
    return expr?.kind === 'string' && typeof expr.parts[0] === 'object';
  });
  assert.ok(startsWithInterpolation.length > 200, `only ${startsWithInterpolation.length} start with an interpolation`);
  const printed = strings.map((source) => print(parse(source).expr!));
  const dumps = nixParseMany([...strings, ...printed].map(closed));
  const mismatches: string[] = [];
  strings.forEach((source, i) => {
    const original = dumps[i]!;
    const again = dumps[strings.length + i]!;
    if (!original.ok || !again.ok) {
      mismatches.push(`${JSON.stringify(source)}: ${original.ok ? '' : original.error}${again.ok ? '' : again.error}`);
      return;
    }
    const a = normalizeDump(original.dump);
    const b = normalizeDump(again.dump);
    if (a !== b) mismatches.push(`${JSON.stringify(source)} printed ${JSON.stringify(printed[i])}: Nix ${a} vs ${b}`);
  });
  assert.equal(mismatches.slice(0, 8), [], `${mismatches.length} of ${strings.length} differ`);
});

indented('the issue cases: the one-line form stays, an indented source keeps its empty first text', () => {
  assert.is(print(parse("x: ''${x} a''").expr!), "x: ''${x} a''\n");
  assert.is(print(parse("x: ''${x}''").expr!), "x: ''${x}''\n");
  // Written after a line break, Nix's tree starts with "" and the printed layout keeps it.
  assert.is(print(parse("x: ''\n  ${x} a''").expr!), "x: ''\n  ${x} a''\n");
  const [a, b] = nixParseMany([print(parse("x: ''${x} a''").expr!), print(parse("x: ''  ${x}''").expr!)]);
  assert.equal(a, { ok: true, dump: '(x: (x + " a"))' });
  assert.equal(b, { ok: true, dump: '(x: ("" + x))' });
});

indented.run();
