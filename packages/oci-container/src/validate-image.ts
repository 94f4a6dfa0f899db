import { durationToNanoseconds } from './duration.js';
import type { ImageBuilder, OciHealthcheck, OciImage, OciImageConfig } from './model.js';
import { ENV_NAME, LABEL_KEY, SIGNAL, USER } from './names.js';
import { literalText, type NixText } from './nix-text.js';
import {
  expectArray,
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

const IMAGE_KEYS = ['name', 'tag', 'builder', 'copyToRoot', 'extraCommands', 'fromImage', 'config'] as const;
const CONFIG_KEYS = [
  'Cmd', 'Entrypoint', 'Env', 'ExposedPorts', 'Volumes', 'WorkingDir', 'User', 'Labels', 'StopSignal', 'Healthcheck',
] as const;
const HEALTH_KEYS = ['Test', 'Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const;
export const IMAGE_BUILDERS: readonly ImageBuilder[] = ['buildImage', 'buildLayeredImage', 'streamLayeredImage'];

const textList = (v: unknown, p: Path) => expectArray(v, p, expectText);

/** `K=V` entries: the name part must be a valid env name whenever it is literal. */
function envEntry(value: unknown, path: Path): NixText {
  const text = expectText(value, path);
  const head = typeof text === 'string' ? text : text.kind === 'string' && typeof text.parts[0] === 'string' ? text.parts[0] : undefined;
  if (head === undefined) return text;
  const eq = head.indexOf('=');
  const complete = literalText(text) !== undefined;
  if (eq === -1 && complete) fail(path, text, 'must be a "NAME=value" string', 'NAME=value');
  const name = eq === -1 ? undefined : head.slice(0, eq);
  if (name !== undefined && !ENV_NAME.test(name)) fail(path, text, `"${name}" is not a valid environment variable name`, 'NAME=value with NAME matching [A-Za-z_][A-Za-z0-9_]*');
  return text;
}

function exposedPort(value: unknown, path: Path): string {
  const text = expectString(value, path);
  const match = /^([0-9]{1,5})(?:\/(tcp|udp|sctp))?$/.exec(text);
  const port = match === null ? 0 : Number(match[1]);
  if (port < 1 || port > 65535) fail(path, text, 'is not an exposed port', '"8080", "8080/tcp", "53/udp" or "…/sctp"');
  return text;
}

function absolutePath(value: unknown, path: Path): string {
  const text = expectString(value, path);
  if (!text.startsWith('/') || /[\u0000-\u001f]/.test(text)) fail(path, text, 'must be an absolute path without control characters', 'an absolute path');
  return text;
}

function duration(value: unknown, path: Path): number {
  const ns = typeof value === 'number' || typeof value === 'string' ? durationToNanoseconds(value) : undefined;
  if (ns === undefined) fail(path, value, 'is not a duration', 'integer nanoseconds or text like "30s", "1m30s", "500ms"');
  return ns;
}

function healthcheck(value: unknown, path: Path): OciHealthcheck {
  const record = expectObject(value, path, HEALTH_KEYS);
  const test = textList(record['Test'], [...path, 'Test']);
  const kind = test[0] === undefined ? undefined : literalText(test[0]);
  if (!(kind === 'NONE' && test.length === 1) && !(kind === 'CMD' && test.length >= 2) && !(kind === 'CMD-SHELL' && test.length === 2)) {
    fail([...path, 'Test'], test, 'is not a healthcheck test', '["NONE"], ["CMD", exe, …args] or ["CMD-SHELL", command]');
  }
  const out: OciHealthcheck = { Test: test };
  for (const key of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval'] as const) {
    const ns = optional(record, key, path, duration);
    if (ns !== undefined) out[key] = ns;
  }
  const retries = record['Retries'];
  if (retries !== undefined) {
    if (typeof retries !== 'number' || !Number.isSafeInteger(retries) || retries < 0) fail([...path, 'Retries'], retries, 'must be a non-negative integer', 'an integer ≥ 0');
    out.Retries = retries;
  }
  return out;
}

function config(value: unknown, path: Path): OciImageConfig {
  const record = expectObject(value, path, CONFIG_KEYS);
  const out: OciImageConfig = {};
  const set = <K extends keyof OciImageConfig>(key: K, check: (value: unknown, path: Path) => OciImageConfig[K]) => {
    const result = optional(record, key, path, check);
    if (result !== undefined) out[key] = result;
  };
  set('Cmd', textList);
  set('Entrypoint', textList);
  set('Env', (v, p) =>
    Array.isArray(v)
      ? expectArray(v, p, envEntry)
      : expectRecord(v, p, expectText, (name, keyPath) => {
          if (!ENV_NAME.test(name)) fail(keyPath, name, 'is not a valid environment variable name', 'a name matching [A-Za-z_][A-Za-z0-9_]*');
        }),
  );
  set('ExposedPorts', (v, p) => expectArray(v, p, exposedPort));
  set('Volumes', (v, p) => expectArray(v, p, absolutePath));
  set('WorkingDir', absolutePath);
  set('User', (v, p) => {
    const text = expectString(v, p);
    if (!USER.test(text)) fail(p, text, 'is not a valid user', 'user, uid, user:group or uid:gid');
    return text;
  });
  set('Labels', (v, p) =>
    expectRecord(v, p, expectText, (name, keyPath) => {
      if (!LABEL_KEY.test(name)) fail(keyPath, name, 'is not a valid label key', 'a non-empty key without "=" or control characters');
    }),
  );
  set('StopSignal', (v, p) => {
    const text = expectString(v, p);
    if (!SIGNAL.test(text)) fail(p, text, 'is not a signal', 'SIGTERM, SIGRTMIN+3, or a number');
    return text;
  });
  set('Healthcheck', healthcheck);
  return out;
}

/**
 * Checks an image description from any source and returns it typed. Unknown fields, wrong types,
 * bad env entries, ports, paths, signals and durations (normalised to nanoseconds) throw
 * `OciContainerError` naming the field; a secret marker anywhere is refused (an image lives in the
 * world-readable store).
 */
export function validateImage(input: unknown): OciImage {
  return withNixWalkCache(() => validateImageFields(input));
}

function validateImageFields(input: unknown): OciImage {
  const record = expectObject(input, [], IMAGE_KEYS);
  const out: OciImage = { name: expectText(record['name'], ['name']) };
  const name = literalText(out.name);
  if (name !== undefined && !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(name)) {
    fail(['name'], name, 'is not a valid image name', 'lowercase [a-z0-9] components separated by "/", joined by ".", "_", "__" or "-"');
  }
  const set = <K extends keyof OciImage>(key: K, check: (value: unknown, path: Path) => OciImage[K]) => {
    const result = optional(record, key, [], check);
    if (result !== undefined) out[key] = result;
  };
  set('tag', (v, p) => {
    const text = expectText(v, p);
    const literal = literalText(text);
    if (literal !== undefined && !/^[\w][\w.-]{0,127}$/.test(literal)) fail(p, literal, 'is not a valid tag', '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}');
    return text;
  });
  set('builder', (v, p) => expectEnum(v, p, IMAGE_BUILDERS));
  set('copyToRoot', textList);
  set('extraCommands', expectText);
  set('fromImage', expectText);
  set('config', config);
  return out;
}
