// HCL2 native-syntax quoted strings (hashicorp/hcl hclsyntax/spec.md and scan_tokens.rl at
// 2efc2662361a9f5fd39f5d0cd46970ce4c3f7be2). A quoted string is a template: `${` opens an
// interpolation and `%{` a directive, so a literal one is written `$${` / `%%{`. The escapes are
// \n \r \t \" \\ \uNNNN \UNNNNNNNN; everything else outside printable ASCII is written as a
// \u or \U escape so the file is plain ASCII whatever the input.

function hex(codePoint: number, width: number): string {
  return codePoint.toString(16).toUpperCase().padStart(width, '0');
}

/** `text` as an HCL quoted string, quotes included, that reads back as exactly `text`. */
export function hclString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) as number;
    if (code > 0xffff) i++;
    const ch = String.fromCodePoint(code);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    // `$${` reads as a literal `${`; a `$` before anything else is already literal.
    else if ((ch === '$' || ch === '%') && text[i + 1] === '{') out += ch + ch;
    else if (code < 0x20 || code === 0x7f) out += `\\u${hex(code, 4)}`;
    else if (code > 0xffff) out += `\\U${hex(code, 8)}`;
    else if (code > 0x7e) out += `\\u${hex(code, 4)}`;
    else out += ch;
  }
  return `${out}"`;
}
