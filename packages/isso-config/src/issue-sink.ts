/**
 * Collects issues or diagnostics up to a limit, so that hostile input (a million bad list items,
 * a 50 MB file of unknown keys) costs bounded memory: past the limit they are counted, and one
 * closing entry with code `too-many-diagnostics` says how many were left out.
 */
import type { IssoIssue } from './types.js';

/** At most this many issues or diagnostics are kept per call. */
export const MAX_DIAGNOSTICS = 10_000;

export interface IssueSink<T extends IssoIssue> {
  push(issue: T): void;
  /** The kept entries, plus the closing count when some were left out (made by `closing`). */
  list(closing: (omitted: number, severity: 'error' | 'warning') => T): T[];
}

export function createIssueSink<T extends IssoIssue>(limit = MAX_DIAGNOSTICS): IssueSink<T> {
  const kept: T[] = [];
  let omitted = 0;
  let omittedError = false;
  return {
    push(issue) {
      if (issue.code === 'too-many-diagnostics') {
        // A nested collector's count carries over instead of taking a place.
        omitted += issue.value as number;
        omittedError ||= issue.severity === 'error';
      } else if (kept.length < limit) {
        kept.push(issue);
      } else {
        omitted++;
        omittedError ||= issue.severity === 'error';
      }
    },
    list(closing) {
      return omitted === 0 ? kept : [...kept, closing(omitted, omittedError ? 'error' : 'warning')];
    },
  };
}

/** The closing entry's text. */
export function omittedMessage(omitted: number): string {
  return `${omitted} more diagnostic(s) left out after the first ${MAX_DIAGNOSTICS}; accepted: fix the ones shown first`;
}
