import { NixEditError, appendToList, parse, path as nixPath, type NixExpr } from '@nixkit/nix-expr';
import { flakeHosts, isFlake, listLiteral, topAttrs, topBinding } from './nix-module-shape.js';

/** The outcome of `addModuleImport`: the edited source, or why the file was left as it was. */
export type ImportEdit =
  | { ok: true; text: string; changed: boolean }
  | {
    ok: false;
    /** `syntax`: does not parse; `flake`: a flake; `imports`: `imports` is not a list literal; `shape`: no attribute set to edit. */
    kind: 'syntax' | 'flake' | 'imports' | 'shape';
    reason: string;
    /** The parser's diagnostics, `line:column: message`. */
    diagnostics: string[];
    /** What to do by hand instead, line by line (the exact line to add, where). */
    hint: string[];
  };

/** Options of `addModuleImport`. */
export interface AddImportOptions {
  /** The file's name; `flake.nix` is refused even when its top level does not show `outputs`. */
  fileName?: string;
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

function indentOfLine(source: string, offset: number): string {
  const start = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(start))![0];
}

function flakeRefusal(expr: NixExpr | undefined, importPath: string): ImportEdit {
  const hosts = expr === undefined ? [] : flakeHosts(expr);
  const host = hosts.length === 1 ? hosts[0]! : '<host>';
  return {
    ok: false,
    kind: 'flake',
    reason: `this is a flake: a flake lists its NixOS modules in nixosConfigurations.${host}.modules, not in imports`,
    diagnostics: [],
    hint: [
      `add ${importPath} to the modules list of nixosConfigurations.${host}${hosts.length > 1 ? ` (one of ${hosts.join(', ')})` : ''}, for example:`,
      `  nixosConfigurations.${host} = nixpkgs.lib.nixosSystem { modules = [ ./configuration.nix ${importPath} ]; };`,
      'or run install with --into the configuration.nix that this list names',
    ],
  };
}

/** How to add the import by hand when `imports` is an expression such as `[ … ] ++ lib.optional …`. */
function importsHint(source: string, value: NixExpr, importPath: string): string[] {
  const stack: NixExpr[] = [value];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const list = listLiteral(node);
    if (list !== undefined && list.loc !== undefined) {
      const line = lineOf(source, list.loc.start);
      const first = list.items[0]?.loc;
      const indent = first !== undefined && lineOf(source, first.start) !== line ? indentOfLine(source, first.start) : `${indentOfLine(source, list.loc.start)}  `;
      return [`add this line inside the list [ … ] that starts on line ${line}:`, `${indent}${importPath}`];
    }
    if (node.kind === 'binary' && node.op === '++') stack.push(node.right, node.left);
    else if (node.kind === 'parens') stack.push(node.expr);
  }
  const line = value.loc === undefined ? 0 : lineOf(source, value.loc.start);
  return [`put [ ${importPath} ] ++ in front of the value of imports on line ${line}, so that it reads:`, `  imports = [ ${importPath} ] ++ …;`];
}

/**
 * Adds `importPath` (`./isso.nix`) to the `imports` list of a NixOS configuration, creating the
 * list when the module has none, through @nixkit/nix-expr's lossless editor: every byte outside
 * the edit stays as it was. `changed` is false when the path is already imported. Refused, with
 * what to do by hand in `hint`: a file that does not parse (with the parser's diagnostics,
 * `line:column: message`), a flake (`flake.nix` or a top level with `outputs`), an `imports`
 * that is not a list literal (`[ … ] ++ lib.optional …`), and a file with no attribute set to
 * hold `imports`. Never throws for bad source.
 */
export function addModuleImport(source: string, importPath: string, options: AddImportOptions = {}): ImportEdit {
  const parsed = parse(source);
  const name = options.fileName?.split('/').pop();
  if (name === 'flake.nix' || (parsed.expr !== undefined && isFlake(parsed.expr))) return flakeRefusal(parsed.expr, importPath);
  if (parsed.expr !== undefined) {
    const set = topAttrs(parsed.expr);
    const imports = set === undefined ? undefined : topBinding(set, 'imports');
    if (imports !== undefined && imports.path.length === 1 && listLiteral(imports.value) === undefined) {
      return {
        ok: false,
        kind: 'imports',
        reason: 'imports is not a plain list [ … ], so it cannot be edited safely',
        diagnostics: [],
        hint: importsHint(source, imports.value, importPath),
      };
    }
  }
  try {
    const edit = appendToList(source, ['imports'], nixPath(importPath));
    return { ok: true, text: edit.source, changed: edit.changed };
  } catch (error) {
    if (!(error instanceof NixEditError)) throw error;
    const diagnostics = error.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
    return {
      ok: false,
      kind: diagnostics.length > 0 ? 'syntax' : 'shape',
      reason: error.message,
      diagnostics,
      hint: diagnostics.length > 0 ? [] : [`add ${importPath} to the imports of this module by hand`],
    };
  }
}
