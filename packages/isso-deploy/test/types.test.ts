import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { IssoDeploymentError, renderDeployment, renderNixosModule, renderPlainFiles, resolveDeployment, type IssoDeployment } from '../src/index.js';

// This file is type-checked with the tests (`npm run typecheck`): each `@ts-expect-error` line
// must fail to compile, or tsc reports the directive as unused. The runtime half shows that the
// same mistakes in untyped JSON are refused by resolveDeployment.

const minimal = { domain: 'comments.example.org', acmeEmail: 'letsencrypt@example.org' } as const;

const types = suite('typed inputs');

types('a misspelt field does not compile for typed callers and is refused at run time', () => {
  // @ts-expect-error `prot` is not a field of IssoDeployment
  const misspelt = () => renderNixosModule({ ...minimal, prot: 8080 });
  // @ts-expect-error a nested misspelling is caught too
  const nested = () => renderDeployment({ ...minimal, gunicorn: { workerz: 2 } });
  // @ts-expect-error a wrong type
  const wrongType = () => renderPlainFiles({ ...minimal, port: '8080' });
  // @ts-expect-error an unsupported release
  const release = () => renderNixosModule({ ...minimal, nixosRelease: '23.11' });
  // @ts-expect-error an unknown argument: JSON goes through resolveDeployment first
  const json = () => renderNixosModule(JSON.parse('{}') as unknown);
  for (const run of [misspelt, nested, wrongType, release]) assert.throws(run, (error: unknown) => error instanceof IssoDeploymentError);
  assert.throws(json, (error: unknown) => error instanceof IssoDeploymentError);
});

types('untyped JSON renders after resolveDeployment', () => {
  const parsed: unknown = JSON.parse(JSON.stringify({ ...minimal, nixosRelease: '25.05' }));
  const resolved = resolveDeployment(parsed);
  assert.match(renderNixosModule(resolved), /for NixOS 25\.05\./);
  const typed: IssoDeployment = { ...minimal, nixosRelease: '24.11' };
  assert.match(renderNixosModule(typed), /for NixOS 24\.11\./);
  assert.match(renderNixosModule(typed, { nixosRelease: '25.05' }), /for NixOS 25\.05\./);
});

types.run();
