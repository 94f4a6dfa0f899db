import { readFileSync } from 'node:fs';

/**
 * The package version from package.json, which sits one level above dist/ both for the modules
 * and for the bundled nixkit-isso.js.
 */
export function packageVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
