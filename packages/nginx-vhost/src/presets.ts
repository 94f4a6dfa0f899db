import type { CheckedLocation, CheckedVhost, Directive } from './types.js';
import { validateVhost } from './validate-vhost.js';
import { readArray, readBool, readLine, readObject, readPort, readRecord } from './read-input.js';
import type { FieldPath } from './errors.js';

const REVERSE_PROXY_OPTIONS = ['name', 'port', 'host', 'serverAliases', 'mountPath', 'root', 'accessLog', 'acme', 'websockets', 'hideCookies', 'headers'] as const;
const LOCATION_PRESET_OPTIONS = ['port', 'host', 'mountPath', 'websockets', 'hideCookies', 'headers'] as const;

// The preset options are checked for type here (a NaN port must not become "http://…:NaN");
// the values themselves are checked again as vhost fields by validateVhost.
function readPresetOptions(value: unknown, known: readonly string[], what: string, portRequired: boolean): void {
  const input = readObject(value, [], known, what);
  const at = (key: string): FieldPath => [key];
  if (input.port !== undefined || portRequired) readPort(input.port, at('port'));
  for (const key of ['name', 'host', 'mountPath', 'root'] as const) {
    if (input[key] !== undefined || (key === 'name' && known.includes('name'))) readLine(input[key], at(key));
  }
  for (const key of ['acme', 'websockets', 'hideCookies'] as const) if (input[key] !== undefined) readBool(input[key], at(key));
  if (input.serverAliases !== undefined) readArray(input.serverAliases, at('serverAliases'), 'an array of host names');
  if (input.accessLog !== undefined) readObject(input.accessLog, at('accessLog'), ['path', 'format'], 'accessLog');
  if (input.headers !== undefined) {
    const headers = readRecord(input.headers, at('headers'), 'a plain object of header name → value');
    for (const [name, text] of Object.entries(headers)) readLine(text, ['headers', name]);
  }
}

/** Options of `reverseProxy`. */
export interface ReverseProxyOptions {
  /** virtualHosts attribute name and server name, e.g. `comments.example.com`. */
  name: string;
  /** Port of the app on `host`. */
  port: number;
  /** Where the app listens; default `127.0.0.1`. */
  host?: string;
  serverAliases?: readonly string[];
  /** Location the app is mounted at; default `/`. */
  mountPath?: string;
  /** Document root of the vhost (the article sets one next to the proxy). */
  root?: string;
  /** `access_log <path> [format]` for the vhost. */
  accessLog?: { path: string; format?: string };
  /** Let's Encrypt certificate and HTTP→HTTPS redirect (enableACME + forceSSL); default true. */
  acme?: boolean;
  /** Upgrade/Connection headers for websocket apps; default false. */
  websockets?: boolean;
  /**
   * Strip the app's cookies (`proxy_hide_header Set-Cookie`, `X-Set-Cookie`,
   * `proxy_ignore_headers Set-Cookie`), as the reference article does; default true.
   */
  hideCookies?: boolean;
  /** Extra request headers for the app, after the forwarding ones. */
  headers?: Readonly<Record<string, string>>;
}

/** Options of `proxyLocation`: the location part of `ReverseProxyOptions`. */
export type ProxyLocationOptions = Omit<ReverseProxyOptions, 'name' | 'serverAliases' | 'root' | 'accessLog' | 'acme'>;

/** Options of `issoProxy`: `ReverseProxyOptions` with `port` defaulting to Isso's 8080. */
export type IssoProxyOptions = Omit<ReverseProxyOptions, 'port'> & { port?: number };

function mountPrefix(mountPath: string | undefined): string {
  const trimmed = (mountPath ?? '/').replace(/\/+$/, '');
  return trimmed === '' ? '/' : `${trimmed}/`;
}

/** The proxying location of `reverseProxy`, for callers assembling their own vhost. */
export function proxyLocation(options: ProxyLocationOptions): CheckedLocation {
  readPresetOptions(options, LOCATION_PRESET_OPTIONS, 'proxyLocation options', true);
  const directives: Directive[] = [
    { kind: 'proxy_set_header', name: 'X-Forwarded-For', value: '$proxy_add_x_forwarded_for' },
    { kind: 'proxy_set_header', name: 'Host', value: '$host' },
    { kind: 'proxy_set_header', name: 'X-Forwarded-Proto', value: '$scheme' },
    ...Object.entries(options.headers ?? {}).map(([name, value]): Directive => ({ kind: 'proxy_set_header', name, value })),
  ];
  if (options.hideCookies !== false) {
    directives.push(
      { kind: 'proxy_hide_header', name: 'Set-Cookie' },
      { kind: 'proxy_hide_header', name: 'X-Set-Cookie' },
      { kind: 'proxy_ignore_headers', headers: ['Set-Cookie'] },
    );
  }
  const host = options.host ?? '127.0.0.1';
  return {
    proxyPass: `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${options.port}`,
    ...(options.websockets ? { proxyWebsockets: true } : {}),
    // The headers are set explicitly, so NixOS's global recommendedProxySettings must not add a
    // second Host / X-Forwarded-For.
    recommendedProxySettings: false,
    directives,
  };
}

/**
 * A vhost that proxies to an app on a local port, with the reference article's headers
 * (X-Forwarded-For, Host, X-Forwarded-Proto; Set-Cookie hidden), ACME and forced HTTPS by
 * default. Returns a validated `Vhost` to render or extend.
 */
export function reverseProxy(options: ReverseProxyOptions): CheckedVhost {
  readPresetOptions(options, REVERSE_PROXY_OPTIONS, 'reverseProxy options', true);
  const acme = options.acme !== false;
  return validateVhost({
    name: options.name,
    ...(options.serverAliases ? { serverAliases: options.serverAliases } : {}),
    ...(options.root === undefined ? {} : { root: options.root }),
    ...(acme ? { enableACME: true, forceSSL: true } : {}),
    ...(options.accessLog ? { directives: [{ kind: 'access_log', ...options.accessLog }] } : {}),
    locations: {
      [mountPrefix(options.mountPath)]: proxyLocation({
        port: options.port,
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.websockets === undefined ? {} : { websockets: options.websockets }),
        ...(options.hideCookies === undefined ? {} : { hideCookies: options.hideCookies }),
        ...(options.headers === undefined ? {} : { headers: options.headers }),
      }),
    },
  });
}

/**
 * A vhost for the Isso comment server: `reverseProxy` plus, when mounted below `/` (e.g.
 * `mountPath: '/isso'`), `X-Script-Name: /isso` so Isso builds its URLs under that path (the
 * client's `data-isso` must point there too). Isso's default port is 8080. Cookies are hidden by
 * default as in the article, which turns off Isso's edit/delete-own-comment feature; pass
 * `hideCookies: false` to keep it.
 */
export function issoProxy(options: IssoProxyOptions): CheckedVhost {
  readPresetOptions(options, REVERSE_PROXY_OPTIONS, 'issoProxy options', false);
  const prefix = mountPrefix(options.mountPath);
  const headers = prefix === '/' ? { ...options.headers } : { 'X-Script-Name': prefix.slice(0, -1), ...options.headers };
  return reverseProxy({ ...options, port: options.port ?? 8080, headers });
}
