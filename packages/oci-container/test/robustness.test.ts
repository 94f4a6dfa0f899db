import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { op, parens, str, v, type NixExpr } from '@nixkit/nix-expr';
import {
  OCI_LIMITS, escapeShellArg, formatPortSpec, formatVolumeSpec, parseImageRef, parsePortSpec, parseVolumeSpec, resolveFromTable,
  toDockerToolsCall, toOciContainers, toOciContainersModule, toPodmanArgs, toPodmanScript, toQuadlet, validateContainer,
  type OciContainerInput,
} from '../src/index.js';
import { costMeter } from '../src/cost-meter.js';
import { joinOutput } from '../src/join-output.js';
import { assertLinearGrowth, countingProxy, heapGrowth } from '../../../tools/test-helpers/linear-growth.js';
import { refusal } from './support/refusal.js';

const MB = 1024 * 1024;

function cost(run: () => unknown): number {
  const before = costMeter.units;
  run();
  return costMeter.units - before;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const base: OciContainerInput = { name: 'isso', image: 'ghcr.io/o/isso:1.2' };

// Each pathological shape at a given size.
const SHAPES: Record<string, (n: number) => OciContainerInput> = {
  'many cmd arguments': (n) => ({ ...base, cmd: range(n).map((i) => `--flag-${i}="x y"`) }),
  'many environment variables (sorted)': (n) => ({ ...base, environment: Object.fromEntries(range(n).map((i) => [`VAR_${(i * 7919) % n}`, `v'${i}"%$`])) }),
  'many labels (sorted)': (n) => ({ ...base, labels: Object.fromEntries(range(n).map((i) => [`org.example.${(i * 7919) % n}`, 'x'])) }),
  'many ports': (n) => ({ ...base, ports: range(n).map((i) => (i % 2 === 0 ? `127.0.0.1:${1 + (i % 60000)}:80` : { containerPort: 1 + (i % 65000), protocol: 'udp' as const })) }),
  'many volumes': (n) => ({ ...base, volumes: range(n).map((i) => (i % 2 === 0 ? `/srv/${i}:/data/${i}:ro` : { source: `vol${i}`, target: `/v/${i}` })) }),
  'many extraOptions': (n) => ({ ...base, extraOptions: range(n).map((i) => `--cap-add=CAP_${i}`) }),
  'many environmentFiles': (n) => ({ ...base, environmentFiles: range(n).map((i) => `/run/secrets/${i}.env`) }),
  'long values that need escaping': (n) => ({ ...base, cmd: ['sh', '-c', `echo "${'$%\\\'"'.repeat(n * 2)}"`] }),
  'many networks': (n) => ({ ...base, networks: range(n).map((i) => `net${i % 100}`) }),
};

const growth = suite('robustness: work grows linearly');

for (const [shape, make] of Object.entries(SHAPES)) {
  growth(`${shape}: validate and render every target`, () => {
    // Environment and labels are sorted as Nix sorts attribute names: O(n log n), wider slack.
    const slack = shape.includes('sorted') ? 1.5 : 1.3;
    assertLinearGrowth(shape, (scale) => {
      const container = make(500 * scale);
      return cost(() => {
        validateContainer(container);
        toOciContainers(container);
        toPodmanArgs(container);
        toPodmanScript(container, { nixosRelease: container.networks === undefined ? '24.05' : '25.05' });
        toQuadlet(container);
      });
    }, slack);
  });
}

growth('Nix expressions nested deep, or shared by many parents', () => {
  assertLinearGrowth('deep parens', (scale) => {
    let expr: NixExpr = v('issoEnv');
    for (let i = 0; i < 1000 * scale; i++) expr = parens(expr);
    return cost(() => validateContainer({ ...base, imageFile: expr, environmentFiles: [expr] }));
  });
  assertLinearGrowth('one deep expression referenced from many fields', (scale) => {
    // Both the expression and the number of references grow: walking it per field would be quadratic.
    let expr: NixExpr = v('x');
    for (let i = 0; i < 500 * scale; i++) expr = parens(expr);
    return cost(() => validateContainer({ ...base, cmd: new Array<NixExpr>(200 * scale).fill(expr) }));
  });
  assertLinearGrowth('shared subtrees', (scale) => {
    // Each level uses the previous one twice: 2^levels paths, but only `levels` distinct nodes.
    let expr: NixExpr = v('x');
    for (let i = 0; i < 500 * scale; i++) expr = op(expr, '+', expr);
    return cost(() => validateContainer({ ...base, imageFile: expr }));
  });
});

growth('many containers in one module', () => {
  assertLinearGrowth('containers', (scale) => {
    const containers = range(200 * scale).map((i) => ({ ...base, name: `c${i}`, dependsOn: i > 0 ? [`c${i - 1}`] : [] }));
    return cost(() => toOciContainersModule(containers));
  });
});

growth('the validator reads each input value a bounded number of times', () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    assertLinearGrowth(`${shape} (input reads)`, (scale) => {
      const counter = { reads: 0 };
      validateContainer(countingProxy(make(100 * scale), counter));
      return counter.reads;
    });
  }
});

