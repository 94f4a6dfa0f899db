/**
 * Warnings about configs Isso accepts but that do not work as intended. They never stop
 * `serialize`; `validate` returns them.
 */
import { ISSO_SCHEMA } from './schema.js';
import type { IssoConfig, IssoIssue } from './types.js';

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
  return warnings;
}
