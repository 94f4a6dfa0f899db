import { addCost } from './cost-meter.js';
import type { CheckedLocation, Directive, DirectiveKind, Return } from './types.js';
import { NginxVhostError, type FieldPath } from './errors.js';
import { readArray, readBool, readInt, readObject, readString, type Input } from './read-input.js';
import { readFixedPath, readProxyTarget, readTemplate, readTemplatePath } from './field-formats.js';
import { validateDirective } from './directive-spec.js';
import { MAX_ENTRIES, MAX_RAW_CONFIG_CHARS } from './limits.js';

type Vars = ReadonlySet<string>;

/** Option names of a location, as NixOS spells them. */
export const LOCATION_OPTIONS = [
  'priority', 'proxyPass', 'proxyWebsockets', 'recommendedProxySettings', 'index', 'tryFiles',
  'root', 'alias', 'return', 'basicAuthFile', 'directives', 'extraConfig',
] as const;

/** Trusted raw text: anything but NUL, which neither Nix nor nginx can carry. */
export function readRawConfig(value: unknown, path: FieldPath): string {
  const text = readString(value, path, 'a string of raw nginx directives');
  if (text.length > MAX_RAW_CONFIG_CHARS) throw new NginxVhostError(path, text, `raw config of ${text.length} characters`, `at most ${MAX_RAW_CONFIG_CHARS} characters`);
  if (text.includes('\0')) throw new NginxVhostError(path, text, 'NUL character in raw config', 'text without NUL characters');
  return text;
}

// NixOS's string form of an argument list, split on spaces and tabs; counted while splitting,
// so a huge string is refused before it becomes a huge array.
function splitArgs(text: string, path: FieldPath): string[] {
  const items: string[] = [];
  const word = /[^ \t]+/g;
  addCost(text.length);
  for (let match = word.exec(text); match !== null; match = word.exec(text)) {
    if (items.length === MAX_ENTRIES) throw new NginxVhostError(path, text, `more than ${MAX_ENTRIES} arguments`, `at most ${MAX_ENTRIES} arguments`);
    items.push(match[0]);
  }
  return items;
}

/** A list of arguments: an array (one argument each) or, as in NixOS, one space-separated string. */
function readArgList(value: unknown, path: FieldPath, vars: Vars): readonly string[] {
  const items = typeof value === 'string'
    ? splitArgs(value, path)
    : readArray(value, path, 'an array of strings, or one space-separated string');
  if (items.length === 0) throw new NginxVhostError(path, value, 'empty list', 'at least one argument');
  return items.map((item, i) => {
    const text = readTemplate(item, typeof value === 'string' ? path : [...path, i], vars);
    if (text === '') throw new NginxVhostError([...path, i], text, 'empty argument', 'a non-empty string');
    return text;
  });
}

function readReturn(value: unknown, path: FieldPath, vars: Vars): Return {
  const accepted = 'a status code (403), "code text" as in NixOS ("301 https://example.com$request_uri"), a URL, or { code, text? }';
  if (typeof value === 'number') return { code: readInt(value, path, 100, 599) };
  if (typeof value === 'string') {
    const match = /^([0-9]{3})(?: (.*))?$/s.exec(value);
    if (match) {
      const code = readInt(Number(match[1]), path, 100, 599);
      return match[2] === undefined ? { code } : { code, text: readTemplate(match[2], path, vars) };
    }
    if (/^(?:https?:\/\/|\$scheme)/.test(value)) return { code: 302, text: readTemplate(value, path, vars) };
    throw new NginxVhostError(path, value, 'not a return value', accepted);
  }
  const input = readObject(value, path, ['code', 'text'], 'return');
  const code = readInt(input.code, [...path, 'code'], 100, 599);
  return input.text === undefined ? { code } : { code, text: readTemplate(input.text, [...path, 'text'], vars) };
}

// Directives nginx allows once per block (`nginx -t`: "… directive is duplicate").
const SINGLE_KINDS: ReadonlySet<DirectiveKind> = new Set<DirectiveKind>([
  'client_max_body_size', 'proxy_read_timeout', 'proxy_send_timeout', 'proxy_connect_timeout',
  'proxy_buffering', 'proxy_request_buffering', 'proxy_http_version', 'expires',
]);

