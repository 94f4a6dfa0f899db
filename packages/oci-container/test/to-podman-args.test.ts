import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { v } from '@nixkit/nix-expr';
import { NIXOS_RELEASES, resolveFromTable, toPodmanArgs, toPodmanScript } from '../src/index.js';
import { ARTICLE_VALUES, issoContainer } from './support/article.js';
import { hostileCases } from './support/hostile-container.js';
import { shellWords } from './support/shell-words.js';
import { refusal } from './support/refusal.js';

const resolve = resolveFromTable(ARTICLE_VALUES);


const args = suite('toPodmanArgs');

args('reproduces the article container as NixOS 25.11 runs it', () => {
  assert.equal(toPodmanArgs(issoContainer, { nixosRelease: '25.11', resolve }), [
    'podman', 'run', '--name=isso', '--log-driver=journald',
    '--cidfile=/run/isso/ctr-id', '--cgroups=enabled', '--sdnotify=conmon', '-d', '--replace',
    '-p', '127.0.0.1:8080:8080', '-v', '/var/db/isso:/db', '--rm', '--pull', 'missing', 'isso',
  ]);
});

args('reproduces the article container as NixOS 20.09 (the article\'s release) ran it', () => {
  assert.equal(toPodmanArgs(issoContainer, { nixosRelease: '20.09', resolve }), [
    'podman', 'run', '--rm', '--name=isso', '--log-driver=journald', '-p', '127.0.0.1:8080:8080', '-v', '/var/db/isso:/db', 'isso',
  ]);
});

args('uses the 22.11–24.11 podman flags and cidfile', () => {
  const argv = toPodmanArgs(issoContainer, { nixosRelease: '24.05', resolve });
  assert.equal(argv.slice(0, 10), ['podman', 'run', '--rm', '--name=isso', '--log-driver=journald', '--cidfile=/run/podman-isso.ctr-id', '--cgroups=no-conmon', '--sdnotify=conmon', '-d', '--replace']);
});

args('places every option in the module order', () => {
  const argv = toPodmanArgs(
    {
      name: 'web', image: 'ghcr.io/o/web:1', entrypoint: '/bin/web', hostname: 'web', environment: { Z: '1', A: '2' },
      environmentFiles: ['/run/secrets/web.env'], ports: ['80'], user: '1000:1000', volumes: ['/srv:/srv:ro'],
      labels: { b: '1', a: '2' }, workdir: '/srv', networks: ['n1', 'n1', 'n2'], pull: 'always', extraOptions: ['--init'],
      cmd: ['serve', '--port', '80'], logDriver: 'k8s-file',
    },
    { nixosRelease: 'unstable' },
  );
  assert.equal(argv, [
    'podman', 'run', '--name=web', '--log-driver=k8s-file', '--entrypoint=/bin/web', '--hostname=web',
    '--cidfile=/run/web/ctr-id', '--cgroups=enabled', '--sdnotify=conmon', '-d', '--replace',
    '-e', 'A=2', '-e', 'Z=1', '--env-file', '/run/secrets/web.env', '-p', '80', '-u', '1000:1000', '-v', '/srv:/srv:ro',
    '-l', 'a=2', '-l', 'b=1', '-w', '/srv', '--rm', '--network=n1', '--network=n2', '--pull', 'always', '--init',
    'ghcr.io/o/web:1', 'serve', '--port', '80',
  ]);
});

args('sorts label keys bytewise, as Nix sorts attribute names', () => {
  const argv = toPodmanArgs({ name: 'a', image: 'a', labels: { '\u{1F980}': '1', '\uFF21': '2', b: '3' } });
  assert.equal(argv.filter((_, i, all) => all[i - 1] === '-l'), ['b=3', '\uFF21=2', '\u{1F980}=1']);
});

args('leaves podman-only flags out for docker and refuses "newer"', () => {
  const argv = toPodmanArgs({ ...issoContainer, backend: 'docker' }, { resolve });
  assert.is(argv[0], 'docker');
  assert.not.ok(argv.some((a) => a.startsWith('--cidfile') || a === '--replace'));
  assert.equal(refusal(() => toPodmanArgs({ name: 'a', image: 'a', backend: 'docker', pull: 'newer' })).path, ['pull']);
});

