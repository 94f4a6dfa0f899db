/**
 * Renders large vhosts (many locations; a long raw extraConfig; many server aliases) against
 * JSON.stringify of the same model in the same process: a floor for "walk the input once and
 * write text", so the ratio shows what validation and nginx quoting cost on top.
 */
import { compare, report } from '../../../tools/bench/harness.js';
import { toNginxConf, type Location, type Vhost } from '../src/index.js';

const options = { nginxVersion: '1.22.1' };
const LOCATIONS = 5_000;

report(
  compare({
    package: '@nixkit/nginx-vhost',
    workload: `toNginxConf of a vhost with ${LOCATIONS.toLocaleString('en')} proxied locations`,
    make: (scale): Vhost => ({
      name: 'app.example',
      locations: Object.fromEntries(Array.from({ length: LOCATIONS * scale }, (_, i): [string, Location] => [
        `/app/${i}/`,
        { proxyPass: `http://127.0.0.1:${8000 + (i % 1000)}`, recommendedProxySettings: true, directives: [{ kind: 'proxy_set_header', name: 'X-App', value: `app ${i}` }] },
      ])),
    }),
    sizeOf: (vhost) => JSON.stringify(vhost).length,
    ours: (vhost) => toNginxConf(vhost, options),
    baselineName: 'JSON.stringify',
    baseline: (vhost) => JSON.stringify(vhost, null, 2),
  }),
);

report(
  compare({
    package: '@nixkit/nginx-vhost',
    workload: 'toNginxConf of a vhost with 5 MB of raw extraConfig (re-indented)',
    make: (scale): Vhost => ({ name: 'app.example', extraConfig: '    add_header X-Frame-Options "DENY" always;\n'.repeat(Math.ceil((5e6 * scale) / 47)) }),
    sizeOf: (vhost) => vhost.extraConfig!.length,
    ours: (vhost) => toNginxConf(vhost, options),
    baselineName: 'JSON.stringify',
    baseline: (vhost) => JSON.stringify(vhost),
    runs: 3,
  }),
);

report(
  compare({
    package: '@nixkit/nginx-vhost',
    workload: 'toNginxConf of a vhost with 100,000 server aliases',
    make: (scale): Vhost => ({ name: 'app.example', serverAliases: Array.from({ length: 100_000 * scale }, (_, i) => `host-${i}.example.org`) }),
    sizeOf: (vhost) => JSON.stringify(vhost).length,
    ours: (vhost) => toNginxConf(vhost, options),
    baselineName: 'JSON.stringify',
    baseline: (vhost) => JSON.stringify(vhost),
    runs: 3,
  }),
);
