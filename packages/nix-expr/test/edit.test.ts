import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  NixEditError, appendToList, attrs, bool, call, comment, equalAst, int, list, parse, path, removeAttr, setAttr, str, v,
  type NixExpr,
} from '../src/index.js';

const CONFIG = readFileSync(join(import.meta.dirname, 'fixtures', 'configuration.nix'), 'utf8');

/** Asserts that `after` is `before` with only `before.slice(start, end)` replaced. */
function onlyChanged(before: string, after: string, start: number, end: number): void {
  assert.is(after.slice(0, start), before.slice(0, start), 'bytes before the edit changed');
  assert.ok(after.endsWith(before.slice(end)), 'bytes after the edit changed');
  assert.ok(after.length - (before.length - end) >= start, 'the edit overlaps the kept bytes');
}

/** The value bound at `keys` in a parsed file (through its lambda/let), for checking results. */
function valueAt(source: string, keys: readonly string[]): NixExpr | undefined {
  let expr = parse(source).expr!;
  while (expr.kind === 'lambda' || expr.kind === 'let' || expr.kind === 'with') expr = expr.body;
  let rest = [...keys];
  outer: while (rest.length > 0) {
    if (expr.kind !== 'attrs') return undefined;
    for (const item of expr.bindings) {
      if (item.kind !== 'binding' || !item.path.every((key) => typeof key === 'string')) continue;
      const itemKeys = item.path as string[];
      if (itemKeys.every((key, i) => rest[i] === key) && itemKeys.length <= rest.length) {
        expr = item.value;
        rest = rest.slice(itemKeys.length);
        continue outer;
      }
    }
    return undefined;
  }
  return expr;
}

const set = suite('setAttr');

set('replaces only the bytes of an existing value', () => {
  const result = setAttr(CONFIG, ['networking', 'hostName'], str('comments'));
  const start = CONFIG.indexOf('"blog"');
  onlyChanged(CONFIG, result.source, start, start + '"blog"'.length);
  assert.ok(result.source.includes('networking.hostName = "comments"; # Define your hostname.'));
  assert.ok(result.changed);
});

set('inserts into the deepest existing set with the remaining path, at its indentation', () => {
  const result = setAttr(CONFIG, ['services', 'nginx', 'virtualHosts', 'comments.example.org', 'forceSSL'], bool(true));
  assert.ok(result.source.includes('    virtualHosts."comments.example.org".forceSSL = true;\n  };'));
  const insertedAt = CONFIG.indexOf('\n  };\n\n  security.acme');
  onlyChanged(CONFIG, result.source, insertedAt, insertedAt);
  assert.ok(equalAst(valueAt(result.source, ['services', 'nginx', 'virtualHosts', 'comments.example.org', 'forceSSL'])!, bool(true)));
});

set('finds sets written with a dotted path and nests under them', () => {
  const source = '{\n  services.nginx.virtualHosts."x" = {\n    root = "/srv";\n  };\n}\n';
  const result = setAttr(source, ['services', 'nginx', 'virtualHosts', 'x', 'forceSSL'], bool(true));
  assert.is(result.source, '{\n  services.nginx.virtualHosts."x" = {\n    root = "/srv";\n    forceSSL = true;\n  };\n}\n');
});

set('adds a new top-level path after the binding that shares most of it', () => {
  const result = setAttr(CONFIG, ['services', 'isso', 'enable'], bool(true));
  const at = CONFIG.indexOf('\n\n  security.acme');
  onlyChanged(CONFIG, result.source, at, at);
  assert.is(result.source.slice(at, at + 33), '\n  services.isso.enable = true;\n\n');
});

set('works in the body of a lambda, a let … in, or a bare set, and in empty or one-line sets', () => {
  assert.is(setAttr('{ }', ['a', 'b'], int(1)).source, '{\n  a.b = 1;\n}');
  assert.is(setAttr('{ a = 1; }', ['b'], int(2)).source, '{ a = 1; b = 2; }');
  assert.is(setAttr('let x = 1; in {\n  a = x;\n}', ['b'], v('x')).source, 'let x = 1; in {\n  a = x;\n  b = x;\n}');
  assert.is(setAttr('args: {\n\ta = 1;\n}', ['b'], int(2)).source, 'args: {\n\ta = 1;\n\tb = 2;\n}');
});

