import { addCost } from './cost-meter.js';
import { checkRelease, hasFeature, type NixosRelease } from './nixos-release.js';
import { expectString } from './shape.js';

/**
 * nixpkgs `lib.escapeShellArg` as of `release`: since 24.11 a word made only of
 * `[[:alnum:],._+:@%/-]` is left bare; otherwise (and always before 24.11) it is wrapped in single
 * quotes with `'` written as `'\''`. Byte-for-byte what NixOS puts in the unit script.
 */
export function escapeShellArg(text: string, release: NixosRelease): string {
  expectString(text, ['text']);
  addCost(text.length);
  checkRelease(release);
  if (hasFeature(release, 'escapeWhenNeeded') && /^[A-Za-z0-9,._+:@%/-]+$/.test(text)) return text;
  return `'${quoteQuotes(text)}'`;
}

// `'` → `'\''` in one pass, joined in bounded chunks (a replaceAll pays a call per match).
function quoteQuotes(text: string): string {
  if (!text.includes("'")) return text;
  const chunks: string[] = [];
  let pieces: string[] = [];
  let from = 0;
  for (let at = text.indexOf("'"); at !== -1; at = text.indexOf("'", from)) {
    pieces.push(text.slice(from, at), "'\\''");
    from = at + 1;
    if (pieces.length >= 8192) {
      chunks.push(pieces.join(''));
      pieces = [];
    }
  }
  pieces.push(text.slice(from));
  chunks.push(pieces.join(''));
  return chunks.join('');
}
