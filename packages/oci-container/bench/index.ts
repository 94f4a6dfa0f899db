/**
 * Renders containers with large inputs (many arguments; a long value full of characters that
 * need escaping) against JSON.stringify of the same model in the same process: a floor for "walk
 * the input once and write text", so the ratio shows what validation and escaping cost on top.
 */
import { compare, report } from '../../../tools/bench/harness.js';
import { toPodmanScript, toQuadlet, type OciContainerInput } from '../src/index.js';

const base: OciContainerInput = { name: 'isso', image: 'ghcr.io/o/isso:1.2' };

report(
  compare({
    package: '@nixkit/oci-container',
    workload: 'toPodmanScript of a container with 100,000 arguments and 10,000 environment variables',
    make: (scale): OciContainerInput => ({
      ...base,
      cmd: Array.from({ length: 100_000 * scale }, (_, i) => `--option-${i}=it's ${i}`),
      environment: Object.fromEntries(Array.from({ length: 10_000 * scale }, (_, i) => [`VAR_${i}`, `value ${i}`])),
    }),
    sizeOf: (container) => JSON.stringify(container).length,
    ours: (container) => toPodmanScript(container),
    baselineName: 'JSON.stringify',
    baseline: (container) => JSON.stringify(container),
    runs: 3,
  }),
);

report(
  compare({
    package: '@nixkit/oci-container',
    workload: 'toQuadlet of a container with a 4 MB environment value that needs escaping',
    make: (scale): OciContainerInput => ({ ...base, environment: { BIG: 'a "quoted" $VAR at 100% \\ '.repeat(Math.ceil((4e6 * scale) / 27)) } }),
    sizeOf: (container) => (container.environment!['BIG'] as string).length,
    ours: (container) => toQuadlet(container),
    baselineName: 'JSON.stringify',
    baseline: (container) => JSON.stringify(container),
    runs: 3,
  }),
);
