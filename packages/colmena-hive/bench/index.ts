import { compare, report } from '../../../tools/bench/harness.js';
import { toHive, type Hive } from '../src/index.js';

// A fleet-sized hive: nodes with every deployment option, three keys each and two modules,
// validated and printed; the baseline serialises the same model as indented JSON.
function make(scale: number): Hive {
  const nodes: Hive['nodes'] = {};
  for (let i = 0; i < 2000 * scale; i++) {
    nodes[`web${i}`] = {
      deployment: {
        targetHost: `web${i}.example.org`, targetPort: 22 + (i % 3), targetUser: 'deploy', tags: ['web', `rack-${i % 40}`],
        buildOnTarget: i % 2 === 0,
        keys: {
          'isso.env': { keyCommand: ['pass', 'show', `isso/web${i}`], destDir: '/run/keys', permissions: '0600' },
          'acme.secret': { keyFile: `/home/ops/secrets/acme-${i}`, user: 'acme', group: 'nginx', permissions: '0640' },
          'motd.txt': { text: `Welcome to web${i} "${'${'}not interpolated}"\n` },
        },
      },
      modules: [`./hosts/web${i}/isso.nix`, `./hosts/web${i}/hardware.nix`],
    };
  }
  return { nodes };
}

const encoder = new TextEncoder();
report(
  compare({
    package: '@nixkit/colmena-hive',
    workload: 'validate and print a 2,000-node hive (three keys, two modules each)',
    make,
    sizeOf: (hive) => encoder.encode(toHive(hive)).length,
    ours: (hive) => toHive(hive),
    baselineName: 'JSON.stringify(model, null, 2)',
    baseline: (hive) => JSON.stringify(hive, null, 2),
    runs: 5,
  }),
);
