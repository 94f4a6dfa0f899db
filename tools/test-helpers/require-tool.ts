import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Finds an interop tool or throws. Interop tests must fail, never skip, when the real tool is
 * missing, so every helper resolves its binary through here.
 */
export function requireTool(name: string, fallbacks: readonly string[] = []): string {
  for (const candidate of fallbacks) {
    if (existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      `interop tool "${name}" is not installed: run tools/install-interop-deps (Debian package for ${name})`,
    );
  }
}