growth.run();

const reproductions = suite('robustness: reproductions from issue 18');

reproductions('a misspelt option is refused instead of silently using the default release', () => {
  const error = refusal(() => toPodmanArgs(base, { nixosReleese: '20.09' } as never));
  assert.equal(error.path, ['nixosReleese']);
  assert.match(error.message, /not an option of toPodmanArgs/);
  assert.equal(refusal(() => toPodmanScript(base, { release: '24.05' } as never)).path, ['release']);
  assert.equal(refusal(() => toOciContainers(base, { backend: 'podman' } as never)).path, ['backend']);
  assert.equal(refusal(() => toOciContainersModule([base], { nixosRelease: '25.05', pull: 'always' } as never)).path, ['pull']);
  assert.equal(refusal(() => toQuadlet(base, { wanted: 'x.target' } as never)).path, ['wanted']);
  assert.equal(refusal(() => toDockerToolsCall({ name: 'isso' }, { docker: v('x') } as never)).path, ['docker']);
});

reproductions('option values of the wrong type are refused, naming the option', () => {
  assert.equal(refusal(() => toPodmanArgs(base, { resolve: 'x' } as never)).path, ['resolve']);
  assert.equal(refusal(() => toPodmanArgs(base, new Map() as never)).path, []);
  assert.equal(refusal(() => toQuadlet(base, { podmanPath: 'podman' })).path, ['podmanPath']);
  assert.equal(refusal(() => toQuadlet(base, { wantedBy: 7 } as never)).path, ['wantedBy']);
  assert.equal(refusal(() => toOciContainersModule([base], { backend: 'lxc' } as never)).path, ['backend']);
  assert.equal(refusal(() => toDockerToolsCall({ name: 'isso' }, { dockerTools: 'pkgs.dockerTools' } as never)).path, ['dockerTools']);
  assert.equal(refusal(() => escapeShellArg(7 as never, '24.11')).path, ['text']);
  assert.equal(refusal(() => escapeShellArg('x', '24.10' as never)).path, ['nixosRelease']);
  assert.equal(refusal(() => resolveFromTable({ x: 1 } as never)).path, ['table', 'x']);
});

reproductions('formatPortSpec and formatVolumeSpec check their input instead of printing "NaN"', () => {
  for (const containerPort of [Number.NaN, Infinity, 0, 65536, 80.5, '80', 80n]) {
    assert.match(refusal(() => formatPortSpec({ containerPort } as never)).message, /containerPort must be an integer from 1 to 65535/);
  }
  assert.equal(refusal(() => formatPortSpec({ containerPort: 80, hostport: 8080 } as never)).path, ['hostport']);
  assert.equal(refusal(() => formatPortSpec({ containerPort: 80, hostIp: 1 } as never)).path, ['hostIp']);
  assert.is(formatPortSpec({ containerPort: 80, hostPort: 8080, hostIp: '::1' }), '[::1]:8080:80');
  assert.equal(refusal(() => formatVolumeSpec({ target: 5 } as never)).path, ['target']);
  assert.match(refusal(() => formatVolumeSpec({ target: 'relative' })).message, /absolute/);
});

