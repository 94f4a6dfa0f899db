import { fail, readArray, readString, type FieldPath } from './read-json.js';

// Patterns for the values that end up in Nix, nginx, INI and systemd text. The renderers of the
// other packages escape what they print; these checks catch values that would escape correctly
// but mean something other than what the author meant (a path with `..`, a hash of the wrong
// shape), and say so with the field name.
export const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
export const EMAIL = /^[^\s@"'\\<>()[\],;:]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
export const SITE = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/;
export const GITHUB_NAME = /^[A-Za-z0-9_.-]+$/;
export const GIT_REV = /^[A-Za-z0-9_./+-]+$/;
export const HASH = /^(?:sha256-[A-Za-z0-9+/]{43}=|sha512-[A-Za-z0-9+/]{86}==|[0-9abcdfghijklmnpqrsvwxyz]{52}|[0-9a-f]{64})$/;
export const SRI_HASH = /^(?:sha256-[A-Za-z0-9+/]{43}=|sha512-[A-Za-z0-9+/]{86}==)$/;
export const VERSION = /^\d+\.\d+(?:\.\d+)?$/;
export const DRV_VERSION = /^[A-Za-z0-9_.+-]+$/;
export const NIX_ATTR = /^[A-Za-z_][A-Za-z0-9_'-]*$/;
// Each segment ends at "/" or the end: unambiguous, so linear (`(?:[…]+\/?)*` backtracks exponentially).
export const ABSOLUTE_PATH = /^\/(?:[A-Za-z0-9_.@+-]+(?:\/|$))*$/;
export const SIMPLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const IMAGE_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
export const BIND_ADDRESS = new RegExp(`^(?:${OCTET}(?:\\.${OCTET}){3}|\\[[0-9A-Fa-f:.]+\\])$`);
export const WSGI_APP = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*(?::[A-Za-z_][A-Za-z0-9_]*)?$/;
// Upper case only: a mixed-case "name" where a secret reference belongs is most likely the secret.
export const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
export const LOG_FORMAT_NAME = /^[A-Za-z0-9_]+$/;
/** A `.` or `..` segment anywhere in a path. */
export const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|$)/;
/** The Isso releases @nixkit/isso-config writes for: 0.12, 0.13 and 0.14, with any patch level. */
export const SUPPORTED_ISSO_VERSION = /^0\.1[234](?:\.(?:0|[1-9]\d*))?$/;
/** A commit id: the only rev whose content a fixed hash can keep matching. */
export const COMMIT = /^[0-9a-f]{40}$/;
/** A tag (`0.13.0`, `v0.13.0-rc1`, `refs/tags/0.13.0`): moved only by a force-push, unlike a branch. */
export const TAG = /^(?:refs\/tags\/)?v?\d+\.\d+(?:\.\d+)?(?:[-.]?[A-Za-z0-9]+)*$/;
/** A tag that is exactly a supported Isso release; the source's Isso version is then its number. */
export const RELEASE_TAG = /^(?:refs\/tags\/)?v?(0\.1[234](?:\.(?:0|[1-9]\d*))?)$/;
/** Text without control characters (one line). */
// eslint-disable-next-line no-control-regex
export const NO_CONTROL = /^[^\u0000-\u001f\u007f]+$/;

export const domain = (value: unknown, path: FieldPath) =>
  readString(value, path, DOMAIN, 'a DNS name such as "comments.example.org"');

export function absolutePath(value: unknown, path: FieldPath): string {
  const text = readString(value, path, ABSOLUTE_PATH, 'an absolute path of [A-Za-z0-9_.@+-] segments');
  if (DOT_SEGMENT.test(text)) {
    fail(path, value, 'an absolute path without "." or ".." segments');
  }
  return text;
}

export function noControl(value: unknown, path: FieldPath, what: string): string {
  return readString(value, path, NO_CONTROL, `${what} on one line`);
}

export const nixAttrList = (value: unknown, path: FieldPath) =>
  readArray(value, path, (item, p) => readString(item, p, NIX_ATTR, 'a python3Packages attribute name'));

