import type { ResolvedDeployment, SecretRefs } from './deployment.js';
import { ARTICLE_GUNICORN } from './defaults.js';
import { IssoDeploymentError } from './errors.js';
import { fail, optional, readArray, readBoolean, readEnum, readInteger, readObject, readString, type FieldPath } from './read-json.js';
import { readSecretName, readSecretObject } from './secret-names.js';
import { BIND_ADDRESS, LOG_FORMAT_NAME, SIMPLE_NAME, WSGI_APP, absolutePath, domain, noControl } from './read-values.js';

// Readers for how Isso runs and is reached: gunicorn, nginx, and the secrets' references.

/** `gunicorn`: the command line serving Isso. */
export function readGunicorn(value: unknown, path: FieldPath): ResolvedDeployment['gunicorn'] {
  const o = readObject(value, path, Object.keys(ARTICLE_GUNICORN));
  const d = ARTICLE_GUNICORN;
  return {
    name: optional(o, 'name', path, (x, p) => readString(x, p, SIMPLE_NAME, 'a process name of [A-Za-z0-9_.-]'), d.name),
    workers: optional(o, 'workers', path, (x, p) => readInteger(x, p, 1, 1024), d.workers),
    workerClass: optional(o, 'workerClass', path, (x, p) => readEnum(x, p, ['sync', 'gevent', 'eventlet', 'gthread', 'tornado'] as const), d.workerClass),
    bindAddress: optional(o, 'bindAddress', path, (x, p) => readString(x, p, BIND_ADDRESS, 'an IPv4 address or a bracketed IPv6 address'), d.bindAddress),
    preload: optional(o, 'preload', path, readBoolean, d.preload),
    workerTmpDir: optional(o, 'workerTmpDir', path, (x, p) => (x === null ? null : absolutePath(x, p)), d.workerTmpDir),
    app: optional(o, 'app', path, (x, p) => readString(x, p, WSGI_APP, 'a WSGI module such as "isso.run"'), d.app),
  };
}

/** `nginx`: the virtual host, its log and its log formats. */
export function readNginx(value: unknown, path: FieldPath, defaults: ResolvedDeployment['nginx']): ResolvedDeployment['nginx'] {
  const o = readObject(value, path, Object.keys(defaults));
  const accessLog = (x: unknown, p: FieldPath) => {
    if (x === null) return null;
    const a = readObject(x, p, ['path', 'format']);
    return {
      path: absolutePath(a.path, [...p, 'path']),
      format: readString(a.format, [...p, 'format'], LOG_FORMAT_NAME, 'a log_format name of [A-Za-z0-9_]'),
    };
  };
  const logFormats = (x: unknown, p: FieldPath) => {
    const record = readObject(x, p, Object.keys(x ?? {}));
    // Entries, not assignments: a format named "__proto__" must stay an ordinary key.
    const out: [string, string][] = [];
    for (const [name, text] of Object.entries(record)) {
      if (!LOG_FORMAT_NAME.test(name) || name === 'combined') fail([...p, name], name, 'a log_format name of [A-Za-z0-9_] other than nginx\'s built-in "combined"');
      out.push([name, noControl(text, [...p, name], 'a log_format definition')]);
    }
    return Object.fromEntries(out);
  };
  const resolved = {
    aliases: optional(o, 'aliases', path, (x, p) => readArray(x, p, domain), defaults.aliases),
    root: optional(o, 'root', path, (x, p) => (x === null ? null : absolutePath(x, p)), defaults.root),
    version: optional(o, 'version', path, (x, p) => readString(x, p, /^\d+\.\d+(?:\.\d+)?$/, 'an nginx version such as "1.24.0"'), defaults.version),
    accessLog: optional(o, 'accessLog', path, accessLog, defaults.accessLog),
    logFormats: { ...defaults.logFormats, ...optional(o, 'logFormats', path, logFormats, {}) },
    hideCookies: optional(o, 'hideCookies', path, readBoolean, defaults.hideCookies),
  };
  const format = resolved.accessLog?.format;
  if (format !== undefined && format !== 'combined' && !Object.hasOwn(resolved.logFormats, format)) {
    throw new IssoDeploymentError(
      `log format "${format}" is not defined; add it to nginx.logFormats or use "combined"`,
      { path: [...path, 'accessLog', 'format'], value: format },
    );
  }
  return resolved;
}

/** The description fields of `secrets` that name a variable, and the Isso setting each fills. */
export const SECRET_REFS = {
  smtpPassword: ['smtp', 'password'],
  adminPassword: ['admin', 'password'],
  smtpUsername: ['smtp', 'username'],
  hashSalt: ['hash', 'salt'],
} as const satisfies Record<Exclude<keyof SecretRefs, 'environmentFile'>, readonly [string, string]>;

/**
 * `secrets`: an environment file outside the store and the names of its variables. Nothing here
 * is ever repeated in an error: a misplaced value may be the secret itself.
 */
export function readSecrets(value: unknown, path: FieldPath): SecretRefs {
  const o = readSecretObject(value, path, ['environmentFile', ...Object.keys(SECRET_REFS)]);
  const file = absolutePath(o.environmentFile, [...path, 'environmentFile']);
  if (file.startsWith('/nix/store/')) {
    fail([...path, 'environmentFile'], file, 'a path outside /nix/store (the store is world-readable), such as /run/secrets/isso.env');
  }
  const refs: SecretRefs = { environmentFile: file };
  for (const key of Object.keys(SECRET_REFS) as (keyof typeof SECRET_REFS)[]) {
    if (o[key] !== undefined) refs[key] = readSecretName(o[key], [...path, key]);
  }
  return refs;
}
