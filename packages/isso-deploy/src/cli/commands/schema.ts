import type { CommandSpec } from '../command.js';

export const schema: CommandSpec = {
  name: 'schema',
  summary: 'Print the JSON Schema of the deployment description (the shipped schema.json)',
  usage: 'schema',
  description: `Prints the JSON Schema of the deployment description on stdout: the same text as the
schema.json shipped in the package (@nixkit/isso-deploy/schema.json). Save it and point
"$schema" at it in deployment.json for completion and inline errors in editors.`,
  options: [],
  run: () => import('./schema-run.js').then((m) => m.runSchema()),
};
