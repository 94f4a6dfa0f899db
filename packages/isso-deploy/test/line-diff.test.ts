import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { intBetween, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { unifiedDiff } from '../src/index.js';

/** Applies a unified diff produced by unifiedDiff to `before`; an independent check of its hunks. */
function applyDiff(before: string, diff: string): string {
  const lines = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let cursor = 0;
  const body = diff.split('\n').slice(2, -1);
  for (let i = 0; i < body.length; i++) {
    const header = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(body[i]!);
    if (!header) throw new Error(`bad hunk header ${body[i]}`);
    const start = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1;
    while (cursor < start) out.push(lines[cursor++]!);
    while (i + 1 < body.length && !body[i + 1]!.startsWith('@@')) {
      const line = body[++i]!;
      const text = line.slice(1);
      if (line[0] === ' ') { assert.is(lines[cursor], text); out.push(text); cursor++; }
      else if (line[0] === '-') { assert.is(lines[cursor], text); cursor++; }
      else out.push(text);
    }
  }
  while (cursor < lines.length) out.push(lines[cursor++]!);
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

const diff = suite('unifiedDiff');

diff('is empty for equal texts', () => {
  assert.is(unifiedDiff('a\nb\n', 'a\nb\n', { from: 'x', to: 'x' }), '');
});

diff('shows an inserted import with three lines of context', () => {
  const before = '{ ... }:\n{\n  imports = [\n    ./hardware.nix\n  ];\n  networking.hostName = "web03";\n}\n';
  const after = before.replace('    ./hardware.nix\n', '    ./hardware.nix\n    ./isso.nix\n');
  assert.is(unifiedDiff(before, after, { from: 'configuration.nix', to: 'configuration.nix' }), [
    '--- configuration.nix',
    '+++ configuration.nix',
    '@@ -2,6 +2,7 @@',
    ' {',
    '   imports = [',
    '     ./hardware.nix',
    '+    ./isso.nix',
    '   ];',
    '   networking.hostName = "web03";',
    ' }',
    '',
  ].join('\n'));
});

diff('diffs a new file against nothing', () => {
  assert.is(unifiedDiff('', 'a\nb\n', { from: '/dev/null', to: 'isso.nix' }), '--- /dev/null\n+++ isso.nix\n@@ -0,0 +1,2 @@\n+a\n+b\n');
});

diff('produces hunks that rebuild the new text from the old, for random edits', () => {
  const random = seededRandom(3);
  const words = ['a', 'b', 'c', '{', '}', '  x = 1;', ''];
  for (let i = 0; i < 400; i++) {
    const before = Array.from({ length: intBetween(random, 0, 30) }, () => pick(random, words));
    const after = [...before];
    for (let edits = intBetween(random, 0, 5); edits > 0; edits--) {
      const at = intBetween(random, 0, after.length);
      if (random() < 0.5 && after.length > 0) after.splice(Math.min(at, after.length - 1), 1);
      else after.splice(at, 0, pick(random, words));
    }
    const a = before.length === 0 ? '' : `${before.join('\n')}\n`;
    const b = after.length === 0 ? '' : `${after.join('\n')}\n`;
    const patch = unifiedDiff(a, b, { from: 'a', to: 'b' });
    assert.is(patch === '' ? a : applyDiff(a, patch), b, JSON.stringify({ a, b, patch }));
  }
});

diff('prints removed lines before added lines in every change', () => {
  const random = seededRandom(5);
  const words = ['a', 'b', 'c', 'd'];
  for (let i = 0; i < 300; i++) {
    const before = Array.from({ length: intBetween(random, 0, 12) }, () => pick(random, words));
    const after = Array.from({ length: intBetween(random, 0, 12) }, () => pick(random, words));
    const patch = unifiedDiff(before.map((l) => `${l}\n`).join(''), after.map((l) => `${l}\n`).join(''), { from: 'a/f', to: 'b/f' });
    const body = patch.split('\n').filter((line) => /^[-+ ]/.test(line) && !/^(---|\+\+\+) /.test(line));
    body.forEach((line, k) => {
      if (line[0] === '-') assert.is.not(body[k - 1]?.[0], '+', patch);
    });
  }
});

diff('marks a last line without a newline the way patch expects', () => {
  assert.is(unifiedDiff('a\nb', 'a\nb\n', { from: 'a/f', to: 'b/f' }), '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
  assert.is(unifiedDiff('a\n', 'a\nc', { from: 'a/f', to: 'b/f' }), '--- a/f\n+++ b/f\n@@ -1,1 +1,2 @@\n a\n+c\n\\ No newline at end of file\n');
});

diff.run();