reproductions('sparse arrays, Maps and BigInts get this package\'s error naming the path', () => {
  // eslint-disable-next-line no-sparse-arrays
  assert.equal(refusal(() => toPodmanArgs({ ...base, cmd: [, 'x'] as never })).path, ['cmd', 0]);
  assert.equal(refusal(() => toQuadlet({ ...base, ports: ['80', , '81'] as never })).path, ['ports', 1]);
  const map = refusal(() => toPodmanArgs({ ...base, environment: new Map([['A', 'b']]) as never }));
  assert.equal(map.path, ['environment']);
  assert.match(map.message, /got a Map/);
  assert.match(refusal(() => toPodmanArgs({ ...base, autoStart: 1n as never })).message, /BigInt 1n/);
  assert.equal(refusal(() => toPodmanArgs({ ...base, labels: { a: 2n } as never })).path, ['labels', 'a']);
  assert.equal(refusal(() => validateContainer({ ...base, volumes: [new Date()] as never })).path, ['volumes', 0]);
});

reproductions('a Nix expression that contains itself, or nests past the limit, is refused', () => {
  const cyclic = str('a', v('x')) as NixExpr & { parts: unknown[] };
  cyclic.parts.push(cyclic);
  const error = refusal(() => toOciContainers({ ...base, imageFile: cyclic }));
  assert.equal(error.path, ['imageFile']);
  assert.match(error.message, /contains itself/);
  let deep: NixExpr = v('x');
  for (let i = 0; i < OCI_LIMITS.nixDepth; i++) deep = parens(deep);
  assert.match(refusal(() => validateContainer({ ...base, environmentFiles: [deep] })).message, /nested more than 10000 levels/);
  let fits: NixExpr = v('x');
  for (let i = 0; i < 4000; i++) fits = parens(fits);
  assert.equal(toPodmanArgs({ ...base, cmd: [fits] }, { resolve: () => '/x' }).at(-1), '/x');
});

reproductions.run();

const limits = suite('robustness: size limits');

limits('parsers refuse absurdly long text without splitting it first', () => {
  const long = ':'.repeat(10 * MB);
  assert.equal(parsePortSpec(long).ok, false);
  assert.equal(parseVolumeSpec(long).ok, false);
  assert.equal(parseImageRef(long).ok, false);
});

limits('a list past the documented limit, an argv word past MAX_ARG_STRLEN and an oversized text are refused', () => {
  const huge = new Array<string>(OCI_LIMITS.entries + 1).fill('x');
  assert.equal(refusal(() => validateContainer({ ...base, cmd: huge })).path, ['cmd']);
  const word = 'a'.repeat(OCI_LIMITS.argBytes + 1);
  assert.match(refusal(() => toPodmanArgs({ ...base, cmd: [word] })).message, /MAX_ARG_STRLEN/);
  assert.is(toPodmanArgs({ ...base, cmd: [word.slice(1)] }).at(-1)!.length, OCI_LIMITS.argBytes);
  const chunk = 'x'.repeat(MB);
  assert.match(refusal(() => joinOutput(new Array<string>(Math.floor(OCI_LIMITS.outputChars / MB) + 1).fill(chunk), '\n')).message, /would exceed/);
  // 300 × 1 MiB shares one string in memory but would render past the output limit.
  assert.match(refusal(() => toQuadlet({ ...base, cmd: new Array<string>(300).fill(chunk) })).message, /would exceed/);
});

limits('50 MB of valid input renders within a memory bound', () => {
  const cmd = range(1_000_000).map((i) => `--argument-number-${i}=${'v'.repeat(24)}`); // about 50 MB
  const args = heapGrowth(() => toPodmanArgs({ ...base, cmd }));
  assert.is(args.result.at(-1), cmd.at(-1));
  assert.ok(args.result.length > 1_000_000);
  assert.ok(args.bytes < 600 * MB, `heap grew by ${Math.round(args.bytes / MB)} MB for 50 MB of arguments`);
  const value = `x${'"$%\\'.repeat(12 * MB)}`; // 48 MB of characters that all need escaping
  const unit = heapGrowth(() => toQuadlet({ ...base, environment: { BIG: value } }));
  assert.ok(unit.result.length > 90 * MB);
  assert.ok(unit.bytes < 8 * 50 * MB, `heap grew by ${Math.round(unit.bytes / MB)} MB for a 48 MB value`);
});

limits.run();