args('refuses options the chosen release does not have', () => {
  assert.equal(refusal(() => toPodmanArgs({ name: 'a', image: 'a', pull: 'always' }, { nixosRelease: '24.11' })).path, ['pull']);
  assert.equal(refusal(() => toPodmanArgs({ name: 'a', image: 'a', labels: { a: 'b' } }, { nixosRelease: '23.05' })).path, ['labels']);
  assert.equal(refusal(() => toPodmanArgs({ name: 'a', image: 'a', environmentFiles: ['/run/e'] }, { nixosRelease: '20.09' })).path, ['environmentFiles']);
  assert.equal(refusal(() => toPodmanArgs({ name: 'a', image: 'a', networks: ['n'] }, { nixosRelease: '24.05' })).path, ['networks']);
  assert.equal(refusal(() => toPodmanArgs({ name: 'a', image: 'a', imageStream: v('s') }, { nixosRelease: '24.05' })).path, ['imageStream']);
  assert.equal(refusal(() => toPodmanArgs({ name: 'a', image: 'a' }, { nixosRelease: '19.09' as never })).path, ['nixosRelease']);
});

args('needs a resolver for Nix expressions and re-checks what it returns', () => {
  const missing = refusal(() => toPodmanArgs(issoContainer));
  assert.equal(missing.path, ['ports', 0]);
  assert.match(missing.message, /resolve/);
  const bad = refusal(() => toPodmanArgs(issoContainer, { resolve: () => 'not a port' }));
  assert.equal(bad.path, ['ports', 0]);
  const unknown = refusal(() => toPodmanArgs({ ...issoContainer, cmd: [v('elsewhere')] }, { resolve }));
  assert.equal(unknown.path, ['cmd', 0]);
});

args('passes hostile values through as exact arguments', () => {
  for (const c of hostileCases(21, 300)) {
    const argv = toPodmanArgs({ name: 'h', image: 'h', environment: c.env, labels: c.labels, cmd: c.cmd, environmentFiles: [c.envFile], volumes: [`${c.volumeSource}:/data`], extraOptions: [c.extraOption] });
    const values = (flag: string) => argv.filter((_, i) => argv[i - 1] === flag);
    assert.equal(values('-e'), Object.keys(c.env).sort().map((k) => `${k}=${c.env[k]}`));
    assert.equal(values('--env-file'), [c.envFile]);
    assert.equal(values('-v'), [`${c.volumeSource}:/data`]);
    assert.equal(argv.slice(argv.length - c.cmd.length - 2), [c.extraOption, 'h', ...c.cmd]);
  }
});

const script = suite('toPodmanScript');

script('writes the article command as NixOS 24.05 did, always quoting', () => {
  assert.is(
    toPodmanScript(issoContainer, { nixosRelease: '24.05', resolve }),
    [
      'exec podman run', '--rm', "--name='isso'", '--log-driver=journald', "--cidfile=/run/podman-'isso'.ctr-id", '--cgroups=no-conmon',
      '--sdnotify=conmon', '-d', '--replace', "-p '127.0.0.1:8080:8080'", "-v '/var/db/isso:/db'", 'isso',
    ].join(' \\\n  '),
  );
});

script('writes the article command as NixOS 25.11 does, quoting only when needed', () => {
  assert.is(
    toPodmanScript(issoContainer, { nixosRelease: '25.11', resolve }),
    [
      'exec podman ', 'run', '--name=isso', '--log-driver=journald', '--cidfile=/run/isso/ctr-id', '--cgroups=enabled', '--sdnotify=conmon',
      '-d', '--replace', '-p 127.0.0.1:8080:8080', '-v /var/db/isso:/db', '--rm', '--pull missing', 'isso',
    ].join(' \\\n  '),
  );
});

script('splits back into exactly toPodmanArgs for hostile values on every release', () => {
  for (const release of NIXOS_RELEASES) {
    for (const c of hostileCases(release.length * 97 + release.charCodeAt(1), 40)) {
      const container = {
        name: 'h', image: 'h', environment: c.env, cmd: c.cmd, volumes: [`${c.volumeSource}:/data`], extraOptions: [c.extraOption], entrypoint: c.entrypoint, workdir: c.workdir,
        ...(release >= '23.11' ? { labels: c.labels } : {}),
        ...(release >= '21.05' ? { environmentFiles: [c.envFile] } : {}),
      };
      const argv = toPodmanArgs(container, { nixosRelease: release });
      assert.equal(shellWords(toPodmanScript(container, { nixosRelease: release })), ['exec', ...argv], release);
    }
  }
});

args.run();
script.run();
