/**
 * Warnings about configs Isso accepts but that do not work as intended. They never stop
 * `serialize`; `validate` returns them.
 */
import { describe } from './describe.js';
import { ISSO_SCHEMA } from './schema.js';
import { isSecretRef } from './secret-ref.js';
import type { IssoConfig, IssoIssue } from './types.js';

/** `[smtp] security` words with which Isso encrypts the connection before it logs in. */
const ENCRYPTED_SMTP = ['starttls', 'ssl'];

/** Warnings for a config that passed validation. */
export function adviseOn(config: IssoConfig): IssoIssue[] {
  const warnings: IssoIssue[] = [];
  if (config.general?.host === undefined) {
    warnings.push({
      severity: 'warning',
      code: 'missing-host',
      path: ['general', 'host'],
      value: undefined,
      accepted: 'at least one origin such as https://example.org',
      message: '[general] host is not set, so Isso exits with "No website(s) configured"; accepted: at least one origin such as https://example.org',
    });
  }
  const password = config.admin?.password;
  if (config.admin?.enabled === true && (password === undefined || password === ISSO_SCHEMA.admin.keys.password.default)) {
    warnings.push({
      severity: 'warning',
      code: 'default-admin-password',
      path: ['admin', 'password'],
      value: password,
      accepted: 'a password of your own, ideally { env: "NAME" }',
      message: '[admin] is enabled with Isso\'s public default password; accepted: a password of your own, ideally { env: "NAME" }',
    });
  }
  if (config.general?.['reply-notifications'] === true && config.moderation?.enabled !== true) {
    // Isso's documentation: without moderation the feature "can be easily exploited for sending spam".
    const path = ['general', 'reply-notifications'];
    const accepted = '[moderation] enabled = true, or reply-notifications off';
    const reason = 'without [moderation] enabled lets anyone have Isso e-mail any address on each reply, which is easily abused for spam';
    warnings.push({ severity: 'warning', code: 'unmoderated-reply-notifications', path, value: true, accepted, message: describe(path, true, reason, accepted) });
  }
  const security = config.smtp?.security;
  const smtpPassword = config.smtp?.password;
  if (security !== undefined && !ENCRYPTED_SMTP.includes(security as string) && smtpPassword !== undefined && smtpPassword !== '') {
    // Isso compares the word with == and logs in whatever it is, so the login goes out unencrypted.
    const path = ['smtp', 'security'];
    const accepted = '"starttls" or "ssl" while a password is set';
    const reason = isSecretRef(security)
      ? 'comes from the environment; any word there but starttls or ssl makes Isso log in without TLS, sending the SMTP password in clear text'
      : 'makes Isso log in without TLS, sending the SMTP password in clear text';
    warnings.push({ severity: 'warning', code: 'cleartext-smtp-login', path, value: security, accepted, message: describe(path, security, reason, accepted) });
  }
  return warnings;
}
