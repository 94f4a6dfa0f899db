// A strict POSIX-shell word splitter for the scripts NixOS generates: bare words, '…' quoting,
// and backslash-newline continuations. Any other shell-active character outside quotes is an
// error, so an escaping gap fails the test instead of being "split" the wrong way.
export function shellWords(script: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < script.length; i++) {
    const c = script[i] as string;
    if (c === '\\' && script[i + 1] === '\n') {
      i++; // a line continuation vanishes; it never splits or joins words by itself
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = script.indexOf("'", i + 1);
      if (end === -1) throw new Error('unterminated single quote');
      word = (word ?? '') + script.slice(i + 1, end);
      i = end;
    } else if (c === '\\') {
      word = (word ?? '') + (script[i + 1] ?? '');
      i++;
    } else if (/[$`"|&;<>(){}*?[\]~#!]/.test(c) && !(c === '#' && word !== undefined)) {
      throw new Error(`unquoted shell-active ${JSON.stringify(c)} at ${i}`);
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
