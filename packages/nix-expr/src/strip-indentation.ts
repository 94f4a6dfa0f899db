import type { NixExpr, StringPart } from './ast.js';
import { truncateAtNul } from './lex.js';
import { mergeParts } from './string-parts.js';

/** One piece of an indented string as the lexer saw it: source text, an escape, or `${…}`. */
export type IndentedPiece = { text: string; indented: boolean } | { expr: NixExpr };

/**
 * The value of a `''…''` string, computed exactly as Nix 2.8's `stripIndentation` does: the
 * smallest indentation (spaces only) over lines with content is removed from every line;
 * escapes and interpolations end a line's indentation where they stand; the first line counts;
 * a last line made only of spaces is dropped when the string ends in literal text. Returns the
 * parts (literal texts and interpolated expressions) with adjacent texts merged and empty texts
 * dropped, plus whether Nix would see a single constant string (which matters for attribute keys).
 */
export function stripIndentation(pieces: readonly IndentedPiece[]): { parts: StringPart[]; constant: boolean; leadingEmpty: boolean } {
  if (pieces.length === 0) return { parts: [], constant: true, leadingEmpty: false };

  let atStartOfLine = true;
  let minIndent = Infinity;
  let curIndent = 0;
  for (const piece of pieces) {
    if ('expr' in piece || !piece.indented) {
      if (atStartOfLine) {
        atStartOfLine = false;
        minIndent = Math.min(minIndent, curIndent);
      }
      continue;
    }
    const text = piece.text;
    let j = 0;
    while (j < text.length) {
      if (atStartOfLine) {
        const c = text.charCodeAt(j++);
        if (c === 32) curIndent++;
        else if (c === 10) curIndent = 0;
        else {
          atStartOfLine = false;
          minIndent = Math.min(minIndent, curIndent);
        }
      } else {
        // The rest of a line with content does not matter here: skip to its end.
        const newline = text.indexOf('\n', j);
        if (newline < 0) break;
        j = newline + 1;
        atStartOfLine = true;
        curIndent = 0;
      }
    }
  }

  const out: StringPart[] = [];
  atStartOfLine = true;
  let curDropped = 0;
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index]!;
    if ('expr' in piece) {
      atStartOfLine = false;
      curDropped = 0;
      out.push(piece.expr);
      continue;
    }
    // Escapes go through the same stripping as raw text: Nix only distinguishes them above.
    let s2 = '';
    const text = piece.text;
    let j = 0;
    while (j < text.length) {
      if (atStartOfLine) {
        const c = text.charCodeAt(j);
        if (c === 32) {
          if (curDropped++ >= minIndent) s2 += ' ';
          j++;
        } else if (c === 10) {
          curDropped = 0;
          s2 += '\n';
          j++;
        } else {
          // Content starts: the line is copied from here on, this character included.
          atStartOfLine = false;
          curDropped = 0;
        }
      } else {
        // Copy up to and including the end of the line in one slice, not character by character.
        const newline = text.indexOf('\n', j);
        const end = newline < 0 ? text.length : newline + 1;
        s2 += text.slice(j, end);
        j = end;
        if (newline >= 0) atStartOfLine = true;
      }
    }
    if (index === pieces.length - 1) {
      const p = s2.lastIndexOf('\n');
      if (p >= 0 && /^ *$/.test(s2.slice(p + 1))) s2 = s2.slice(0, p + 1);
    }
    out.push(truncateAtNul(s2));
  }

  const constant = out.length === 1 && typeof out[0] === 'string';
  // Nix keeps every piece, even one its stripping emptied: texts that all came out empty before
  // the first interpolation show as a leading `""` in its parse tree (`''⏎  ${x}''` is `("" + x)`).
  const firstExpr = out.findIndex((part) => typeof part !== 'string');
  const leadingEmpty = firstExpr > 0 && out.slice(0, firstExpr).every((part) => part === '');
  return { parts: mergeParts(out), constant, leadingEmpty };
}
