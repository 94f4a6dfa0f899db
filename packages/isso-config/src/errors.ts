import type { IssoIssue } from './types.js';

/**
 * Thrown by `validate` and `serialize` when the config cannot be written so that Isso reads
 * exactly what was meant. `path`, `value` and `accepted` describe the first error; `issues`
 * lists every error found.
 */
export class IssoConfigError extends Error {
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  readonly accepted: string;
  readonly issues: readonly IssoIssue[];

  constructor(issues: readonly IssoIssue[]) {
    const first = issues[0];
    if (!first) throw new TypeError('IssoConfigError needs at least one issue');
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(first.message + more);
    this.name = 'IssoConfigError';
    this.path = first.path;
    this.value = first.value;
    this.accepted = first.accepted;
    this.issues = issues;
  }
}

/** Throws one {@link IssoConfigError} for the errors among `issues`; warnings pass. */
export function throwIfErrors(issues: readonly IssoIssue[]): void {
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) throw new IssoConfigError(errors);
}
