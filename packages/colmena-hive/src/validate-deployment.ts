import type { HiveDeployment, HiveKey } from './model.js';
import { POSIX_NAME, TAG, TARGET_HOST } from './names.js';
import { expectArray, expectBoolean, expectInteger, expectObject, expectString, fail, nullable, optional, type Path } from './shape.js';
import { keyName, validateKey } from './validate-key.js';

export const DEPLOYMENT_FIELDS = [
  'targetHost', 'targetPort', 'targetUser', 'tags', 'keys', 'buildOnTarget', 'allowLocalDeployment',
  'replaceUnknownProfiles', 'privilegeEscalationCommand',
] as const satisfies readonly (keyof HiveDeployment)[];

/**
 * Checks one node's `deployment` options (plain JS or parsed JSON) and returns them typed.
 * Throws `ColmenaHiveError` naming the path (under `path`) for an unknown field, a wrong type,
 * a target host ssh could mistake for an option, a tag `--on` could not select, or a bad key.
 */
export function validateDeployment(value: unknown, path: Path = []): HiveDeployment {
  const o = expectObject(value, path, DEPLOYMENT_FIELDS);
  const out: HiveDeployment = {};
  const targetHost = optional(o, 'targetHost', path, nullable((x, p) => expectString(x, p, TARGET_HOST, 'a host name, an IPv4 address or an IPv6 address')));
  if (targetHost !== undefined) out.targetHost = targetHost;
  const targetPort = optional(o, 'targetPort', path, nullable((x, p) => expectInteger(x, p, 1, 65535)));
  if (targetPort !== undefined) out.targetPort = targetPort;
  const targetUser = optional(o, 'targetUser', path, nullable((x, p) => expectString(x, p, POSIX_NAME, 'a user name of [a-z0-9_-] starting with a letter or _')));
  if (targetUser !== undefined) out.targetUser = targetUser;
  const tags = optional(o, 'tags', path, (x, p) => {
    const list = expectArray(x, p, (t, q) => expectString(t, q, TAG, 'a tag of [A-Za-z0-9_.:+-] (no commas, globs or spaces, so --on @tag selects it)'));
    const seen = new Set<string>();
    list.forEach((tag, i) => {
      if (seen.has(tag)) fail([...p, i], tag, `tag ${JSON.stringify(tag)} is listed twice`, 'distinct tags');
      seen.add(tag);
    });
    return list;
  });
  if (tags !== undefined) out.tags = tags;
  const keys = optional(o, 'keys', path, (x, p) => {
    const record = expectObject(x, p, null);
    const entries: [string, HiveKey][] = [];
    for (const [name, key] of Object.entries(record)) entries.push([keyName(name, [...p, name]), validateKey(key, [...p, name])]);
    return Object.fromEntries(entries) as Record<string, HiveKey>;
  });
  if (keys !== undefined) out.keys = keys;
  for (const field of ['buildOnTarget', 'allowLocalDeployment', 'replaceUnknownProfiles'] as const) {
    const flag = optional(o, field, path, expectBoolean);
    if (flag !== undefined) out[field] = flag;
  }
  const escalation = optional(o, 'privilegeEscalationCommand', path, (x, p) => expectArray(x, p, (arg, q) => expectString(arg, q)));
  if (escalation !== undefined) out.privilegeEscalationCommand = escalation;
  return out;
}
