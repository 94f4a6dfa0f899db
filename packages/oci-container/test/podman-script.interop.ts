import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NIXOS_RELEASES, resolveFromTable, toPodmanArgs, toPodmanScript } from '../src/index.js';
import { requireTool } from '../../../tools/test-helpers/index.js';
import { ARTICLE_VALUES, issoContainer } from './support/article.js';
import { hostileCases } from './support/hostile-container.js';

const script = suite('toPodmanScript (bash)');

/**
 * Runs every script under bash, as NixOS's unit script does, with fake `podman`/`docker`
 * executables on PATH that print their argv NUL-separated. One bash process for all cases.
 */
function runScripts(scripts: readonly string[]): string[][] {
  const bash = requireTool('bash');
  const dir = mkdtempSync(join(tmpdir(), 'oci-container-'));
  try {
    for (const name of ['podman', 'docker']) {
      writeFileSync(join(dir, name), `#!${bash}\nprintf '%s\\0' "${name}" "$@"\n`);
      chmodSync(join(dir, name), 0o755);
    }
    // Each script runs in a subshell so its `exec` replaces only that subshell; \x01 separates cases.
    const program = scripts.map((text) => `(\nset -e\n${text}\n)\nprintf '\\1'\n`).join('');
    writeFileSync(join(dir, 'all.sh'), program);
    const result = spawnSync(bash, [join(dir, 'all.sh')], { encoding: 'utf8', env: { PATH: dir }, maxBuffer: 1 << 28 });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`bash failed (${result.status}): ${result.stderr}`);
    const outputs = result.stdout.split('\x01');
    outputs.pop();
    return outputs.map((out) => out.split('\0').slice(0, -1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

script('bash runs the article script to the article argv on every release', () => {
  const resolve = resolveFromTable(ARTICLE_VALUES);
  const releases = NIXOS_RELEASES;
  const argvs = runScripts(releases.map((nixosRelease) => toPodmanScript(issoContainer, { nixosRelease, resolve })));
  releases.forEach((nixosRelease, i) => assert.equal(argvs[i], toPodmanArgs(issoContainer, { nixosRelease, resolve }), nixosRelease));
});

script('bash splits hostile values back to exactly toPodmanArgs', () => {
  const cases = hostileCases(777, 1200).map((c, i) => {
    const nixosRelease = NIXOS_RELEASES[i % NIXOS_RELEASES.length] ?? 'unstable';
    const modern = nixosRelease >= '23.11';
    const container = {
      name: `c${i}`, image: 'h', backend: i % 3 === 0 ? ('docker' as const) : ('podman' as const), environment: c.env, cmd: c.cmd,
      volumes: [`${c.volumeSource}:/data`], extraOptions: [c.extraOption], entrypoint: c.entrypoint, workdir: c.workdir,
      ...(modern ? { labels: c.labels } : {}),
      ...(nixosRelease >= '21.05' ? { environmentFiles: [c.envFile] } : {}),
    };
    return { container, nixosRelease };
  });
  const argvs = runScripts(cases.map(({ container, nixosRelease }) => toPodmanScript(container, { nixosRelease })));
  cases.forEach(({ container, nixosRelease }, i) => assert.equal(argvs[i], toPodmanArgs(container, { nixosRelease }), `${nixosRelease} case ${i}`));
});

script.run();
