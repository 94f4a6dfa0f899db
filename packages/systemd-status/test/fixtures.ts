import { readFileSync } from 'node:fs';

/** Reads a fixture from test/fixtures by file name. */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}