set('prints new values with the printer, indented to fit, and quotes names that need it', () => {
  const value = attrs({ forceSSL: bool(true), locations: attrs({ '/': attrs({ proxyPass: str('http://127.0.0.1:8080') }) }) });
  const source = '{\n  services.nginx = {\n    enable = true;\n  };\n}\n';
  const result = setAttr(source, ['services', 'nginx', 'virtualHosts', 'a.org'], value);
  assert.ok(equalAst(valueAt(result.source, ['services', 'nginx', 'virtualHosts', 'a.org'])!, value));
  assert.ok(result.source.includes('    virtualHosts."a.org" = {\n      forceSSL = true;\n'));
});

set('keeps the file when the value is already there', () => {
  const result = setAttr(CONFIG, ['boot', 'loader', 'systemd-boot', 'enable'], bool(true));
  assert.is(result.source, CONFIG);
  assert.not.ok(result.changed);
});

set('writes a value\'s comments on their own lines, where parse() reads them back', () => {
  const result = setAttr('{\n  a = 1;\n}\n', ['a'], comment(int(2), 'why'));
  assert.is(result.source, '{\n  a =\n    # why\n    2;\n}\n');
  assert.equal(valueAt(result.source, ['a'])!.comments, ['why']);
});

set('keeps CRLF line breaks in inserted lines', () => {
  const result = setAttr('{\r\n  a = 1;\r\n}\r\n', ['b'], list([int(1), int(2)]));
  assert.is(result.source, '{\r\n  a = 1;\r\n  b = [\r\n    1\r\n    2\r\n  ];\r\n}\r\n');
});

set('replaces a value that ends or is wrapped in parentheses with its parentheses', () => {
  assert.is(setAttr('{ x = a + (b); y = 2; }', ['x'], int(1)).source, '{ x = 1; y = 2; }');
  assert.is(setAttr('{ x = -(b); y = 2; }', ['x'], int(1)).source, '{ x = 1; y = 2; }');
  assert.is(setAttr('{ x = (f b); y = 2; }', ['x'], int(1)).source, '{ x = 1; y = 2; }');
});

set('throws NixEditError for files that do not parse, non-set tops and non-set values on the path', () => {
  assert.throws(() => setAttr('{ a = ; }', ['a'], int(1)), (error: unknown) => error instanceof NixEditError && error.diagnostics.length === 1);
  assert.throws(() => setAttr('[ ]', ['a'], int(1)), /top level is a list/);
  assert.throws(() => setAttr('{ a = f x; }', ['a', 'b'], int(1)), /a is set to a call expression/);
  assert.throws(() => setAttr('{ inherit a; }', ['a', 'b'], int(1)), /inherit/);
  assert.throws(() => setAttr('{ a.b = 1; }', ['a'], int(1)), /below it/);
  assert.throws(() => setAttr('{ }', [], int(1)), /non-empty array/);
  assert.throws(() => setAttr('{ }', ['a'], { kind: 'int', value: 1n } as NixExpr), /AST node/);
});

set('replaces every binding of every fixture touching only that value\'s bytes', () => {
  for (const name of ['configuration.nix', 'module.nix', 'flake.nix', 'overlay.nix', 'lib.nix']) {
    const source = readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
    let root = parse(source).expr!;
    while (root.kind === 'lambda' || root.kind === 'let' || root.kind === 'with') root = root.body;
    if (root.kind !== 'attrs') throw new Error(`${name}: top level is not a set`);
    const top = root;
    const visit = (set: Extract<NixExpr, { kind: 'attrs' }>, prefix: string[]): number => {
      let count = 0;
      for (const item of set.bindings) {
        if (item.kind !== 'binding' || !item.path.every((key) => typeof key === 'string')) continue;
        const keys = [...prefix, ...(item.path as string[])];
        const result = setAttr(source, keys, int(12345));
        onlyChanged(source, result.source, item.value.loc!.start, item.value.loc!.end);
        assert.is(result.source.slice(item.value.loc!.start, item.value.loc!.start + 5), '12345');
        count++;
        if (item.value.kind === 'attrs') count += visit(item.value, keys);
      }
      return count;
    };
    assert.ok(visit(top, []) >= 5, name);
  }
});

const remove = suite('removeAttr');

