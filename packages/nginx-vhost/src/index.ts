export type {
  CheckedLocation, CheckedVhost, Directive, DirectiveKind, ErrorLogLevel, Listen, Location, LogFormat, ProxyIgnorableHeader, Return, Vhost,
} from './types.js';
export { NginxVhostError, formatFieldPath, type FieldPath } from './errors.js';
export { validateVhost } from './validate-vhost.js';
export { toNginxConf, toNginxConfAll, nixosAcmeCertificate, type AcmeCertificatePaths, type NginxConfOptions } from './to-nginx-conf.js';
export { nginxHttpPrelude, type HttpPreludeOptions } from './http-prelude.js';
export { toNixos, toNixosOptions, toNixosVirtualHosts, type NixosValue } from './to-nixos.js';
export { quoteToken } from './nginx-token.js';
export { lintVhost, type Lint } from './lint.js';
export { reverseProxy, issoProxy, proxyLocation, type ReverseProxyOptions, type ProxyLocationOptions, type IssoProxyOptions } from './presets.js';
export { NGINX_LIMITS } from './limits.js';
