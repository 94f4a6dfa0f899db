import { IssoDeploymentError } from '../src/index.js';
import { PLACEHOLDER_HASH } from './fixtures.js';

/** The fleet of issue #15, as the issue writes it: web2 runs Isso in a NixOS container. */
export function issueFleet(): { hosts: Record<string, any> } {
  return {
    hosts: {
      web1: { targetHost: 'web1.example.org', isso: [{ domain: 'comments.a.example', acmeEmail: 'le@a.example', acmeAcceptTerms: true }] },
      web2: { targetHost: '10.0.0.2', tags: ['eu'], isso: [{ domain: 'comments.b.example', acmeEmail: 'le@b.example', acmeAcceptTerms: true, port: 8081, mode: 'nixos-container' }] },
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

/**
 * Two NixOS containers on web1 with their own names, /30 links, database directories and ports,
 * the first with its secret delivered as a Colmena key, next to a container-mode site on the same
 * port as the second container (a private network takes no host port).
 */
export function containersFleet(): { hosts: Record<string, any> } {
  return {
    hosts: {
      web1: {
        targetHost: 'web1.example.org',
        isso: [
          {
            domain: 'comments.a.example', acmeEmail: 'le@a.example', acmeAcceptTerms: true, mode: 'nixos-container',
            source: { kind: 'pypi', version: '0.14.0', hash: PLACEHOLDER_HASH },
            nixosContainer: { name: 'isso-a', hostAddress: '192.168.247.10', localAddress: '192.168.247.11', extraFlags: ['--resolv-conf=bind-host'] },
            dbVolume: { hostPath: '/var/db/isso-a' },
            secrets: { environmentFile: '/run/keys/isso-a.env', smtpPassword: 'ISSO_SMTP_PASSWORD' },
            settings: { smtp: { host: 'mail.a.example', from: 'isso@a.example', to: 'admin@a.example' }, general: { notify: ['smtp'] } },
            secretKey: { keyFile: '/home/ops/secrets/isso-a.env' },
          },
          {
            domain: 'comments.b.example', acmeEmail: 'le@b.example', acmeAcceptTerms: true, mode: 'nixos-container', port: 8081,
            nixosContainer: { name: 'isso-b', hostAddress: '192.168.247.14', localAddress: '192.168.247.15' },
            dbVolume: { hostPath: '/var/db/isso-b' },
          },
          { domain: 'comments.c.example', acmeEmail: 'le@c.example', acmeAcceptTerms: true, port: 8081, dbVolume: { hostPath: '/var/db/isso-c' } },
        ],
      },
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
