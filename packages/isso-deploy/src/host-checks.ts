import type { ResolvedDeployment } from './deployment.js';
import { IssoDeploymentError, type FieldPath } from './errors.js';

// Checks on the names the site is reached under and on where Isso sends its notifications.

/**
 * Names ACME cannot certify, in any case: localhost and its subdomains, dotted-quad IPv4
 * addresses, single labels. (Written without flags so a JSON Schema can use it as well.)
 */
export const UNCERTIFIABLE = /^(?:[Ll][Oo][Cc][Aa][Ll][Hh][Oo][Ss][Tt]|.*\.[Ll][Oo][Cc][Aa][Ll][Hh][Oo][Ss][Tt]|\d{1,3}(?:\.\d{1,3}){3}|[^.]*)$/;

/**
 * `text` with its host lower-cased. Isso compares the Origin header against its host list as
 * written, and browsers send host names in lower case, so `Blog.Example.org` would never match;
 * the change is recorded in `notes` so the caller is told.
 */
export function lowerCaseHosts(text: string, what: string, notes: string[]): string {
  const lower = text.toLowerCase();
  if (lower !== text) notes.push(`${what} "${text}" is written as "${lower}": host names are compared in lower case (Isso's host list, nginx, ACME)`);
  return lower;
}

/**
 * Refuses a name ACME cannot certify: `localhost` (and `*.localhost`), and IP addresses. The
 * module always asks Let's Encrypt for a certificate, which validates a public DNS name.
 */
export function checkHost(name: string, path: FieldPath): void {
  if (UNCERTIFIABLE.test(name)) {
    throw new IssoDeploymentError(
      `"${name}" cannot get an ACME certificate: Let's Encrypt certifies public DNS names, not localhost, single labels or IP addresses. ` +
        'Use the public name the site is reached under, such as "comments.example.org"',
      { path, value: name },
    );
  }
}

/**
 * `notify = smtp` without `[smtp]` host, from and to: Isso would try localhost with an empty
 * sender and recipient and lose every notification. The article elides its [smtp] section, so
 * its preset gets a note instead of the error.
 */
export function checkNotifications(d: ResolvedDeployment): void {
  const notify = (d.settings.general as { notify?: unknown } | undefined)?.notify;
  const list = Array.isArray(notify) ? notify : typeof notify === 'string' ? notify.split(',') : [];
  if (!list.some((entry) => typeof entry === 'string' && entry.trim().toLowerCase() === 'smtp')) return;
  const smtp = (d.settings.smtp ?? {}) as Record<string, unknown>;
  const missing = ['host', 'from', 'to'].filter((key) => smtp[key] === undefined || smtp[key] === '');
  if (missing.length === 0) return;
  const message = `notify = smtp needs [smtp] ${missing.join(', ')}: without them Isso sends nothing (or tries a mail server on localhost)`;
  if (d.preset === 'article-2020') {
    d.notes.push(`${message}; the article leaves its [smtp] section out`);
    return;
  }
  throw new IssoDeploymentError(`${message}. Set settings.smtp.${missing[0]}`, { path: ['settings', 'smtp', missing[0]!] });
}
