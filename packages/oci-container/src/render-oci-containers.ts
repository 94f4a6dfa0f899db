import { attrs, bind, bool, list, str, type NixAttrs, type NixBindingItem, type NixExpr } from '@nixkit/nix-expr';
import { OciContainerError } from './errors.js';
import type { ContainerBackend, OciContainer, OciContainerInput } from './model.js';
import { textNode, type NixText } from './nix-text.js';
import { checkRelease, requireFeature, type NixosRelease } from './nixos-release.js';
import { validateContainer } from './validate-container.js';
import { readOptions } from './read-options.js';
import { expectArray, expectEnum } from './shape.js';

export interface OciContainersOptions {
  /** When given, options that release lacks throw (e.g. `pull` before 25.05). Default: no check. */
  nixosRelease?: NixosRelease;
}

const texts = (items: readonly NixText[]) => list(items.map(textNode));
const strings = (items: readonly string[]) => list(items.map((item) => str(item)));
const textRecord = (record: Readonly<Record<string, NixText>>) => attrs(Object.entries(record).map(([key, value]) => bind([key], textNode(value))));

/**
 * The attribute set for one container, as it goes under
 * `virtualisation.oci-containers.containers.<name>`: `{ image = "isso"; imageFile =
 * issoDockerImage; ports = [ … ]; volumes = [ … ]; }`. Only fields the caller set are written, in
 * the module's option names (`logDriver` becomes `log-driver`). `backend` is module-wide and is
 * written by `toOciContainersModule`.
 */
export function toOciContainers(input: OciContainerInput | OciContainer, options?: OciContainersOptions): NixAttrs {
  const checked = readOptions(options, ['nixosRelease'], 'toOciContainers');
  const c = validateContainer(input);
  const release = checked['nixosRelease'] === undefined ? undefined : checkRelease(checked['nixosRelease']);
  const gate = (feature: Parameters<typeof requireFeature>[1], key: string, value: unknown) => {
    if (release !== undefined) requireFeature(release, feature, [key], value);
  };
  const out: NixBindingItem[] = [bind('image', textNode(c.image))];
  const add = (key: string, value: NixExpr) => out.push(bind(key, value));
  if (c.imageFile !== undefined) add('imageFile', textNode(c.imageFile));
  if (c.imageStream !== undefined) {
    gate('imageStream', 'imageStream', c.imageStream);
    add('imageStream', textNode(c.imageStream));
  }
  if (c.cmd !== undefined) add('cmd', texts(c.cmd));
  if (c.entrypoint !== undefined) add('entrypoint', textNode(c.entrypoint));
  if (c.environment !== undefined) add('environment', textRecord(c.environment));
  if (c.environmentFiles !== undefined) {
    if (c.environmentFiles.length > 0) gate('environmentFiles', 'environmentFiles', c.environmentFiles);
    add('environmentFiles', texts(c.environmentFiles));
  }
  if (c.ports !== undefined) add('ports', texts(c.ports));
  if (c.volumes !== undefined) add('volumes', texts(c.volumes));
  if (c.user !== undefined) add('user', str(c.user));
  if (c.workdir !== undefined) add('workdir', str(c.workdir));
  if (c.labels !== undefined) {
    if (Object.keys(c.labels).length > 0) gate('labels', 'labels', c.labels);
    add('labels', textRecord(c.labels));
  }
  if (c.hostname !== undefined) {
    gate('hostname', 'hostname', c.hostname);
    add('hostname', str(c.hostname));
  }
  if (c.networks !== undefined) {
    if (c.networks.length > 0) gate('networks', 'networks', c.networks);
    add('networks', strings(c.networks));
  }
  if (c.dependsOn !== undefined) add('dependsOn', strings(c.dependsOn));
  if (c.extraOptions !== undefined) add('extraOptions', texts(c.extraOptions));
  if (c.pull !== undefined) {
    gate('pull', 'pull', c.pull);
    add('pull', str(c.pull));
  }
  if (c.logDriver !== undefined) add('log-driver', str(c.logDriver));
  if (c.autoStart !== undefined) add('autoStart', bool(c.autoStart));
  return attrs(out);
}

export interface OciContainersModuleOptions extends OciContainersOptions {
  /** The backend for every container; default: the containers' common `backend`, else `podman`. */
  backend?: ContainerBackend;
}

/**
 * The whole `virtualisation.oci-containers` value: `{ backend = "podman"; containers = { isso =
 * { … }; }; }`. The backend is always written, because NixOS's default depends on
 * `system.stateVersion`. Containers that disagree on `backend`, duplicate names and `dependsOn`
 * naming a container not in the list throw.
 */
export function toOciContainersModule(
  containers: readonly (OciContainerInput | OciContainer)[],
  options?: OciContainersModuleOptions,
): NixAttrs {
  const checked = readOptions(options, ['nixosRelease', 'backend'], 'toOciContainersModule');
  const release = checked['nixosRelease'] === undefined ? undefined : checkRelease(checked['nixosRelease']);
  const perContainer: OciContainersOptions = release === undefined ? {} : { nixosRelease: release };
  const validated = expectArray(containers, ['containers'], (container, path) => {
    try {
      return validateContainer(container);
    } catch (error) {
      if (error instanceof OciContainerError) {
        throw error.under(path);
      }
      throw error;
    }
  });
  let backend = checked['backend'] === undefined ? undefined : expectEnum(checked['backend'], ['backend'], ['podman', 'docker'] as const);
  const names = new Set<string>();
  validated.forEach((container, index) => {
    if (names.has(container.name)) throw new OciContainerError('is a duplicate container name', { path: ['containers', index, 'name'], value: container.name, accepted: 'unique names' });
    names.add(container.name);
    if (container.backend !== undefined) {
      if (backend !== undefined && backend !== container.backend) {
        throw new OciContainerError(`uses backend "${container.backend}" but the module runs "${backend}"; NixOS has one backend for all containers`, {
          path: ['containers', index, 'backend'],
          value: container.backend,
          accepted: backend,
        });
      }
      backend = container.backend;
    }
  });
  validated.forEach((container, index) =>
    (container.dependsOn ?? []).forEach((dep, depIndex) => {
      if (!names.has(dep)) throw new OciContainerError(`names "${dep}", which is not one of these containers`, { path: ['containers', index, 'dependsOn', depIndex], value: dep, accepted: [...names].join(', ') });
    }),
  );
  return attrs([
    bind('backend', str(backend ?? 'podman')),
    bind('containers', attrs(validated.map((container) => bind([container.name], toOciContainers(container, perContainer))))),
  ]);
}
