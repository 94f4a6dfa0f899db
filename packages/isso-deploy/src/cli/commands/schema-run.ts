// The work of `nixkit-isso schema`. Its CommandSpec (./schema.ts) imports this module only when the
// command runs, so the other commands, `render` above all, start without the modules it needs.
import { deploymentSchemaText } from '../../description-schema.js';
import { EXIT } from '../cli-error.js';
import { writeOut } from '../stdio.js';

/** Runs `nixkit-isso schema`: the `run` of its CommandSpec (./schema.ts), loaded when the command is. */
export function runSchema(): number {
  writeOut(deploymentSchemaText());
  return EXIT.ok;
}
