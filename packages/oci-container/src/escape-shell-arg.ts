import { checkRelease, hasFeature, type NixosRelease } from './nixos-release.js';
import { expectString } from './shape.js';

/**
 * nixpkgs `lib.escapeShellArg` as of `release`: since 24.11 a word made only of
 * `[[:alnum:],._+:@%/-]` is left bare; otherwise (and always before 24.11) it is wrapped in single
 * quotes with `'` written as `'\''`. Byte-for-byte what NixOS puts in the unit script.
 */
export function escapeShellArg(text: string, release: NixosRelease): string {
  expectString(text, ['text']);
  checkRelease(release);
  if (hasFeature(release, 'escapeWhenNeeded') && /^[A-Za-z0-9,._+:@%/-]+$/.test(text)) return text;
  return `'${text.replaceAll("'", "'\\''")}'`;
}
