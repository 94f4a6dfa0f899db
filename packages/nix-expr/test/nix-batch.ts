import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from '../../../tools/test-helpers/index.js';

/**
 * Runs `nix-instantiate --parse` on many sources with as few processes as possible: the sources
 * expected to parse go into one run (each as a file of a shared directory, so relative paths
 * resolve alike); sources expected to fail need one run each, since Nix stops at the first error.
 */

const ENV = { ...process.env, NIX_PATH: '', NIX_REMOTE: '', HOME: process.env.HOME ?? '/tmp' };

function run(files: readonly string[]): { ok: boolean; stdout: string; stderr: string } {
  const bin = requireTool('nix-instantiate');
  const result = spawnSync(bin, ['--parse', ...files], { encoding: 'utf8', env: ENV, maxBuffer: 1 << 30 });
  if (result.error) throw result.error;
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `--parse` output of each source, or the error Nix printed. All files share one directory, so
 * `./x` resolves alike in each. `singly` runs one process per source (for sources expected to fail).
 */
export function nixParseMany(
  sources: readonly string[],
  options: { singly?: boolean } = {},
): ({ ok: true; dump: string } | { ok: false; error: string })[] {
  const dir = mkdtempSync(join(tmpdir(), 'nixkit-parse-'));
  try {
    const files = sources.map((source, i) => {
      const file = join(dir, `case-${i}.nix`);
      writeFileSync(file, source);
      return file;
    });
    const results: ({ ok: true; dump: string } | { ok: false; error: string })[] = new Array(sources.length);
    // Split until every batch either parses as a whole or is a single failing file.
    const pending: number[][] = options.singly ? files.map((_, i) => [i]) : [files.map((_, i) => i)];
    while (pending.length > 0) {
      const batch = pending.pop()!;
      const out = run(batch.map((i) => files[i]!));
      if (out.ok) {
        const lines = out.stdout.replace(/\n$/, '').split('\n');
        if (lines.length !== batch.length) throw new Error(`nix-instantiate printed ${lines.length} lines for ${batch.length} files`);
        batch.forEach((i, k) => (results[i] = { ok: true, dump: lines[k]! }));
      } else if (batch.length === 1) {
        results[batch[0]!] = { ok: false, error: out.stderr };
      } else {
        const half = Math.ceil(batch.length / 2);
        pending.push(batch.slice(half), batch.slice(0, half));
      }
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Nix's dump shows how an indented string was split into pieces by its escapes (`"a" + "\t"`),
 * which is layout, not meaning: merge adjacent string literals and drop the parentheses around
 * a lone one, on both sides of a comparison.
 */
export function normalizeDump(dump: string): string {
  const literal = '"(?:[^"\\\\]|\\\\.)*"';
  const join = new RegExp(`(${literal}) \\+ (${literal})`, 'g');
  let out = dump;
  let previous = '';
  while (out !== previous) {
    previous = out;
    out = out.replace(join, (_, a: string, b: string) => a.slice(0, -1) + b.slice(1));
    out = out.replace(new RegExp(`\\((${literal})\\)`, 'g'), '$1');
  }
  return out;
}
