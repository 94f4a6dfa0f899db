import { compare, report } from '../../../tools/bench/harness.js';
import { checkFleetClashes, readFleet } from '../src/index.js';

// A fleet of hosts with four NixOS containers each (own name, /30, database directory), plus a
// container site: the clash check over every claim of every site, after validation, against
// validation alone as the baseline. The check keys claims in one Map, so it should stay linear.
function make(scale: number): unknown {
  const hosts: Record<string, unknown> = {};
  for (let h = 0; h < 100 * scale; h++) {
    const isso: unknown[] = [{ domain: `comments.h${h}.example`, acmeEmail: 'le@example.org', port: 9000 }];
    for (let c = 0; c < 4; c++) {
      isso.push({
        domain: `c${c}.h${h}.example`, acmeEmail: 'le@example.org', mode: 'nixos-container', port: 8080,
        nixosContainer: { name: `isso-${c}`, hostAddress: `10.${c}.${h % 256}.${4 * (h >> 8) + 1}`, localAddress: `10.${c}.${h % 256}.${4 * (h >> 8) + 2}` },
        dbVolume: { hostPath: `/var/db/isso-${c}` },
      });
    }
    hosts[`web${h}`] = { targetHost: `web${h}.example.org`, isso };
  }
  return { hosts };
}

report(
  compare({
    package: '@nixkit/isso-deploy',
    workload: 'validate a 100-host fleet (five sites each, four in NixOS containers) and check it for clashes',
    make,
    sizeOf: (fleet) => JSON.stringify(fleet).length,
    ours: (fleet) => checkFleetClashes(readFleet(fleet)),
    baselineName: 'readFleet alone (validation without the clash check)',
    baseline: (fleet) => readFleet(fleet),
    runs: 9,
  }),
);
