import { isNixExpr } from '@nixkit/nix-expr';
import { checkEnvFile, checkImage, checkPort, checkText, checkVolume } from './field-checks.js';
import type { OciContainer } from './model.js';
import { CONTAINER_NAME, ENV_NAME, HOSTNAME, LABEL_KEY, LOG_DRIVER, NETWORK, USER } from './names.js';
import type { NixText } from './nix-text.js';
import { checkPortSpec, formatCheckedPortSpec, PORT_SPEC_KEYS, type PortSpec } from './port-spec.js';
import {
  expectArray,
  expectBoolean,
  expectEnum,
  expectObject,
  expectRecord,
  expectString,
  expectText,
  fail,
  optional,
  withNixWalkCache,
  type Path,
} from './shape.js';
import { checkVolumeSpec, formatCheckedVolumeSpec, type VolumeSpec } from './volume-spec.js';

const CONTAINER_KEYS = [
  'name', 'backend', 'image', 'imageFile', 'imageStream', 'cmd', 'entrypoint', 'environment', 'environmentFiles',
  'ports', 'volumes', 'user', 'workdir', 'labels', 'networks', 'hostname', 'dependsOn', 'autoStart', 'extraOptions',
  'pull', 'logDriver',
] as const;

function matching(pattern: RegExp, what: string) {
  return (value: unknown, path: Path): string => {
    const text = expectString(value, path);
    if (!pattern.test(text)) fail(path, text, `is not a valid ${what}`, `${what} matching ${pattern.source}`);
    return text;
  };
}

const containerName = matching(CONTAINER_NAME, 'container name');

function portEntry(value: unknown, path: Path): NixText {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isNixExpr(value)) {
    const record = expectObject(value, path, PORT_SPEC_KEYS);
    if (record['hostIp'] !== undefined) expectString(record['hostIp'], [...path, 'hostIp']);
    const problem = checkPortSpec(record as unknown as PortSpec);
    if (problem !== undefined) fail(path, value, `invalid port spec: ${problem}`, '{ containerPort, hostPort?, hostIp?, protocol?, …End? }');
    return formatCheckedPortSpec(record as unknown as PortSpec);
  }
  const text = expectText(value, path);
  checkText(text, path, checkPort);
  return text;
}

function volumeEntry(value: unknown, path: Path): NixText {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isNixExpr(value)) {
    const record = expectObject(value, path, ['source', 'target', 'options']);
    const spec: VolumeSpec = { target: expectString(record['target'], [...path, 'target']) };
    const source = optional(record, 'source', path, expectString);
    if (source !== undefined) spec.source = source;
    const options = optional(record, 'options', path, (v, p) => expectArray(v, p, expectString));
    if (options !== undefined) spec.options = options;
    const problem = checkVolumeSpec(spec);
    if (problem !== undefined) fail(path, value, `invalid volume spec: ${problem}`, '{ source?, target, options? }');
    return formatCheckedVolumeSpec(spec);
  }
  const text = expectText(value, path);
  checkText(text, path, checkVolume);
  return text;
}

function workdir(value: unknown, path: Path): string {
  const text = expectString(value, path);
  if (!text.startsWith('/') || /[\u0000-\u001f]/.test(text)) fail(path, text, 'must be an absolute path without control characters', 'an absolute path');
  return text;
}

/**
 * Checks a container description from any source (TypeScript, plain JS, JSON) and returns it
 * normalised: structured ports and volumes become their canonical text. Unknown fields, wrong
 * types, malformed ports/volumes/images/env names and inline secrets throw `OciContainerError`
 * naming the field.
 */
export function validateContainer(input: unknown): OciContainer {
  return withNixWalkCache(() => validateContainerFields(input));
}

function validateContainerFields(input: unknown): OciContainer {
  const path: Path = [];
  const record = expectObject(input, path, CONTAINER_KEYS);
  const out: OciContainer = {
    name: containerName(record['name'], ['name']),
    image: expectText(record['image'], ['image']),
  };
  checkText(out.image, ['image'], checkImage);
  const set = <K extends keyof OciContainer>(key: K, check: (value: unknown, path: Path) => OciContainer[K]) => {
    const value = optional(record, key, path, check);
    if (value !== undefined) out[key] = value;
  };
  set('backend', (v, p) => expectEnum(v, p, ['podman', 'docker'] as const));
  set('imageFile', expectText);
  set('imageStream', expectText);
  if (out.imageFile !== undefined && out.imageStream !== undefined) {
    fail(['imageStream'], out.imageStream, 'cannot be set together with imageFile (NixOS asserts they are exclusive)', 'either imageFile or imageStream');
  }
  set('cmd', (v, p) => expectArray(v, p, expectText));
  set('entrypoint', expectText);
  set('environment', (v, p) =>
    expectRecord(v, p, expectText, (name, keyPath) => {
      if (!ENV_NAME.test(name)) fail(keyPath, name, 'is not a valid environment variable name', 'a name matching [A-Za-z_][A-Za-z0-9_]*');
    }),
  );
  set('environmentFiles', (v, p) =>
    expectArray(v, p, (item, itemPath) => {
      const text = expectText(item, itemPath);
      checkText(text, itemPath, checkEnvFile, true);
      return text;
    }),
  );
  set('ports', (v, p) => expectArray(v, p, portEntry));
  set('volumes', (v, p) => expectArray(v, p, volumeEntry));
  set('user', matching(USER, 'user (name, uid, name:group or uid:gid)'));
  set('workdir', workdir);
  set('labels', (v, p) =>
    expectRecord(v, p, expectText, (name, keyPath) => {
      if (!LABEL_KEY.test(name)) fail(keyPath, name, 'is not a valid label key', 'a non-empty key without "=" or control characters');
    }),
  );
  set('networks', (v, p) => expectArray(v, p, matching(NETWORK, 'network name or mode')));
  set('hostname', matching(HOSTNAME, 'host name (RFC 1123)'));
  set('dependsOn', (v, p) => expectArray(v, p, containerName));
  set('autoStart', expectBoolean);
  set('extraOptions', (v, p) => expectArray(v, p, expectText));
  set('pull', (v, p) => expectEnum(v, p, ['always', 'missing', 'never', 'newer'] as const));
  set('logDriver', matching(LOG_DRIVER, 'log driver name'));
  if (out.dependsOn?.includes(out.name)) fail(['dependsOn'], out.name, 'a container cannot depend on itself', 'names of other containers');
  return out;
}

