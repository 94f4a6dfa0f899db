import { renderDeployment, type RenderResult } from '../render-deployment.js';
import { resolveDeployment } from '../resolve.js';
import type { DeploymentMode } from '../deployment-mode.js';
import type { NixosRelease } from '../nixos-release.js';
import { stringOption, type OptionValues } from './command.js';
import { inputError } from './cli-error.js';

// The typed errors the libraries throw for a description they cannot render. Matched by name, so
// that the check also holds for a copy of a library bundled twice.
const DESCRIPTION_ERRORS = new Set(['IssoDeploymentError', 'IssoConfigError', 'NginxVhostError', 'NixExprError', 'OciContainerError', 'ColmenaHiveError', 'NomadJobError']);

/** Whether `error` says the description cannot be rendered (exit 3) rather than a bug. */
export function isDescriptionError(error: unknown): error is Error {
  return error instanceof Error && DESCRIPTION_ERRORS.has(error.name);
}

/** What the command line overrides in the description: --mode and --nixos-release. */
export interface DescriptionOverrides {
  mode?: DeploymentMode | undefined;
  nixosRelease?: NixosRelease | undefined;
}

/** renderDeployment, with a description error turned into an exit-3 line naming --config. */
export function renderDescription(description: unknown, overrides: DescriptionOverrides, values: OptionValues): RenderResult {
  return asInputError(values, () => {
    const options = overrides.mode === undefined ? {} : { mode: overrides.mode };
    const resolved = resolveDeployment(description, { ...options, ...(overrides.nixosRelease === undefined ? {} : { nixosRelease: overrides.nixosRelease }) });
    return renderDeployment(resolved, options);
  });
}

/**
 * Runs `work` (a library call on the --config input) and turns a description error into an
 * exit-3 line naming the --config file, and a stack overflow on absurdly nested JSON into one too.
 */
export function asInputError<T>(values: OptionValues, work: () => T): T {
  try {
    return work();
  } catch (error) {
    const file = stringOption(values, 'config');
    const label = file === undefined || file === '-' ? 'the description' : file;
    // Valid JSON nested deeper than a renderer's recursion: the input's fault, not a crash.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw inputError(`${label} is nested too deeply to be a deployment description; nothing was written`);
    }
    if (!isDescriptionError(error)) throw error;
    throw inputError(`${label}: ${error.message.replace(/\s*\n\s*/g, ' ')}; nothing was written`);
  }
}
