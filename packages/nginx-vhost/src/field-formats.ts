import { NginxVhostError, type FieldPath } from './errors.js';
import { readLine, readMatching } from './read-input.js';
import { checkVariables } from './variables.js';
import { isCidr, isIPv4, isIPv6 } from './ip-address.js';
import { checkTime } from './nginx-time.js';

// The shapes each kind of field accepts. They are deliberately narrower than nginx: a value
// outside them is refused with the accepted shape named, never printed into a config that
// nginx (or NixOS, which interpolates options unquoted) would read differently.

/** RFC 9110 token characters, the only ones a header field name may contain. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?';
/** `example.com`, `*.example.com`, `.example.com`, `www.example.*`, `_`, an IPv4 address. */
const HOST_NAME = new RegExp(`^(?:\\*\\.|\\.)?${LABEL}(?:\\.${LABEL})*(?:\\.\\*)?$`);

// Paths NixOS types as `types.path` are interpolated unquoted, so they must be printable bare.
const SAFE_PATH = /^\/[A-Za-z0-9._~:/@%+=,-]*$/;
const SAFE_TEMPLATE_PATH = /^\/[A-Za-z0-9._~:/@%+=,$-]*$/;

export function readHeaderName(value: unknown, path: FieldPath): string {
  return readMatching(value, path, HEADER_NAME, 'an HTTP header name (letters, digits and !#$%&\'*+.^_`|~-)');
}

export function readHostName(value: unknown, path: FieldPath): string {
  const accepted = 'a host name such as example.com, *.example.com, .example.com or www.example.* (no regex server names)';
  const text = readMatching(value, path, HOST_NAME, accepted);
  if (/^[*.]/.test(text) && text.endsWith('.*')) throw new NginxVhostError(path, text, 'a wildcard at both ends', accepted);
  if (text.length > 253) throw new NginxVhostError(path, text, 'host name longer than 253 characters', 'a DNS name of at most 253 characters');
  return text;
}

function rejectDotDot(text: string, path: FieldPath): string {
  if (/(^|\/)\.\.(\/|$)/.test(text)) throw new NginxVhostError(path, text, 'path contains a ".." segment', 'an absolute path without ".." segments');
  return text;
}

/** An absolute file path without variables (certificates, htpasswd, ACME webroot, error log). */
export function readFixedPath(value: unknown, path: FieldPath): string {
  return rejectDotDot(readMatching(value, path, SAFE_PATH, 'an absolute path of letters, digits and ._~:/@%+=,- (NixOS prints it unquoted)'), path);
}

/** An absolute path that may use variables (`root`, `alias`). */
export function readTemplatePath(value: unknown, path: FieldPath, vars: ReadonlySet<string>): string {
  const text = rejectDotDot(readMatching(value, path, SAFE_TEMPLATE_PATH, 'an absolute path of letters, digits, ._~:/@%+=,- and $variables (NixOS prints it unquoted)'), path);
  checkVariables(text, path, vars);
  return text;
}

/** Any one-line value nginx interpolates: every `$` must start a known variable. */
export function readTemplate(value: unknown, path: FieldPath, vars: ReadonlySet<string>): string {
  const text = readLine(value, path, 'a one-line string; "$" only to start a known variable');
  checkVariables(text, path, vars);
  return text;
}

const PROXY_TARGET = /^https?:\/\/(unix:\/[A-Za-z0-9._~/@%+=,-]+:|\[([0-9A-Fa-f:.]+)\]|[A-Za-z0-9.-]+|\$[A-Za-z_][A-Za-z0-9_]*)(?::([0-9]{1,5}))?(?:[/?$][^\s]*)?$/;

/** A `proxy_pass` target: `http(s)://host[:port][/uri]`, `http://unix:/path:`, or a `$variable`. */
export function readProxyTarget(value: unknown, path: FieldPath, vars: ReadonlySet<string>): string {
  const accepted = 'http://host[:port][/uri], https://…, http://unix:/socket: or a $variable';
  const text = readLine(value, path, accepted);
  const match = PROXY_TARGET.exec(text);
  const host = match?.[1] ?? '';
  const hostOk = match !== null && (host.startsWith('unix:') || host.startsWith('$') || (match[2] !== undefined ? isIPv6(match[2]) : HOST_LABELS.test(host)));
  if (!/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(text)) {
    if (!hostOk) throw new NginxVhostError(path, text, 'not a proxy target', accepted);
    if (match![3] !== undefined && (Number(match![3]) < 1 || Number(match![3]) > 65535)) throw new NginxVhostError(path, text, 'port out of range', 'a port from 1 to 65535');
  }
  checkVariables(text, path, vars);
  return text;
}

/** nginx millisecond-field times (`proxy_*_timeout`): `30s`, `5m`, `1h30m`, `500ms`, up to 24 days. */
export function readTime(value: unknown, path: FieldPath): string {
  const text = readLine(value, path, 'an nginx time such as 30s');
  checkTime(text, path, { ms: true, maxSeconds: 2 ** 31 / 1000 });
  return text;
}

/** `expires`: `off`, `epoch`, `max`, `modified <time>`, or a time that may be negative (`-1`, `30d`). */
export function readExpires(value: unknown, path: FieldPath): string {
  const text = readLine(value, path, 'off, epoch, max, modified 1h, 30d or -1');
  if (text === 'off' || text === 'epoch' || text === 'max') return text;
  const time = text.replace(/^modified |^@|^-/, '');
  checkTime(time, path, { ms: false, maxSeconds: 2 ** 31 - 1 });
  return text;
}

/** nginx sizes: `10m`, `512k`, `1g`, `0` (at most nine digits, so nginx cannot overflow). */
export function readSize(value: unknown, path: FieldPath): string {
  return readMatching(value, path, /^[0-9]{1,9}[kKmMgG]?$/, 'an nginx size such as 0, 512k, 10m or 1g (at most nine digits)');
}

/** `allow`/`deny` operands: `all`, `unix:`, an IPv4 or IPv6 address or CIDR range. */
export function readAccessAddress(value: unknown, path: FieldPath): string {
  const text = readLine(value, path, 'all, unix: or an address');
  if (text === 'all' || text === 'unix:' || isCidr(text)) return text;
  throw new NginxVhostError(path, text, 'not an address or range', 'all, unix:, an IPv4/IPv6 address or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32');
}

const HOST_LABELS = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const UNIX_SOCKET = /^unix:\/[A-Za-z0-9._~/@%+=,-]+$/;

/** A `listen` address: IPv4, bracketed IPv6, `*`, a host name or `unix:/path`. */
export function readListenAddress(value: unknown, path: FieldPath): string {
  const text = readLine(value, path, 'a listen address');
  const ok = text === '*' || isIPv4(text) || (text.startsWith('[') && text.endsWith(']') && isIPv6(text.slice(1, -1)))
    || (HOST_LABELS.test(text) && text.length <= 253) || UNIX_SOCKET.test(text);
  if (!ok) throw new NginxVhostError(path, text, 'not a listen address', 'an IPv4 address, an IPv6 address in brackets ([::1]), *, a host name or unix:/path');
  return text;
}

/** A variable name without its `$`. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
