import type { Directive, DirectiveKind } from './types.js';
import { NginxVhostError, type FieldPath } from './errors.js';
import { isPlainObject, readArray, readBool, readLine, readMatching, readObject } from './read-input.js';
import {
  readAccessAddress, readExpires, readFixedPath, readHeaderName, readSize, readTemplate, readTime, VARIABLE_NAME,
} from './field-formats.js';
import { checkVariables, isKnownVariable } from './variables.js';
import { checkRegex } from './location-name.js';
import { directive, keywordDirective, type Statement } from './statement.js';

type Vars = ReadonlySet<string>;
type Reader = (value: unknown, path: FieldPath, vars: Vars) => unknown;

interface Spec {
  required: Readonly<Record<string, Reader>>;
  optional: Readonly<Record<string, Reader>>;
  /** The statement; `at` is the directive's path, for naming fields in errors. */
  render(d: never, at: FieldPath): Statement;
}

const IGNORABLE = ['X-Accel-Redirect', 'X-Accel-Expires', 'X-Accel-Limit-Rate', 'X-Accel-Buffering', 'X-Accel-Charset', 'Expires', 'Cache-Control', 'Set-Cookie', 'Vary'];
const LOG_LEVELS = ['debug', 'info', 'notice', 'warn', 'error', 'crit', 'alert', 'emerg'];
const REWRITE_FLAGS = ['last', 'break', 'redirect', 'permanent'];

function oneOf(options: readonly string[]): Reader {
  return (value, path) => {
    if (typeof value !== 'string' || !options.includes(value)) throw new NginxVhostError(path, value, 'not an accepted value', options.join(', '));
    return value;
  };
}

const header: Reader = (value, path) => readHeaderName(value, path);
const template: Reader = readTemplate;
const nonEmptyTemplate: Reader = (value, path, vars) => {
  const text = readTemplate(value, path, vars);
  if (text === '') throw new NginxVhostError(path, text, 'empty value (nginx -t: empty replacement)', 'a non-empty string');
  return text;
};
const bool: Reader = (value, path) => readBool(value, path);
const time: Reader = (value, path) => readTime(value, path);
const onOff = (on: boolean) => (on ? 'on' : 'off');
const at = (path: FieldPath, key: string) => [...path, key];

function spec<K extends DirectiveKind>(
  required: Spec['required'],
  optional: Spec['optional'],
  render: (d: Extract<Directive, { kind: K }>, path: FieldPath) => Statement,
): Spec {
  return { required, optional, render: render as Spec['render'] };
}

const timeout = spec<'proxy_read_timeout' | 'proxy_send_timeout' | 'proxy_connect_timeout'>({ time }, {}, (d, p) => directive(d.kind, { text: d.time, path: at(p, 'time') }));
const buffering = spec<'proxy_buffering' | 'proxy_request_buffering'>({ on: bool }, {}, (d) => keywordDirective(d.kind, onOff(d.on)));
const access = spec<'allow' | 'deny'>({ address: (v, p) => readAccessAddress(v, p) }, {}, (d, p) => directive(d.kind, { text: d.address, path: at(p, 'address') }));

