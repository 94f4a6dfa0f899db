// The work of `nixkit-isso install`. Its CommandSpec (./install.ts) imports this module only when the
// command runs, so the other commands, `render` above all, start without the modules it needs.
import { type OptionValues, stringOption } from '../command.js';
import { parse } from '@nixkit/nix-expr';
import { basename, dirname, join } from 'node:path';
import { addModuleImport } from '../../add-import.js';
import { hasGeneratedMarker } from '../../generated-marker.js';
import { unifiedDiff } from '../../line-diff.js';
import { importedPaths } from '../../nix-module-shape.js';
import { EXIT, inputError, usageError } from '../cli-error.js';
import { readDescription, readMode, readNixosRelease } from '../options.js';
import { nameModuleHeader } from '../module-header.js';
import { planGeneratedFile } from '../plan-generated.js';
import { renderDescription } from '../render-description.js';
import { writeFilesAtomically, type PlannedWrite } from '../safe-write.js';
import { note, writeOut } from '../stdio.js';
import { removeStaleTemps } from '../stale-temps.js';
import { readTracked, resolveTarget } from '../tracked-file.js';

const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*\.nix$/;

/** Runs `nixkit-isso install`: the `run` of its CommandSpec (./install.ts), loaded when the command is. */
export function runInstall(values: OptionValues): number {
  const into = stringOption(values, 'into');
  if (into === undefined) throw usageError('install needs --into configuration.nix');
  const name = stringOption(values, 'name') ?? 'isso.nix';
  if (!FILE_NAME.test(name)) throw usageError(`--name must be a plain file name ending in .nix, got "${name}"`);
  const force = values.force === true;
  const mode = readMode(values);
  const nixosRelease = readNixosRelease(values);
  // configuration.nix first: its snapshot then covers the whole run, so an edit made while the
  // description is read and rendered is noticed before anything is replaced.
  const config = readTracked(into, inputError);
  if (config.text === null) throw inputError(`cannot read ${into}: no such file or directory (ENOENT)`);
  const configName = basename(config.realPath);
  removeStaleTemps(dirname(config.realPath), configName);
  if (name === configName || name === basename(into)) {
    throw usageError(`--name ${name} is the configuration file itself; pick another name, such as isso.nix`);
  }
  // A link named flake.nix is a flake whatever the file it points to is called.
  const edit = addModuleImport(config.text, `./${name}`, { fileName: basename(into) === 'flake.nix' ? 'flake.nix' : configName });
  if (!edit.ok) {
    throw inputError(`${into} was left untouched: ${edit.reason}`, [...edit.diagnostics.map((d) => `${into}:${d}`), ...edit.hint]);
  }
  const modulePath = join(dirname(config.realPath), name);
  if (resolveTarget(modulePath) === config.realPath) {
    throw usageError(`--name ${name} leads to the configuration file itself; pick another name, such as isso.nix`);
  }
  const parsed = parse(config.text).expr;
  const alreadyImported = parsed !== undefined && importedPaths(parsed).includes(`./${name}`);
  const existing = readTracked(modulePath);
  if (alreadyImported && existing.text !== null && !hasGeneratedMarker(existing.text)) {
    throw usageError(`--name ${name} names a file that ${configName} already imports and that nixkit-isso did not write; pick another name, such as isso.nix`);
  }
  const result = renderDescription(readDescription(values, true), { mode, nixosRelease }, values);
  for (const warning of result.warnings) note(`warning: ${warning}`);
  const plan = planGeneratedFile(modulePath, nameModuleHeader(result.module, name, configName), force);
  const writes: PlannedWrite[] = [...plan.writes];
  if (edit.text !== config.text) writes.push({ realPath: config.realPath, label: into, text: edit.text, before: config.before });
  writeFilesAtomically(writes);
  const previous = plan.previous.text;
  const moduleChanged = plan.writes.length > 0;
  if (moduleChanged && plan.writes.length > 1) note(`kept the old ${name} as ${modulePath}.bak`);
  note(edit.changed ? `added ./${name} to the imports of ${configName}` : `${configName} already imports ./${name}`);
  note(moduleChanged ? `wrote ${modulePath}` : `${modulePath} is up to date`);
  writeOut(
    unifiedDiff(previous ?? '', plan.text, { from: previous === null ? '/dev/null' : `a/${name}`, to: `b/${name}` }) +
    unifiedDiff(config.text, edit.text, { from: `a/${configName}`, to: `b/${configName}` }),
  );
  return EXIT.ok;
}
