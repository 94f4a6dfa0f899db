// What a name may look like where it reaches ssh, a shell script or a systemd unit name. Colmena
// declares most of these as `types.str` (zhaofengli/colmena src/nix/hive/options.nix at
// 07499a1eaf7ebd96c528cbc7558111d0ca632bfc) and splices them into commands unescaped, e.g.
// `chown ${key.user}:${key.group} "${keyPath}"` in keyChownModule (src/nix/hive/modules.nix at
// 00f17cb8c35b77f0725d4813148e36021eb36a32), so the checks here are stricter than the types.

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';

/** A node name: a host name (labels joined by dots). No glob characters, so `--on` can select it. */
export const NODE_NAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);

/** Names eval.nix reserves for the hive's own attributes (`reservedNames`). */
export const RESERVED_NODE_NAMES: readonly string[] = ['defaults', 'network', 'meta'];

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** An ssh target: a DNS name, an IPv4 address or a bare IPv6 address. Never starts with `-`. */
export const TARGET_HOST = new RegExp(`^(?:(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*\\.?|${OCTET}(?:\\.${OCTET}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9_.-]+)?)$`);

/** A POSIX user or group name as shadow-utils accepts it by default (no trailing `$`). */
export const POSIX_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

/**
 * A tag: selectable with `--on @tag`, so no `,` (the list separator), glob characters,
 * whitespace or `@`.
 */
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.:+-]{0,127}$/;

/**
 * A key name: it is the file name under destDir and the unit `<name>-key.service`, so only the
 * characters systemd unit names allow, minus `@` (which would make it a template instance) and
 * `\\`; not `.` or `..`.
 */
export const KEY_NAME = /^(?!\.{1,2}$)[A-Za-z0-9_.:-]{1,200}$/;

// Each segment ends at a "/" or the end, so a match is unambiguous and the regexes run in linear
// time (`(?:[…]+\/?)*` backtracks exponentially on a long path with a bad last character).

/** An absolute path of plain segments: no shell or Nix metacharacters, no `.`/`..` segments. */
export const ABSOLUTE_PATH = /^\/(?:[A-Za-z0-9_.@+-]+(?:\/|$))*$/;

/** A path relative to hive.nix, written as a Nix path literal. */
export const RELATIVE_PATH = /^\.{1,2}\/(?:[A-Za-z0-9_.@+-]+\/)*[A-Za-z0-9_.@+-]+$/;

/** An octal mode string such as `0600` or `640`. */
export const OCTAL_MODE = /^0?[0-7]{3}$|^[0-7]{4}$/;

export function hasDotSegment(path: string): boolean {
  return path.split('/').some((segment) => segment === '.' || segment === '..');
}
