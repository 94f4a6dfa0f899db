/**
 * Hand-written sources for every construct of the Nix 2.8 grammar and every trap of the
 * reference notes (nix-expr.md §1–2), valid and invalid alike. The interop test asks
 * nix-instantiate about each; the unit tests pin our own verdicts on a subset.
 */
export const PROBES: readonly string[] = [
  // numbers
  '1', '01', '9223372036854775807', '9223372036854775808', '1.5', '1.', '.5', '0.5', '0.', '00.5', '1e10', '1.0e10', '1.e5',
  '1.0e-7', '1e-06', '5.0e-324', '1.0e400', '2.2250738585072014e-308', '1.0E+3', '0.0e-400', '1.5e', '-9223372036854775807',
  '- 1', '-(1)', '--1', '- -1', '-1.5', '1 -1', '1-1', 'a-1',
  // identifiers, keywords and `or`
  'a-b', "a'", '_', '__curPos', 'true', 'if', 'then', 'or', 'x.or', '{ or = 1; }', '{ a.or = 1; }', 'x ? or', 'x ? a.or',
  'f or', 'f or x', 'f a or', '(f or)', 'x.a or b', 'x.a or', 'x.a or b or', 'x.a or b.c', 'x.a or -1', 'x.a or (-1)',
  'let or = 1; in or', '{ or }: 1', 'inherit', 'rec', 'rec { }', 'x.if', 'x."if"', 'x.${"a"}', 'x.${a}', 'x."a${b}"',
  // operators, precedence, associativity
  'a < b < c', 'a == b == c', 'a != b == c', 'a <= b >= c', 'a < b == c', 'a == b < c', 'a -> b -> c', 'a ? b ? c',
  'a ? b.c ? d', '!a + b', 'a + !b + c', '!a ? b', '!a == b', '!a // b', '-a ? b', '!!a', '!-a', '-!a', 'a ++ b ++ c',
  'a // b // c', 'a * b / c', 'a + b - c', 'a && b || c', 'a || b && c', 'a + if a then b else c', 'a -> if a then b else c',
  '(if a then b else c) + a', 'a + (x: x)', 'a + x: x', 'a //b', 'a<b>c', 'a <b> c', 'a->b', 'a ->b', 'a- > b', '! a', 'a ? "b"',
  'a ? ${b}', 'a ? "${b}"', 'a == -1', 'f -1', 'f (-1)', '[ -1 ]', '[ (-1) ]', '[ f x ]', '[ (f x) ]', '[ a.b or c ]',
  '[ x: x ]', '[ if a then b else c ]', '[ let a = 1; in a ]', '[ let { body = 1; } ]', 'f let { body = 1; }', 'f let a = 1; in a',
  // functions
  'x: x', 'x:x', 'x :x', 'x: y: x', '{ }: 1', '{}: 1', '{ ... }: 1', '{ a, b }: a', '{ a, b, }: a', '{ a, ... , }: a', '{ ..., a }: a',
  '{ a ? 1, b ? a }: b', '{ a, a }: a', '{ a }@a: a', 'a@{ a }: a', 'args@{ a, ... }: a', '{ a }@args: a', '{ a } @ args: a',
  'args @ { a }: a', '{ a ? x: x, b }: a', '{ a }', '{ a, b }', '{ , }: 1', '{ a b }: a', '{ "a" }: 1', '{ a }: { b }: a',
  'assert a; b', 'assert a b', 'with a; b', 'with a b', 'let in 1', 'let a = 1; in a', 'let a = 1; a = 2; in a',
  'let ${"a"} = 1; in a', 'let ${a} = 1; in a', 'let "a" = 1; in a', 'let a.${b} = 1; in a', 'let { a = 1; body = a; }',
  'let { body = 1; }.x', 'let inherit a; in a', 'let inherit (x) a; in a',
  'if a then b else c', 'if a then b', 'if a then if b then c else d else e', 'if a; then b else c',
  // attribute sets
  '{ a = 1; }', '{ a = 1 }', '{ a = 1; b = 2; }', '{ a = 1; a = 2; }', '{ a.b = 1; a.c = 2; }', '{ a.b = 1; a.b = 2; }',
  '{ a = { b = 1; }; a.c = 2; }', '{ a = { b = 1; }; a = { c = 2; }; }', '{ a = { b = 1; }; a = { b = 2; }; }',
  '{ a = x; a.b = 1; }', '{ a.b = 1; a = x; }', '{ inherit a; a = 1; }', '{ inherit a; inherit a; }', '{ inherit a a; }',
  '{ inherit (x) a; a.b = 1; }', '{ inherit a; a.b = 1; }', '{ a = rec { b = 1; }; a.c = 2; }', '{ a = let { body = { }; }; a.c = 2; }',
  '{ inherit; }', '{ inherit (x); }', '{ inherit (x) a "b c"; }', '{ inherit ${"a"}; }', '{ inherit ${a}; }', '{ inherit "a${b}"; }',
  '{ inherit or; }', '{ ${a} = 1; ${a} = 2; }', '{ "${a}" = 1; }', '{ ${"a"} = 1; a = 2; }', '{ "a" = 1; a = 2; }',
  '{ ${a}.b = 1; }', '{ a.${b}.c = 1; }', '{ "" = 1; }', '{ "a b" = 1; }', '{ a."b".${"c"} = 1; }', '{ a.b.c = 1; a.b = { d = 2; }; }',
  '{ ${http://x} = 1; }', "{ ${''a''} = 1; a = 2; }", '{ ${("a")} = 1; a = 2; }', 'rec { a = 1; b = a; }', '{ a = 1; } // { }',
  '{ a = 1; }.a', '{ a = 1; }.b or 2', '{ = 1; }', '{ a; }', '{ a = ; }', '{ a.b }', '{ inherit (a) ; }', '{ inherit (a b) c; }',
  // lists
  '[ ]', '[]', '[ 1 2 3 ]', '[ a.b c.d ]', '[ [ ] [ [ ] ] ]', '[ 1 2', '[ { } ]', '[ rec { } ]', '[ ./a ]', '[ <p> ]',
  // strings
  '""', '"a"', '"a${b}c"', '"${a}${b}"', '"\\${a}"', '"$\\{a}"', '"$${a}"', '"$$${a}"', '"\\$${a}"', '"a$"', '"$"', '"$$"',
  '"\\"', '"\\', '"a', '"${"', '"${a"', '"${a}', '"\\n\\r\\t\\a\\0"', '"\\u0041"', '"a\nb"', '"a\r\nb"', '"${ {a = 1;}.a }"',
  '"${"${"x"}"}"', "''''", "''a''", "''\n  a\n  b\n''", "''\n\tfoo\n\tbar\n''", "'''''", "''''''", "'''''''", "''a'''''",
  "''''$''", "''$''", "''${a}''", "''$${a}''", "''''${a}''", "''\\n''", "'''\\n''", "''''\\n''", "''a'", "''a", "''${a''",
  "''''\\''", "'' '' ''", "'' ${a} ''", "''\n  ${a}\n    b\n  ''", "''\r\n  a\r\n''", "''${\"''\"}''", "'' \n  a''", "''  \n  a''",
  // paths, search paths, URIs
  './a', './a/b', 'a/b', '/a', '../a', './a/', 'a/b/', '/', './', '~', '~/', '~/a', '~/a/', '~/.', './a/${b}', './${a}', '/${a}',
  '~/${a}', 'a/${b}', './a${b}', './a/${b}/c', './a/${b}c', './a/${b}/', './a/${b}/${c}', './a/${b}${c}', './a b', './a#x',
  './a/*b*/', 'a/*b*/c', 'a //b', './a.nix.x', '<nixpkgs>', '<nixpkgs/lib>', '<nixpkgs/>', '<a b>', '<>', '<a/b/c.nix>',
  'http://example.org', 'http://h/a#frag', 'https://example.org/a?b=c&d=e', 'mirror://gnu/hello', 'x:y:z', 'a+b:c', 'a_b:c',
  '1:a', 'x:', 'x: x:y', 'f x:y', './a.${b}', '~/a/${b}/c',
  // comments and whitespace
  '# only a comment', '/* only */', '1 # c', '1 /* c */', '/* unterminated', '1 /* a */ + /* b */ 2', '# a\n# b\n1',
  '{ /* c */ a /* d */ = /* e */ 1 /* f */; /* g */ }', '[ # c\n 1 # d\n ]', '1\r\n', '\t1', '\f1', '1 /**/', '/***/ 1',
  '/* a */* 2', 'a/**/b', 'a /**/ b',
  // lexer leftovers
  '', ' ', ';', '}', '{', '(', ')', '1 )', '(1', '$', '$a', '`a`', 'é', '1 é', '"é"', 'a & b', 'a | b', 'a |> b', 'a <| b',
  '#', '\\', '@', 'a:b:c', '1\0 2', '[ 1 \0 ]', '"a\0b"', "''a\0b''", '# c\0 d\n1', '\0', './a\0', '...', 'x...', '"a" "b"', 'a.', '.a', 'a..b', 'a.1', 'a.b.c.d', '(a.b).c', '(a.b or c).d', 'a.(b)',
];
