import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNixInstantiate } from './nix.js';

/** One source's `--parse` dump, or the error Nix printed for it. */
export type ParseOutcome = { ok: true; dump: string } | { ok: false; error: string };

/**
 * `nix-instantiate --parse` of many sources with as few processes as possible. Sources that
 * parse share one run (each as a file of one directory, so `./x` resolves alike in each); a
 * failing batch is halved until every failure stands alone, since Nix stops at the first error.
 * `singly` runs one process per source, for sources expected to fail.
 */
export function nixParseMany(sources: readonly string[], options: { singly?: boolean } = {}): ParseOutcome[] {
  const dir = mkdtempSync(join(tmpdir(), 'nixkit-parse-'));
  try {
    const files = sources.map((source, i) => {
      const file = join(dir, `case-${i}.nix`);
      writeFileSync(file, source);
      return file;
    });
    const results: ParseOutcome[] = new Array(sources.length);
    const pending: number[][] = options.singly ? files.map((_, i) => [i]) : [files.map((_, i) => i)];
    while (pending.length > 0) {
      const batch = pending.pop()!;
      const out = runNixInstantiate(['--parse', ...batch.map((i) => files[i]!)]);
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
