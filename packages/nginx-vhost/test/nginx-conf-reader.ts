// A reader for the nginx.conf text `nginx -T` prints, written from nginx's tokenizer rules
// (ngx_conf_read_token, checked on 1.22): used by the interop tests to see which arguments nginx
// gets from a rendered config. Test code only.

export interface ConfNode {
  name: string;
  args: string[];
  block?: ConfNode[];
}

// nginx translates these escapes in quoted and bare tokens alike; any other backslash stays.
function unescape(raw: string): string {
  return raw.replace(/\\([\\"'tnr])/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' } as Record<string, string>)[c] ?? c);
}

export function readNginxConf(text: string): ConfNode[] {
  let i = 0;
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

  function readWord(): { word: string; quoted: boolean } | { special: string } | undefined {
    for (;;) {
      while (i < text.length && isSpace(text[i])) i++;
      if (i >= text.length) return undefined;
      if (text[i] === '#') {
        while (i < text.length && text[i] !== '\n') i++;
        continue;
      }
      break;
    }
    const c = text[i]!;
    if (c === ';' || c === '{' || c === '}') {
      i++;
      return { special: c };
    }
    if (c === '"' || c === "'") {
      const start = ++i;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length) throw new Error('unterminated quoted string');
      const raw = text.slice(start, i);
      i++;
      const after = text[i];
      if (!(isSpace(after) || after === ';' || after === '{')) throw new Error(`unexpected "${after}" after a quoted string`);
      return { word: unescape(raw), quoted: true };
    }
    const start = i;
    let variable = false;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '{' && variable) { i++; variable = false; continue; }
      variable = false;
      if (ch === '\\') { i += 2; continue; }
      if (ch === '$') { variable = true; i++; continue; }
      if (isSpace(ch) || ch === ';' || ch === '{') break;
      i++;
    }
    return { word: unescape(text.slice(start, i)), quoted: false };
  }

  function readBlock(top: boolean): ConfNode[] {
    const nodes: ConfNode[] = [];
    let words: string[] = [];
    for (;;) {
      const token = readWord();
      if (token === undefined) {
        if (!top || words.length > 0) throw new Error('unexpected end of file');
        return nodes;
      }
      if ('word' in token) { words.push(token.word); continue; }
      if (token.special === ';') {
        if (words.length === 0) throw new Error('unexpected ";"');
        nodes.push({ name: words[0]!, args: words.slice(1) });
        words = [];
      } else if (token.special === '{') {
        if (words.length === 0) throw new Error('unexpected "{"');
        nodes.push({ name: words[0]!, args: words.slice(1), block: readBlock(false) });
        words = [];
      } else {
        if (top || words.length > 0) throw new Error('unexpected "}"');
        return nodes;
      }
    }
  }
  return readBlock(true);
}

/** All nodes named `name`, depth first. */
export function findAll(nodes: readonly ConfNode[], name: string): ConfNode[] {
  const out: ConfNode[] = [];
  for (const node of nodes) {
    if (node.name === name) out.push(node);
    if (node.block) out.push(...findAll(node.block, name));
  }
  return out;
}
