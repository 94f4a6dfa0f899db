import * as assert from 'uvu/assert';
import type { NixExpr } from '../../src/ast.js';
import { nixParse, nixParseOrThrow } from '../../../../tools/test-helpers/index.js';
import { internPreamble, normalizeDump } from './intern-names.js';
import { referencePrint } from './reference-print.js';

// `with { };` makes every free variable legal for --parse, which resolves names.
const program = (items: readonly string[], preamble: string): string =>
  `${preamble}with { };\n[\n${items.map((item) => `(\n${item}\n)`).join('\n')}\n]\n`;

/**
 * Asserts that `printed[i]` parses with `nix-instantiate --parse` to the tree of `asts[i]` (as
 * written by the reference printer), for every i. All cases go to Nix in one process; only when
 * that batch differs is each case parsed alone, to report the first one that differs.
 */
export function assertParsesAsBuilt(asts: readonly NixExpr[], printed: readonly string[], names: readonly string[], label: string): void {
  const preamble = internPreamble(asts, names);
  const expected = normalizeDump(nixParseOrThrow(program(asts.map(referencePrint), preamble)));
  const actual = nixParse(program(printed, preamble));
  if (actual.ok && normalizeDump(actual.stdout) === expected) return;
  for (let i = 0; i < asts.length; i++) {
    const one = nixParse(program([printed[i]!], preamble));
    const reference = normalizeDump(nixParseOrThrow(program([referencePrint(asts[i]!)], preamble)));
    if (!one.ok || normalizeDump(one.stdout) !== reference) {
      const got = one.ok ? normalizeDump(one.stdout) : one.stderr;
      let at = 0;
      while (at < got.length && got[at] === reference[at]) at++;
      assert.unreachable(
        `case ${i} of ${label}:\n--- printed ---\n${printed[i]}\n--- nix (from the first difference) ---\n` +
          `${got.slice(at, at + 400)}\n--- expected ---\n${reference.slice(at, at + 400)}`,
      );
    }
  }
  assert.unreachable('the batch differs but no single case does');
}