remove('removes the binding with its comment lines and its now empty line', () => {
  const source = '{\n  a = 1;\n  # about b\n  b = 2; # trailing\n  c = 3;\n}\n';
  const result = removeAttr(source, ['b']);
  assert.is(result.source, '{\n  a = 1;\n  c = 3;\n}\n');
});

remove('removes nested and dotted bindings under the path', () => {
  const source = '{\n  x.a = 1;\n  x.b.c = 2;\n  y = 3;\n}\n';
  assert.is(removeAttr(source, ['x']).source, '{\n  y = 3;\n}\n');
  assert.is(removeAttr(CONFIG, ['services', 'nginx', 'recommendedProxySettings']).source, CONFIG.replace('    recommendedProxySettings = true;\n', ''));
});

remove('removes a binding that shares its line, keeping the rest of the line', () => {
  assert.is(removeAttr('{ a = 1; b = 2; }', ['a']).source, '{ b = 2; }');
});

remove('leaves the file alone when the path is not set', () => {
  const result = removeAttr(CONFIG, ['services', 'isso']);
  assert.is(result.source, CONFIG);
  assert.not.ok(result.changed);
});

const append = suite('appendToList');

append('adds an element after the last one, on its own line at its indentation', () => {
  const result = appendToList(CONFIG, ['imports'], path('./isso.nix'));
  const at = CONFIG.indexOf('\n    ];');
  onlyChanged(CONFIG, result.source, at, at);
  assert.ok(result.source.includes('      ./users.nix\n      ./isso.nix\n    ];'));
});

append('creates imports = [ ./isso.nix ]; when the attribute is absent', () => {
  const result = appendToList('{ pkgs, ... }:\n{\n  a = 1;\n}\n', ['imports'], path('./isso.nix'));
  assert.is(result.source, '{ pkgs, ... }:\n{\n  a = 1;\n  imports = [ ./isso.nix ];\n}\n');
});

append('parenthesizes elements that need it and keeps one-line lists on one line', () => {
  assert.is(appendToList('{ a = [ 1 ]; }', ['a'], call(v('f'), v('x'))).source, '{ a = [ 1 (f x) ]; }');
  assert.is(appendToList('{ a = [ ]; }', ['a'], int(-1)).source, '{ a = [ (-1) ]; }');
});

append('does not add an element the list already has', () => {
  const result = appendToList(CONFIG, ['imports'], path('./users.nix'));
  assert.is(result.source, CONFIG);
  assert.not.ok(result.changed);
});

append('adds to a list written inside `with pkgs;` scopes and parentheses, as package lists are', () => {
  const source = '{ pkgs, ... }:\n{\n  environment.systemPackages = with pkgs; [\n    vim # editor\n    wget\n  ];\n  b = (with pkgs; with lib; [ x ]);\n}\n';
  const result = appendToList(source, ['environment', 'systemPackages'], v('git'));
  const at = source.indexOf('\n  ];');
  onlyChanged(source, result.source, at, at);
  assert.ok(result.source.includes('    wget\n    git\n  ];'));
  assert.is(appendToList(source, ['environment', 'systemPackages'], v('wget')).changed, false);
  assert.ok(appendToList(source, ['b'], v('y')).source.includes('b = (with pkgs; with lib; [ x y ]);'));
});

append('adds after a last element written in parentheses, outside them', () => {
  assert.is(appendToList('{ a = [ (f x) ]; }', ['a'], int(1)).source, '{ a = [ (f x) 1 ]; }');
  assert.is(appendToList('{ a = [\n  (_: {\n    b = 1;\n  })\n]; }', ['a'], path('./x.nix')).source, '{ a = [\n  (_: {\n    b = 1;\n  })\n  ./x.nix\n]; }');
  const grown = appendToList('{ a = [ ((f x)) ]; }', ['a'], call(v('g'), list(Array.from({ length: 30 }, (_, i) => int(i))))).source;
  // nixfmt absorbs the list into the parenthesized call: `(g [⏎…⏎])` (checked with nixfmt v1.4.0).
  assert.ok(grown.startsWith('{ a = [\n  ((f x))\n  (g [\n    0\n'), grown);
});

append('throws NixEditError when the attribute is not a list literal', () => {
  assert.throws(() => appendToList('{ a = b ++ c; }', ['a'], int(1)), /binary expression, not a list literal/);
});

set.run();
remove.run();
append.run();
