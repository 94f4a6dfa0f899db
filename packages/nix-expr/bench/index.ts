import { compare, report } from '../../../tools/bench/harness.js';
import { print } from '../src/print.js';
import { printData } from '../src/print-value.js';
import { toNix } from '../src/to-nix.js';
import type { NixExpr } from '../src/ast.js';

// A deterministic data tree shaped like generated NixOS configuration: services with nested
// settings, lists of strings and ports, a few multi-line texts. `scale` 1 is about 5 MB of JSON.
function makeTree(scale: number): unknown {
  const services: Record<string, unknown> = {};
  for (let i = 0; i < 11000 * scale; i++) {
    services[`service-${i}`] = {
      enable: i % 3 !== 0,
      port: 8000 + (i % 1000),
      weight: (i % 97) / 7,
      description: `Service number ${i} with "quotes", a \${placeholder} and a path /var/lib/s${i}`,
      environment: { LANG: 'C.UTF-8', HOME: `/var/lib/service-${i}`, 'X-Id': String(i) },
      args: ['--port', String(8000 + i), '--name', `svc${i}`, '--verbose'],
      extraConfig: `listen ${i};\nserver_name s${i}.example.org;\n  location / { return 200; }\n`,
      limits: [{ soft: 1024, hard: 4096 }, { soft: -1, hard: null }],
    };
  }
  return { services };
}

interface Input {
  tree: unknown;
  ast: NixExpr;
}

const make = (scale: number): Input => {
  const tree = makeTree(scale);
  return { tree, ast: toNix(tree) };
};

const result = compare({
  package: '@nixkit/nix-expr',
  workload: 'print a 5 MB data tree (AST built by toNix beforehand)',
  make,
  sizeOf: ({ tree }) => JSON.stringify(tree).length,
  ours: ({ ast }) => print(ast),
  baselineName: 'JSON.stringify(tree, null, 2)',
  baseline: ({ tree }) => JSON.stringify(tree, null, 2),
  targets: [
    { metric: 'speedRatio', atLeast: 0.5 },
    { metric: 'scaling10x', atMost: 11 },
  ],
});
report(result);

// The data path: plain data to Nix text, conversion included.
report(
  compare({
    package: '@nixkit/nix-expr',
    workload: 'print(toNix(tree)) of the same 5 MB data tree (conversion included)',
    make: makeTree,
    sizeOf: (tree) => JSON.stringify(tree).length,
    ours: (tree) => print(toNix(tree)),
    baselineName: 'JSON.stringify(tree, null, 2)',
    baseline: (tree) => JSON.stringify(tree, null, 2),
    targets: [{ metric: 'speedRatio', atLeast: 0.45 }],
  }),
);

// The direct data path: printData writes the same text as print(toNix(tree)) without an AST.
report(
  compare({
    package: '@nixkit/nix-expr',
    workload: 'printData(tree) of the same 5 MB data tree (no AST)',
    make: makeTree,
    sizeOf: (tree) => JSON.stringify(tree).length,
    ours: (tree) => printData(tree),
    baselineName: 'JSON.stringify(tree, null, 2)',
    baseline: (tree) => JSON.stringify(tree, null, 2),
    targets: [{ metric: 'speedRatio', atLeast: 0.45 }],
  }),
);
