import { NixEditError, appendToList, path as nixPath } from '@nixkit/nix-expr';

/** The outcome of `addModuleImport`: the edited source, or why the file was left as it was. */
export type ImportEdit =
  | { ok: true; text: string; changed: boolean }
  | { ok: false; reason: string; diagnostics: string[] };

/**
 * Adds `importPath` (`./isso.nix`) to the `imports` list of a NixOS configuration, creating the
 * list when the module has none, through @nixkit/nix-expr's lossless editor: every byte outside
 * the edit stays as it was. `changed` is false when the path is already imported. A source that
 * does not parse, or has no attribute set to hold `imports`, is reported with the parser's
 * diagnostics (`line:column: message`) instead of being touched. Never throws for bad source.
 */
export function addModuleImport(source: string, importPath: string): ImportEdit {
  try {
    const edit = appendToList(source, ['imports'], nixPath(importPath));
    return { ok: true, text: edit.source, changed: edit.changed };
  } catch (error) {
    if (!(error instanceof NixEditError)) throw error;
    return {
      ok: false,
      reason: error.message,
      diagnostics: error.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`),
    };
  }
}