/** Refuses a second copy of a once-per-block directive; `proxyWebsockets` already sets proxy_http_version. */
export function checkSingleDirectives(directives: readonly Directive[], path: FieldPath, websockets: boolean): void {
  const seen = new Set<DirectiveKind>(websockets ? ['proxy_http_version'] : []);
  directives.forEach((d, i) => {
    if (!SINGLE_KINDS.has(d.kind)) return;
    if (seen.has(d.kind)) {
      const why = websockets && d.kind === 'proxy_http_version' ? 'proxyWebsockets already sets proxy_http_version 1.1' : `"${d.kind}" appears twice in one block`;
      throw new NginxVhostError([...path, 'directives', i], d, why, `"${d.kind}" at most once per block (nginx -t rejects duplicates)`);
    }
    seen.add(d.kind);
  });
}

/** Checks one location from untrusted input; `path` is `['locations', key]`. */
export function validateLocation(value: unknown, path: FieldPath, vars: Vars): CheckedLocation {
  const input: Input = readObject(value, path, LOCATION_OPTIONS, 'location');
  const out: { -readonly [K in keyof CheckedLocation]: CheckedLocation[K] } = {};
  const at = (key: string) => [...path, key];
  if (input.priority !== undefined) out.priority = readInt(input.priority, at('priority'), -(2 ** 31), 2 ** 31 - 1);
  if (input.proxyPass !== undefined) out.proxyPass = readProxyTarget(input.proxyPass, at('proxyPass'), vars);
  if (input.proxyWebsockets !== undefined) out.proxyWebsockets = readBool(input.proxyWebsockets, at('proxyWebsockets'));
  if (input.recommendedProxySettings !== undefined) out.recommendedProxySettings = readBool(input.recommendedProxySettings, at('recommendedProxySettings'));
  if (input.index !== undefined) out.index = readArgList(input.index, at('index'), vars);
  if (input.tryFiles !== undefined) out.tryFiles = readArgList(input.tryFiles, at('tryFiles'), vars);
  if (input.root !== undefined) out.root = readTemplatePath(input.root, at('root'), vars);
  if (input.alias !== undefined) out.alias = readTemplatePath(input.alias, at('alias'), vars);
  if (input.return !== undefined) out.return = readReturn(input.return, at('return'), vars);
  if (input.basicAuthFile !== undefined) out.basicAuthFile = readFixedPath(input.basicAuthFile, at('basicAuthFile'));
  if (input.directives !== undefined) {
    out.directives = readArray(input.directives, at('directives'), 'an array of directive objects')
      .map((item, i) => validateDirective(item, [...path, 'directives', i], vars));
  }
  if (input.extraConfig !== undefined) out.extraConfig = readRawConfig(input.extraConfig, at('extraConfig'));
  if (out.tryFiles !== undefined && out.tryFiles.length < 2) {
    throw new NginxVhostError(at('tryFiles'), out.tryFiles, 'try_files needs at least two arguments', 'files to try and a final fallback, e.g. ["$uri", "$uri/", "=404"]');
  }
  const fallback = out.tryFiles?.[out.tryFiles.length - 1];
  if (fallback !== undefined && fallback.startsWith('=') && !/^=[0-9]{1,3}$/.test(fallback)) {
    throw new NginxVhostError([...at('tryFiles'), out.tryFiles!.length - 1], fallback, 'a final "=" argument must be a status code', 'a file, @name or =code such as =404 last');
  }
  const absoluteIndex = (out.index ?? []).slice(0, -1).findIndex((file) => file.startsWith('/'));
  if (absoluteIndex >= 0) throw new NginxVhostError([...at('index'), absoluteIndex], out.index![absoluteIndex], 'only the last index file may be absolute (nginx -t rule)', 'relative names, an absolute path only last');
  checkSingleDirectives(out.directives ?? [], path, out.proxyWebsockets === true);
  if (out.root !== undefined && out.alias !== undefined) {
    throw new NginxVhostError(at('alias'), out.alias, 'root and alias are mutually exclusive (NixOS asserts this)', 'either root or alias');
  }
  return out;
}
