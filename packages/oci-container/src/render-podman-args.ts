import { OciContainerError } from './errors.js';
import { escapeShellArg } from './escape-shell-arg.js';
import type { OciContainer, OciContainerInput } from './model.js';
import type { NixResolver } from './nix-text.js';
import { checkRelease, DEFAULT_NIXOS_RELEASE, hasFeature, requireFeature, type NixosRelease } from './nixos-release.js';
import { resolveContainer, type ResolvedContainer } from './resolve-container.js';
import { validateContainer } from './validate-container.js';
import { readOptions, readResolver } from './read-options.js';
import { joinOutput } from './join-output.js';
import { MAX_ARG_BYTES } from './limits.js';

// The kernel refuses a longer argv word (E2BIG), so the argv would never run.
function checkArgLength(word: string, index: number): void {
  if (word.length <= MAX_ARG_BYTES / 3) return;
  let bytes = 0;
  for (let i = 0; i < word.length; i++) {
    const unit = word.charCodeAt(i);
    bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 2 : 3;
  }
  if (bytes > MAX_ARG_BYTES) {
    throw new OciContainerError(`argument ${index} of the podman command is ${bytes} bytes; Linux passes at most ${MAX_ARG_BYTES} bytes per argument (MAX_ARG_STRLEN)`, { path: [], value: `${word.slice(0, 40)}…`, accepted: `arguments of at most ${MAX_ARG_BYTES} bytes` });
  }
}

export interface PodmanArgsOptions {
  /** The NixOS release whose module shape to reproduce; default `DEFAULT_NIXOS_RELEASE`. */
  nixosRelease?: NixosRelease;
  /** Maps Nix expressions in the container to runtime strings (see `NixResolver`). */
  resolve?: NixResolver;
}

// One element of the NixOS `script` list: its words, each a run of segments that are either
// spliced raw (as NixOS does for the image and log driver) or passed through escapeShellArg.
type Segment = { raw: string } | { arg: string };
type Element = Segment[][];

const raw = (text: string): Segment => ({ raw: text });
const arg = (text: string): Segment => ({ arg: text });

function elements(container: OciContainer, resolved: ResolvedContainer, release: NixosRelease): Element[] {
  const backend = container.backend ?? 'podman';
  const name = resolved.name;
  const out: Element[] = [];
  const modern = hasFeature(release, 'runtimeDirectoryCidfile');
  if (hasFeature(release, 'preRunExtraOptions')) {
    // 24.11+ writes "exec ${backend} " (trailing space, then the empty preRunExtraOptions) as its
    // own element; the empty word reproduces that space and yields no argument.
    out.push([[raw('exec')], [raw(backend)], []], [[raw('run')]]);
  } else {
    out.push([[raw('exec')], [raw(backend)], [raw('run')]]);
  }
  if (!modern) out.push([[raw('--rm')]]);
  out.push([[raw('--name='), arg(name)]], [[raw(`--log-driver=${resolved.logDriver ?? 'journald'}`)]]);
  if (resolved.entrypoint !== undefined) out.push([[raw('--entrypoint='), arg(resolved.entrypoint)]]);
  if (resolved.hostname !== undefined) {
    requireFeature(release, 'hostname', ['hostname'], resolved.hostname);
    out.push([[raw('--hostname='), arg(resolved.hostname)]]);
  }
  if (backend === 'podman' && hasFeature(release, 'podmanNotify')) {
    out.push(
      [modern ? [raw('--cidfile=/run/'), arg(name), raw('/ctr-id')] : [raw('--cidfile=/run/podman-'), arg(name), raw('.ctr-id')]],
      [[raw(modern ? '--cgroups=enabled' : '--cgroups=no-conmon')]],
      [[raw('--sdnotify=conmon')]],
      [[raw('-d')]],
      [[raw('--replace')]],
    );
  }
  for (const [key, value] of resolved.environment) out.push([[raw('-e')], [arg(key), raw('='), arg(value)]]);
  if (resolved.environmentFiles.length > 0) requireFeature(release, 'environmentFiles', ['environmentFiles'], resolved.environmentFiles);
  for (const file of resolved.environmentFiles) out.push([[raw('--env-file')], [arg(file)]]);
  for (const port of resolved.ports) out.push([[raw('-p')], [arg(port)]]);
  if (resolved.user !== undefined) out.push([[raw('-u')], [arg(resolved.user)]]);
  for (const volume of resolved.volumes) out.push([[raw('-v')], [arg(volume)]]);
  if (resolved.labels.length > 0) requireFeature(release, 'labels', ['labels'], resolved.labels);
  for (const [key, value] of resolved.labels) out.push([[raw('-l')], [arg(key), raw('='), arg(value)]]);
  if (resolved.workdir !== undefined) out.push([[raw('-w')], [arg(resolved.workdir)]]);
  if (modern) out.push([[raw('--rm')]]);
  if (resolved.networks !== undefined && resolved.networks.length > 0) {
    requireFeature(release, 'networks', ['networks'], resolved.networks);
    for (const network of [...new Set(resolved.networks)]) out.push([[raw('--network='), arg(network)]]);
  }
  if (modern) {
    const pull = resolved.pull ?? 'missing';
    if (backend === 'docker' && pull === 'newer') {
      throw new OciContainerError('"newer" is a podman-only pull policy; docker run accepts always, missing or never', { path: ['pull'], value: pull, accepted: 'always | missing | never' });
    }
    out.push([[raw('--pull')], [arg(pull)]]);
  } else if (resolved.pull !== undefined) {
    requireFeature(release, 'pull', ['pull'], resolved.pull);
  }
  for (const option of resolved.extraOptions) out.push([[arg(option)]]);
  out.push([[raw(resolved.image)]]);
  for (const word of resolved.cmd) out.push([[arg(word)]]);
  return out;
}

