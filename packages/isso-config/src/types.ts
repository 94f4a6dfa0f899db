import type { ISSO_SCHEMA, IssoKeySchema } from './schema.js';

/**
 * A value Isso reads from an environment variable at start-up (Isso 0.14.0 and later expand
 * `${NAME}` in every value). `serialize` writes `${NAME}`, so the secret itself never appears in
 * the config file; the service gets it from an environment file instead.
 */
export interface SecretRef {
  readonly env: string;
}

/** A duration: whole seconds, or a string in Isso's grammar such as `'15m'`, `'1h30m'`, `'3w 2d'`. */
export type IssoDuration = number | string;

type ScalarOf<K extends IssoKeySchema> = K['kind'] extends 'bool'
  ? boolean
  : K['kind'] extends 'int'
    ? number
    : K['kind'] extends 'duration'
      ? IssoDuration
      : K extends { readonly kind: 'enum'; readonly values: readonly (infer V)[] }
        ? V
        : string;

type ItemOf<K extends IssoKeySchema> = K extends { readonly values: readonly (infer V)[] } ? V : string;

/** The typed value of one schema key. */
export type IssoValueOf<K extends IssoKeySchema> = K['kind'] extends 'newline-list' | 'comma-list'
  ? readonly ItemOf<K>[]
  : ScalarOf<K> | SecretRef;

type SectionOf<S extends { readonly keys: Readonly<Record<string, IssoKeySchema>> }> = {
  -readonly [Key in keyof S['keys']]?: IssoValueOf<S['keys'][Key]>;
};

/**
 * A typed Isso configuration: Isso's own section and key names (`general.host`,
 * `server['public-endpoint']`, `'markup.misaka'`), with booleans, numbers, durations and string
 * arrays for lists. Every section and key is optional; Isso's defaults apply to what is left out.
 */
export type IssoConfig = {
  -readonly [Section in keyof typeof ISSO_SCHEMA]?: SectionOf<(typeof ISSO_SCHEMA)[Section]>;
};

/** One problem found while validating or parsing, located by `path` (`['smtp', 'port']`). */
export interface IssoIssue {
  readonly severity: 'error' | 'warning';
  /** A stable identifier for the kind of problem, e.g. `'unknown-key'`. */
  readonly code: string;
  /** Section, then key, then list index where relevant. */
  readonly path: readonly (string | number)[];
  /** The offending value as given. */
  readonly value: unknown;
  /** What would have been accepted, in words. */
  readonly accepted: string;
  readonly message: string;
}

/** A parse diagnostic: an issue with the 1-based line it was found on. */
export interface IssoDiagnostic extends IssoIssue {
  readonly line: number;
}
