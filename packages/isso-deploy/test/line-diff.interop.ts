// unifiedDiff against GNU patch: random edits of many files, one combined diff, applied with
// `patch -p1` in a copy of the old files, must give exactly the new files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { intBetween, pick, requireTool, seededRandom } from '../../../tools/test-helpers/index.js';
import { unifiedDiff } from '../src/index.js';

const diff = suite('unifiedDiff with patch -p1');

diff('patch -p1 turns every old file into the new one, also without a final newline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nixkit-diff-'));
  try {
    const random = seededRandom(29);
    const words = ['a', 'b', 'c', '{', '}', '  x = 1;', '', ' spaced ', '-dash', '+plus', '\\ back'];
    const cases: { name: string; before: string; after: string }[] = [];
    for (let i = 0; i < 120; i++) {
      const before = Array.from({ length: intBetween(random, 1, 40) }, () => pick(random, words));
      const after = [...before];
      for (let edits = intBetween(random, 1, 6); edits > 0; edits--) {
        const at = intBetween(random, 0, after.length);
        if (random() < 0.5 && after.length > 1) after.splice(Math.min(at, after.length - 1), 1);
        else after.splice(at, 0, pick(random, words));
      }
      const eol = () => (random() < 0.8 ? '\n' : '');
      cases.push({ name: `f${i}.nix`, before: `${before.join('\n')}${eol()}`, after: `${after.join('\n')}${eol()}` });
    }
    mkdirSync(join(dir, 'tree'));
    let combined = '';
    for (const { name, before, after } of cases) {
      writeFileSync(join(dir, 'tree', name), before);
      combined += unifiedDiff(before, after, { from: `a/${name}`, to: `b/${name}` });
    }
    const result = spawnSync(requireTool('patch'), ['-p1', '--batch', '--silent'], { cwd: join(dir, 'tree'), input: combined, encoding: 'utf8' });
    assert.is(result.status, 0, result.stdout + result.stderr);
    for (const { name, after } of cases) assert.is(readFileSync(join(dir, 'tree', name), 'utf8'), after, name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

diff.run();
