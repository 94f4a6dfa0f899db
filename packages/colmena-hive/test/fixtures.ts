import { attrs, bind, bool, fn, formals, searchPath, str } from '@nixkit/nix-expr';
import { ColmenaHiveError, type Hive } from '../src/index.js';

/** Two nodes in the shape of Colmena's tutorial: one by name, one with every deployment option. */
export function twoNodes(): Hive {
  return {
    meta: { nixpkgs: searchPath('nixpkgs'), description: 'Isso fleet', specialArgs: { site: 'comments.example.org' } },
    defaults: [fn(formals(['pkgs'], { ellipsis: true }), attrs([bind(['time', 'timeZone'], str('UTC'))]))],
    nodes: {
      web1: { deployment: { targetHost: 'web1.example.org', tags: ['web'] }, modules: ['./hosts/web1/isso.nix'] },
      web2: {
        deployment: {
          targetHost: '10.0.0.2',
          targetPort: 2222,
          targetUser: 'deploy',
          tags: ['web', 'eu'],
          buildOnTarget: true,
          allowLocalDeployment: false,
          replaceUnknownProfiles: false,
          privilegeEscalationCommand: ['doas', '--'],
          keys: {
            'isso.env': { keyCommand: ['pass', 'show', 'isso/web2'], destDir: '/run/keys', user: 'root', group: 'keys', permissions: '0640', uploadAt: 'pre-activation' },
            'token.txt': { text: 'not very secret' },
            'cert.pem': { keyFile: '/home/ops/secrets/cert.pem' },
          },
        },
        modules: [attrs([bind(['services', 'nginx', 'enable'], bool(true))]), '/etc/nixos/common.nix'],
      },
    },
  };
}

/** The ColmenaHiveError `run` throws; fails the test when it throws nothing or something else. */
export function refusal(run: () => unknown): ColmenaHiveError {
  try {
    run();
  } catch (error) {
    if (error instanceof ColmenaHiveError) return error;
    throw error;
  }
  throw new Error('expected a ColmenaHiveError, got none');
}
