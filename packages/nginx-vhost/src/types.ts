/**
 * The vhost model. Field names and defaults follow the NixOS options
 * `services.nginx.virtualHosts.<name>` and `…locations.<name>`, so a NixOS user can read it
 * without a dictionary; what NixOS only offers as raw `extraConfig` text is typed here as
 * `directives`.
 */

/** One `listen` entry, as NixOS `virtualHosts.<name>.listen` (used as is when given). */
export interface Listen {
  /** `127.0.0.1`, `0.0.0.0`, `[::1]` (IPv6 in brackets), `*`, a host name, or `unix:/path`. */
  addr: string;
  /** Omitted: NixOS prints no port (nginx then uses 80); always omitted for `unix:`. */
  port?: number;
  ssl?: boolean;
  proxyProtocol?: boolean;
  /** Further `listen` parameters such as `reuseport` or `backlog=511`. */
  extraParameters?: readonly string[];
}

/** Headers `proxy_ignore_headers` accepts (the full list of nginx 1.22). */
export type ProxyIgnorableHeader =
  | 'X-Accel-Redirect' | 'X-Accel-Expires' | 'X-Accel-Limit-Rate' | 'X-Accel-Buffering'
  | 'X-Accel-Charset' | 'Expires' | 'Cache-Control' | 'Set-Cookie' | 'Vary';

/** Severity levels of `error_log`. */
export type ErrorLogLevel = 'debug' | 'info' | 'notice' | 'warn' | 'error' | 'crit' | 'alert' | 'emerg';

/**
 * A typed nginx directive. Values marked "may use variables" are nginx complex values: every `$`
 * must start a known variable (`$host`, `${host}`, `$1`); nginx has no escape for a literal `$`,
 * so one is refused rather than rendered into a config that means something else.
 */
export type Directive =
  /** `proxy_set_header name value;` value may use variables; `""` removes the header. */
  | { kind: 'proxy_set_header'; name: string; value: string }
  /** `proxy_hide_header name;` */
  | { kind: 'proxy_hide_header'; name: string }
  /** `proxy_pass_header name;` */
  | { kind: 'proxy_pass_header'; name: string }
  /** `proxy_ignore_headers h…;` */
  | { kind: 'proxy_ignore_headers'; headers: readonly ProxyIgnorableHeader[] }
  /** `add_header name value [always];` value may use variables. */
  | { kind: 'add_header'; name: string; value: string; always?: boolean }
  /** `access_log path [format];` or, with `path: null`, `access_log off;`. Path may use variables. */
  | { kind: 'access_log'; path: string | null; format?: string }
  /** `error_log path [level];` */
  | { kind: 'error_log'; path: string; level?: ErrorLogLevel }
  /** `client_max_body_size size;` (`10m`, `512k`, `0` for unlimited). */
  | { kind: 'client_max_body_size'; size: string }
  /** Proxy timeouts (`60s`, `5m`, `1h30m`). */
  | { kind: 'proxy_read_timeout' | 'proxy_send_timeout' | 'proxy_connect_timeout'; time: string }
  /** `proxy_buffering on|off;` / `proxy_request_buffering on|off;` */
  | { kind: 'proxy_buffering' | 'proxy_request_buffering'; on: boolean }
  /** `proxy_http_version 1.0|1.1;` */
  | { kind: 'proxy_http_version'; version: '1.0' | '1.1' }
  /** `allow|deny address;` address is `all`, an IP or a CIDR range. */
  | { kind: 'allow' | 'deny'; address: string }
  /** `rewrite regex replacement [flag];` replacement may use variables. */
  | { kind: 'rewrite'; regex: string; replacement: string; flag?: 'last' | 'break' | 'redirect' | 'permanent' }
  /** `expires time;` (`1h`, `-1`, `off`, `epoch`, `max`). */
  | { kind: 'expires'; time: string }
  /** `set $variable value;` value may use variables; the variable becomes usable afterwards. */
  | { kind: 'set'; variable: string; value: string };

export type DirectiveKind = Directive['kind'];

