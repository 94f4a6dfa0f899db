import { IssoDeploymentError } from '../src/index.js';
import { PLACEHOLDER_HASH } from './fixtures.js';

/**
 * The fleet of issue #15, with web2 in native mode: the issue's `nixos-container` mode is added
 * by another change, and the fleet accepts whatever DEPLOYMENT_MODES lists.
 */
export function issueFleet(): { hosts: Record<string, any> } {
  return {
    hosts: {
      web1: { targetHost: 'web1.example.org', isso: [{ domain: 'comments.a.example', acmeEmail: 'le@a.example', acmeAcceptTerms: true }] },
      web2: { targetHost: '10.0.0.2', tags: ['eu'], isso: [{ domain: 'comments.b.example', acmeEmail: 'le@b.example', acmeAcceptTerms: true, port: 8081, mode: 'native' }] },
    },
  };
}

/** Two container sites and a native one sharing web1, with a secret delivered as a Colmena key. */
export function twoSitesFleet(): { hosts: Record<string, any> } {
  return {
    hosts: {
      web1: {
        targetHost: 'web1.example.org',
        targetPort: 2222,
        isso: [
          {
            domain: 'comments.a.example', acmeEmail: 'le@a.example', acmeAcceptTerms: true,
            // Secret references need Isso 0.14, which no supported release has as pkgs.isso.
            source: { kind: 'pypi', version: '0.14.0', hash: PLACEHOLDER_HASH },
            secrets: { environmentFile: '/run/keys/isso-a.env', smtpPassword: 'ISSO_SMTP_PASSWORD' },
            settings: { smtp: { host: 'mail.a.example', from: 'isso@a.example', to: 'admin@a.example' }, general: { notify: ['smtp'] } },
            secretKey: { keyCommand: ['pass', 'show', 'isso/a'] },
          },
          {
            domain: 'comments.c.example', acmeEmail: 'le@c.example', acmeAcceptTerms: true, port: 8082,
            containerName: 'isso-c', dbVolume: { hostPath: '/var/db/isso-c' }, image: { tag: 'c' },
          },
          { domain: 'comments.d.example', acmeEmail: 'le@d.example', acmeAcceptTerms: true, port: 8083, mode: 'native' },
        ],
      },
      web2: { targetHost: '10.0.0.2', targetUser: 'deploy', tags: ['eu'], isso: [{ domain: 'comments.b.example', acmeEmail: 'le@b.example', acmeAcceptTerms: true }] },
    },
  };
}

/** The IssoDeploymentError `run` throws; fails the test when it throws nothing or something else. */
export function refusal(run: () => unknown): IssoDeploymentError {
  try {
    run();
  } catch (error) {
    if (error instanceof IssoDeploymentError) return error;
    throw error;
  }
  throw new Error('expected an IssoDeploymentError, got none');
}
