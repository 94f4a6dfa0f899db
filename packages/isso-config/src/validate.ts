import { adviseOn } from './advice.js';
import { checkConfig, type CheckOptions } from './check-config.js';
import { throwIfErrors } from './errors.js';
import type { IssoConfig, IssoIssue } from './types.js';

/** Options for {@link validate}. */
export type ValidateOptions = CheckOptions;

/** What {@link validate} returns for a valid config. */
export interface ValidationResult {
  /** The config with only the keys that will be written; durations as seconds. */
  readonly config: IssoConfig;
  /**
   * Problems Isso tolerates: unknown keys in lenient mode, a missing host, a default admin
   * password, reply notifications without moderation, an SMTP password sent without TLS.
   */
  readonly warnings: readonly IssoIssue[];
}

/**
 * Checks a config given as plain JS/JSON data against the schema of `options.version`: unknown
 * sections and keys, wrong types, values Isso would read differently (line breaks, outer blanks,
 * `$NAME` on 0.14+, list items starting with `#`), hosts without a scheme, a public-endpoint with
 * a trailing slash, and secret references on versions without environment expansion. Throws
 * {@link IssoConfigError} listing every error; returns the typed config and the warnings.
 */
export function validate(input: unknown, options: ValidateOptions): ValidationResult {
  const checked = checkConfig(input, options);
  throwIfErrors(checked.issues);
  const warnings = [...checked.issues, ...adviseOn(checked.config)];
  return { config: checked.config, warnings };
}