function prepare(input: OciContainerInput | OciContainer, options: PodmanArgsOptions | undefined, renderer: string) {
  const checked = readOptions(options, ['nixosRelease', 'resolve'], renderer);
  const release = checkRelease(checked['nixosRelease'] ?? DEFAULT_NIXOS_RELEASE);
  const resolve = readResolver(checked['resolve'], ['resolve']);
  const container = validateContainer(input);
  if (container.imageStream !== undefined) requireFeature(release, 'imageStream', ['imageStream'], container.imageStream);
  const resolved = resolveContainer(container, resolve);
  return { release, list: elements(container, resolved, release) };
}

/**
 * The argv NixOS's `podman-<name>.service` (or `docker-<name>`) executes for this container, in
 * the module's argument order for `nixosRelease`: `['podman', 'run', '--name=isso', …, image,
 * …cmd]`. Ready for execve on a non-NixOS host, or for checking a deployment. Nix expressions
 * need `options.resolve`; options the release lacks throw.
 */
export function toPodmanArgs(container: OciContainerInput | OciContainer, options?: PodmanArgsOptions): string[] {
  const { list } = prepare(container, options, 'toPodmanArgs');
  const words: string[] = [];
  for (const element of list) {
    for (const word of element) {
      if (word.length === 0) continue;
      const text = word.map((s) => ('raw' in s ? s.raw : s.arg)).join('');
      checkArgLength(text, words.length);
      words.push(text);
    }
  }
  return words.slice(1); // drop the script's `exec`

}

/**
 * The same command as NixOS writes it into the unit's script: elements joined by `" \\\n  "`,
 * arguments escaped with that release's `lib.escapeShellArg`, starting with `exec`. A shell runs
 * it to exactly `toPodmanArgs`.
 */
export function toPodmanScript(container: OciContainerInput | OciContainer, options?: PodmanArgsOptions): string {
  const { release, list } = prepare(container, options, 'toPodmanScript');
  return joinOutput(
    list.map((element) => element.map((word) => word.map((s) => ('raw' in s ? s.raw : escapeShellArg(s.arg, release))).join('')).join(' ')),
    ' \\\n  ',
  );
}
