import { readFileSync, writeFileSync } from 'node:fs';
import { ARTICLE_DEPLOYMENT, ARTICLE_STATUS, CURRENT_DEPLOYMENT } from '../src/example-data.js';
import type { DeploymentMode, IssoDeployment } from '../src/index.js';

export { ARTICLE_DEPLOYMENT, ARTICLE_STATUS, CURRENT_DEPLOYMENT };

export const MINIMAL: IssoDeployment = { domain: 'comments.example.org', acmeEmail: 'letsencrypt@example.org' };

/** A deployment with both passwords by reference, on an Isso that expands them (nixpkgs 0.14.0). */
export const WITH_SECRETS: IssoDeployment = {
  ...MINIMAL,
  acmeAcceptTerms: true,
  source: { kind: 'nixpkgs' },
  secrets: { environmentFile: '/run/secrets/isso.env', smtpPassword: 'ISSO_SMTP_PASSWORD', adminPassword: 'ISSO_ADMIN_PASSWORD', smtpUsername: 'ISSO_SMTP_USERNAME' },
  settings: {
    general: { notify: ['smtp'] },
    smtp: { host: 'mail.example.org', security: 'starttls', from: 'isso@example.org', to: 'admin@example.org' },
  },
};

/** The same for services.isso, which always runs pkgs.isso and so takes no source. */
export const WITH_SECRETS_NO_SOURCE: IssoDeployment = (({ source: _source, ...rest }) => rest)(WITH_SECRETS);

/** The description each mode's golden file is rendered from. */
export const GOLDEN_CASES: readonly { mode: DeploymentMode; deployment: IssoDeployment }[] = [
  { mode: 'container', deployment: ARTICLE_DEPLOYMENT },
  { mode: 'native', deployment: WITH_SECRETS },
  { mode: 'nixos-module', deployment: WITH_SECRETS_NO_SOURCE },
];

const goldenDir = new URL('./golden/', import.meta.url);

/**
 * Compares `actual` with test/golden/<name>; `UPDATE_GOLDEN=1` rewrites the file instead, for a
 * reviewed change of output.
 */
export function golden(name: string, actual: string): string {
  const file = new URL(name, goldenDir);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  return readFileSync(file, 'utf8');
}