/** `return code [text|URL];` — `text` may use variables. */
export interface Return {
  code: number;
  text?: string;
}

/** One location, as NixOS `virtualHosts.<name>.locations.<name>`. */
export interface Location {
  /** Sort key, smaller first; NixOS default 1000. Ties sort by location name (UTF-8 bytes). */
  priority?: number;
  /** `proxy_pass` target (`http://127.0.0.1:8080`); may use variables. */
  proxyPass?: string;
  /** Adds `proxy_http_version 1.1` and the `Upgrade`/`Connection` headers. */
  proxyWebsockets?: boolean;
  /** NixOS's recommended proxy headers (Host, X-Real-IP, X-Forwarded-*). Default false here. */
  recommendedProxySettings?: boolean;
  /** `index` files: an array, or one space-separated string as in NixOS. */
  index?: string | readonly string[];
  /** `try_files` arguments: an array, or one space-separated string as in NixOS. */
  tryFiles?: string | readonly string[];
  root?: string;
  alias?: string;
  /** `return`: `{ code, text? }`, a code (`403`), NixOS's string form (`"301 https://x"`) or a URL (302). */
  return?: number | string | Return;
  /** `auth_basic secured; auth_basic_user_file <file>;` — the htpasswd file stays outside the store. */
  basicAuthFile?: string;
  /** Typed directives, rendered in order (into `extraConfig` for NixOS). */
  directives?: readonly Directive[];
  /** Trusted raw nginx text, placed after the typed directives. Not checked. */
  extraConfig?: string;
}

/** One virtual host, as NixOS `services.nginx.virtualHosts.<name>`. */
export interface Vhost {
  /** The attribute name under `virtualHosts`; also the server name when `serverName` is unset. */
  name: string;
  serverName?: string;
  serverAliases?: readonly string[];
  /** Listen entries used verbatim; when absent, ports 80/443 on `listenAddresses` or the defaults. */
  listen?: readonly Listen[];
  listenAddresses?: readonly string[];
  /** `default_server` on every listen line. */
  default?: boolean;
  enableACME?: boolean;
  useACMEHost?: string;
  /** Webroot of the ACME challenge location; `null` prints no `root` there. Default `/var/lib/acme/acme-challenge`. */
  acmeRoot?: string | null;
  addSSL?: boolean;
  onlySSL?: boolean;
  forceSSL?: boolean;
  /** HTTP/2 on TLS listeners; default true as in NixOS. */
  http2?: boolean;
  /** Status of the forceSSL redirect, 300–399, default 301. */
  redirectCode?: number;
  sslCertificate?: string;
  sslCertificateKey?: string;
  sslTrustedCertificate?: string;
  root?: string;
  basicAuthFile?: string;
  /** Typed directives at server level, rendered in order (into `extraConfig` for NixOS). */
  directives?: readonly Directive[];
  /** Trusted raw nginx text at the end of the server block. Not checked. */
  extraConfig?: string;
  /** Locations keyed by their nginx match: `/`, `= /x`, `^~ /static/`, `~ \.php$`, `~* \.png$`, `@name`. */
  locations?: Readonly<Record<string, Location>>;
  /**
   * Names of variables defined outside this vhost (by a `map` or `geo` at http level) that values
   * may reference. Not a NixOS option; only used for checking.
   */
  variables?: readonly string[];
}

/** A `log_format` definition for the http block (see `nginxHttpPrelude`). */
export interface LogFormat {
  name: string;
  /** The format; may use variables. */
  format: string;
  escape?: 'default' | 'json' | 'none';
}

/** A location as `validateVhost` returns it: argument lists as arrays, `return` as an object. */
export interface CheckedLocation extends Omit<Location, 'index' | 'tryFiles' | 'return'> {
  index?: readonly string[];
  tryFiles?: readonly string[];
  return?: Return;
}

/** A vhost as `validateVhost` returns it (assignable to `Vhost`). */
export interface CheckedVhost extends Omit<Vhost, 'locations'> {
  locations?: Readonly<Record<string, CheckedLocation>>;
}