/** Field readers and the renderer of every directive kind; the one place a kind is defined. */
export const DIRECTIVE_SPECS: Readonly<Record<DirectiveKind, Spec>> = {
  proxy_set_header: spec<'proxy_set_header'>({ name: header, value: template }, {}, (d, p) =>
    directive('proxy_set_header', { text: d.name, path: at(p, 'name') }, { text: d.value, path: at(p, 'value') })),
  proxy_hide_header: spec<'proxy_hide_header'>({ name: header }, {}, (d, p) => directive(d.kind, { text: d.name, path: at(p, 'name') })),
  proxy_pass_header: spec<'proxy_pass_header'>({ name: header }, {}, (d, p) => directive(d.kind, { text: d.name, path: at(p, 'name') })),
  proxy_ignore_headers: spec<'proxy_ignore_headers'>({
    headers: (value, path) => {
      const items = readArray(value, path, `a non-empty array of ${IGNORABLE.join(', ')}`);
      if (items.length === 0) throw new NginxVhostError(path, value, 'empty list', `one or more of ${IGNORABLE.join(', ')}`);
      return items.map((item, i) => oneOf(IGNORABLE)(item, [...path, i], new Set()));
    },
  }, {}, (d) => ({ kind: 'directive', name: d.kind, args: [...d.headers] })),
  add_header: spec<'add_header'>({ name: header, value: template }, { always: bool }, (d, p) => {
    const line = directive('add_header', { text: d.name, path: at(p, 'name') }, { text: d.value, path: at(p, 'value') });
    return d.always ? { ...line, args: [...line.args, 'always'] } : line;
  }),
  access_log: spec<'access_log'>({
    path: (value, path, vars) => (value === null ? null : readAccessLogPath(value, path, vars)),
  }, {
    format: (value, path) => readMatching(value, path, /^[A-Za-z0-9_]+$/, 'a log_format name (letters, digits, _)'),
  }, (d, p) => {
    if (d.path === null) return keywordDirective('access_log', 'off');
    const args = [{ text: d.path, path: at(p, 'path') }];
    if (d.format !== undefined) args.push({ text: d.format, path: at(p, 'format') });
    return directive('access_log', ...args);
  }),
  error_log: spec<'error_log'>({ path: (v, p) => readFixedPath(v, p) }, { level: oneOf(LOG_LEVELS) }, (d, p) =>
    directive('error_log', { text: d.path, path: at(p, 'path') }, ...(d.level ? [{ text: d.level, path: at(p, 'level') }] : []))),
  client_max_body_size: spec<'client_max_body_size'>({ size: (v, p) => readSize(v, p) }, {}, (d, p) => directive(d.kind, { text: d.size, path: at(p, 'size') })),
  proxy_read_timeout: timeout,
  proxy_send_timeout: timeout,
  proxy_connect_timeout: timeout,
  proxy_buffering: buffering,
  proxy_request_buffering: buffering,
  proxy_http_version: spec<'proxy_http_version'>({ version: oneOf(['1.0', '1.1']) }, {}, (d) => keywordDirective(d.kind, d.version)),
  allow: access,
  deny: access,
  rewrite: spec<'rewrite'>({ regex: (v, p) => readRegex(v, p), replacement: nonEmptyTemplate }, { flag: oneOf(REWRITE_FLAGS) }, (d, p) =>
    directive('rewrite', { text: d.regex, path: at(p, 'regex') }, { text: d.replacement, path: at(p, 'replacement') }, ...(d.flag ? [{ text: d.flag, path: at(p, 'flag') }] : []))),
  expires: spec<'expires'>({ time: (v, p) => readExpires(v, p) }, {}, (d, p) =>
    directive('expires', ...d.time.split(' ').map((text) => ({ text, path: at(p, 'time') })))),
  set: spec<'set'>({ variable: readSettableName, value: template }, {}, (d, p) =>
    directive('set', { text: `$${d.variable}`, path: at(p, 'variable') }, { text: d.value, path: at(p, 'value') })),
};

function readAccessLogPath(value: unknown, path: FieldPath, vars: Vars): string {
  const text = readMatching(value, path, /^\/[A-Za-z0-9._~:/@%+=,$-]*$/, 'an absolute path (may use $variables), or null for "access_log off"');
  checkVariables(text, path, vars);
  return text;
}

function readRegex(value: unknown, path: FieldPath): string {
  const text = readLine(value, path, 'a regular expression');
  checkRegex(text, path);
  return text;
}

// nginx's own variables cannot be redefined by `set` (nginx -t: the duplicate "host" variable),
// except the two it declares changeable.
function readSettableName(value: unknown, path: FieldPath): string {
  const name = readMatching(value, path, VARIABLE_NAME, 'a variable name without "$" (letters, digits, _)');
  if (isKnownVariable(name, new Set()) && name !== 'args' && name !== 'limit_rate') {
    throw new NginxVhostError(path, name, `"$${name}" is an nginx variable and cannot be set`, 'a new variable name, or args / limit_rate');
  }
  return name;
}

/** Checks one directive from untrusted input and returns it as a typed `Directive`. */
export function validateDirective(value: unknown, path: FieldPath, vars: Vars): Directive {
  const kinds = Object.keys(DIRECTIVE_SPECS);
  const kind = isPlainObject(value) ? value.kind : undefined;
  if (typeof kind !== 'string' || !kinds.includes(kind)) {
    if (!isPlainObject(value)) throw new NginxVhostError(path, value, 'expected a directive object', `an object with "kind": one of ${kinds.join(', ')}`);
    throw new NginxVhostError([...path, 'kind'], kind, 'unknown directive kind', `one of ${kinds.join(', ')}`);
  }
  const s = DIRECTIVE_SPECS[kind as DirectiveKind];
  const input = readObject(value, path, ['kind', ...Object.keys(s.required), ...Object.keys(s.optional)], `directive "${kind}"`);
  const out: Record<string, unknown> = { kind };
  for (const [key, read] of Object.entries(s.required)) {
    if (!(key in input)) throw new NginxVhostError([...path, key], undefined, `directive "${kind}" needs "${key}"`, `a "${key}" field`);
    out[key] = read(input[key], [...path, key], vars);
  }
  for (const [key, read] of Object.entries(s.optional)) {
    if (input[key] !== undefined) out[key] = read(input[key], [...path, key], vars);
  }
  return out as Directive;
}

/** The nginx statement of a validated directive; `path` names it in quoting errors. */
export function directiveStatement(d: Directive, path: FieldPath): Statement {
  return DIRECTIVE_SPECS[d.kind].render(d as never, path);
}
