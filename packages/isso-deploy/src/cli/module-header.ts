// The rendered module's header tells how to import it, written for the default names
// (`Import it from configuration.nix: imports = [ ./isso.nix ];`). install knows the real names,
// so the header it writes says those instead.

const IMPORT_LINE = /^# Import it from configuration\.nix: imports = \[ \.\/isso\.nix \];$/;

/** `module` with the import line of its leading comment block naming `fileName` and `configName`. */
export function nameModuleHeader(module: string, fileName: string, configName: string): string {
  const lines = module.split('\n');
  for (let index = 0; index < lines.length && lines[index]!.startsWith('#'); index++) {
    if (IMPORT_LINE.test(lines[index]!)) {
      lines[index] = `# Import it from ${configName}: imports = [ ./${fileName} ];`;
      return lines.join('\n');
    }
  }
  return module;
}
