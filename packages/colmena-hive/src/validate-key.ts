import type { HiveKey } from './model.js';
import { ABSOLUTE_PATH, KEY_NAME, OCTAL_MODE, POSIX_NAME, RELATIVE_PATH, hasDotSegment } from './names.js';
import { expectArray, expectObject, expectString, fail, optional, type Path } from './shape.js';

const KEY_FIELDS = ['text', 'keyFile', 'keyCommand', 'destDir', 'user', 'group', 'permissions', 'uploadAt'] as const satisfies readonly (keyof HiveKey)[];
const SOURCES = ['text', 'keyFile', 'keyCommand'] as const;

export function absolutePath(value: unknown, path: Path): string {
  const text = expectString(value, path, ABSOLUTE_PATH, 'an absolute path of [A-Za-z0-9_.@+-] segments');
  if (hasDotSegment(text)) fail(path, value, `${JSON.stringify(text)} has a "." or ".." segment`, 'an absolute path without "." or ".." segments');
  return text;
}

/** `keyFile`: absolute, or `./`/`../` relative to the hive file. */
function keyFilePath(value: unknown, path: Path): string {
  const text = expectString(value, path, undefined, 'an absolute path or one starting with ./ or ../');
  if (text.startsWith('/')) return absolutePath(text, path);
  return expectString(text, path, RELATIVE_PATH, 'an absolute path, or a path starting with ./ or ../ of [A-Za-z0-9_.@+-] segments');
}

/** A key name as it becomes a file name and the `<name>-key.service` unit. */
export function keyName(name: string, path: Path): string {
  if (!KEY_NAME.test(name)) {
    fail(path, name, `key name ${JSON.stringify(name)} cannot be both a file name and the unit "${name}-key.service"`, 'a name of [A-Za-z0-9_.:-], not "." or ".."');
  }
  return name;
}

/**
 * One `deployment.keys.<name>`. Exactly one of `text`, `keyFile`, `keyCommand`, as Colmena's
 * assertionModule demands (zhaofengli/colmena src/nix/hive/modules.nix at
 * 00f17cb8c35b77f0725d4813148e36021eb36a32); here the mistake is caught before evaluation.
 */
export function validateKey(value: unknown, path: Path): HiveKey {
  const o = expectObject(value, path, KEY_FIELDS);
  const given = SOURCES.filter((field) => o[field] !== undefined);
  if (given.length !== 1) {
    fail(path, value, given.length === 0 ? 'needs one of text, keyFile or keyCommand' : `sets ${given.join(' and ')}; set exactly one`, 'exactly one of text, keyFile, keyCommand');
  }
  const key: HiveKey = {};
  const text = optional(o, 'text', path, (x, p) => expectString(x, p));
  if (text !== undefined) key.text = text;
  const keyFile = optional(o, 'keyFile', path, keyFilePath);
  if (keyFile !== undefined) key.keyFile = keyFile;
  const keyCommand = optional(o, 'keyCommand', path, (x, p) => {
    const argv = expectArray(x, p, (arg, q) => expectString(arg, q));
    if (argv.length === 0) fail(p, x, 'is empty', 'a non-empty argv such as ["pass", "show", "isso"]');
    if (argv[0] === '') fail([...p, 0], '', 'is an empty program name', 'a program name or path');
    return argv;
  });
  if (keyCommand !== undefined) key.keyCommand = keyCommand;
  const destDir = optional(o, 'destDir', path, absolutePath);
  if (destDir !== undefined) key.destDir = destDir;
  for (const field of ['user', 'group'] as const) {
    const name = optional(o, field, path, (x, p) => expectString(x, p, POSIX_NAME, `a ${field} name of [a-z0-9_-] starting with a letter or _`));
    if (name !== undefined) key[field] = name;
  }
  const permissions = optional(o, 'permissions', path, (x, p) => expectString(x, p, OCTAL_MODE, 'an octal mode string such as "0600" or "0640"'));
  if (permissions !== undefined) key.permissions = permissions;
  const uploadAt = optional(o, 'uploadAt', path, (x, p) => {
    if (x !== 'pre-activation' && x !== 'post-activation') fail(p, x, `must be "pre-activation" or "post-activation", got ${JSON.stringify(x)}`, '"pre-activation" or "post-activation"');
    return x;
  });
  if (uploadAt !== undefined) key.uploadAt = uploadAt;
  return key;
}
