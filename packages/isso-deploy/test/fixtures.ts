import { readFileSync, writeFileSync } from 'node:fs';
import { ARTICLE_DEPLOYMENT, ARTICLE_STATUS, CURRENT_DEPLOYMENT } from '../src/example-data.js';
import type { DeploymentMode, IssoDeployment } from '../src/index.js';

export { ARTICLE_DEPLOYMENT, ARTICLE_STATUS, CURRENT_DEPLOYMENT };

export const MINIMAL: IssoDeployment = { domain: 'comments.example.org', acmeEmail: 'letsencrypt@example.org' };

/** The SRI form of a sha256, for sources in tests that are rendered and evaluated but never fetched. */
export const PLACEHOLDER_HASH = `sha256-${'A'.repeat(43)}=`;

/**
 * A deployment with secrets by reference, on an Isso that expands them: 0.14.0 from PyPI (no
 * supported NixOS release has pkgs.isso 0.14.0).
 */
export const WITH_SECRETS: IssoDeployment = {
  ...MINIMAL,
  acmeAcceptTerms: true,
  source: { kind: 'pypi', version: '0.14.0', hash: PLACEHOLDER_HASH },
  secrets: { environmentFile: '/run/secrets/isso.env', smtpPassword: 'ISSO_SMTP_PASSWORD', adminPassword: 'ISSO_ADMIN_PASSWORD', smtpUsername: 'ISSO_SMTP_USERNAME' },
  settings: {
    general: { notify: ['smtp'] },
    smtp: { host: 'mail.example.org', security: 'starttls', from: 'isso@example.org', to: 'admin@example.org' },
  },
};

/**
 * services.isso always runs pkgs.isso (0.13.0, no ${VAR} expansion), so its case has no secret
 * references: mail through a relay that needs no login.
 */
export const NIXOS_MODULE_CASE: IssoDeployment = {
  ...MINIMAL,
  acmeAcceptTerms: true,
  settings: {
    general: { notify: ['smtp'] },
    smtp: { host: 'mail.example.org', security: 'starttls', from: 'isso@example.org', to: 'admin@example.org' },
  },
};

/** The description each mode's golden file is rendered from. */
export const GOLDEN_CASES: readonly { file: string; mode: DeploymentMode; deployment: IssoDeployment }[] = [
  { file: 'container.nix', mode: 'container', deployment: ARTICLE_DEPLOYMENT },
  { file: 'native.nix', mode: 'native', deployment: WITH_SECRETS },
  { file: 'nixos-module.nix', mode: 'nixos-module', deployment: NIXOS_MODULE_CASE },
  // Today's default: the smallest description (plus the CA terms), nixpkgs' Isso, NixOS 25.11.
  { file: 'default-container.nix', mode: 'container', deployment: { ...MINIMAL, acmeAcceptTerms: true } },
  // The 2023 setup on today's defaults, with the article's domain, site and SMTP server.
  { file: 'nixos-container.nix', mode: 'nixos-container', deployment: CURRENT_DEPLOYMENT },
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

/** `systemctl status isso.service` of a native site whose gunicorn failed to boot (exit 1). */
export const FAILED_NATIVE = `× isso.service - Isso comment server
     Loaded: loaded (/etc/systemd/system/isso.service; enabled; preset: enabled)
     Active: failed (Result: exit-code) since Tue 2026-12-01 10:12:01 UTC; 5min ago
    Process: 812 ExecStart=/nix/store/x-isso-env/bin/gunicorn --name isso (code=exited, status=1/FAILURE)
   Main PID: 812 (code=exited, status=1/FAILURE)

Dec 01 10:12:01 web2 gunicorn[812]: [ERROR] Worker failed to boot.
Dec 01 10:12:01 web2 systemd[1]: isso.service: Failed with result 'exit-code'.
`;
