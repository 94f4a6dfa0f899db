import type { CheckedVhost, Directive, Vhost } from './types.js';
import type { FieldPath } from './errors.js';
import { validateVhost } from './validate-vhost.js';
import { parseLocationName } from './location-name.js';
import { RECOMMENDED_PROXY_HEADERS, sortedLocations } from './location-body.js';

/** A finding of `lintVhost`: legal config that probably does not do what was meant. */
export interface Lint {
  code:
    | 'alias-traversal' | 'alias-slash-mismatch' | 'proxy-header-inheritance' | 'add-header-inheritance'
    | 'recommended-proxy-duplicate' | 'uri-in-response' | 'acme-without-ssl' | 'regex-location-order'
    | 'server-name-hash-bucket';
  severity: 'warning' | 'info';
  path: FieldPath;
  message: string;
}

// `$uri` is URL-decoded, so %0d%0a in a request becomes CR LF in whatever echoes it.
const DECODED_URI = /\$(?:uri|document_uri|\{uri\}|\{document_uri\})(?![A-Za-z0-9_])/;

const setsProxyHeaders = (directives: readonly Directive[] | undefined) => (directives ?? []).some((d) => d.kind === 'proxy_set_header');
const addsHeaders = (directives: readonly Directive[] | undefined) => (directives ?? []).some((d) => d.kind === 'add_header');

/**
 * Warns about known traps in a (valid) vhost: the alias off-by-slash traversal, proxy_set_header
 * and add_header inheritance (a level that sets any header drops all inherited ones, which is how
 * a location with recommendedProxySettings loses NixOS's http-level `Connection ""`), duplicated
 * recommended headers, decoded `$uri` in responses, ACME without TLS, and regex locations that
 * NixOS's name sort reorders. Validates first.
 */
export function lintVhost(input: Vhost): Lint[] {
  const vhost = validateVhost(input);
  const lints: Lint[] = [];
  if (vhost.enableACME && !vhost.addSSL && !vhost.onlySSL && !vhost.forceSSL) {
    lints.push({ code: 'acme-without-ssl', severity: 'warning', path: ['enableACME'], message: 'enableACME without addSSL, onlySSL or forceSSL obtains a certificate that no listener uses' });
  }
  checkServerNameLengths(vhost, lints);
  const vhostProxyHeaders = setsProxyHeaders(vhost.directives);
  const vhostAddHeaders = addsHeaders(vhost.directives);
  checkResponses(vhost.directives, [], lints);
  for (const [key, location] of Object.entries(vhost.locations ?? {})) {
    const path = ['locations', key];
    const { modifier, pattern } = parseLocationName(key, path);
    if (location.alias !== undefined && (modifier === '' || modifier === '^~')) {
      if (!pattern.endsWith('/') && location.alias.endsWith('/')) {
        lints.push({ code: 'alias-traversal', severity: 'warning', path: [...path, 'alias'], message: `location "${key}" has no trailing slash but its alias does: "${pattern}../x" reaches the parent of ${location.alias}; write "${pattern}/"` });
      } else if (pattern.endsWith('/') !== location.alias.endsWith('/')) {
        lints.push({ code: 'alias-slash-mismatch', severity: 'warning', path: [...path, 'alias'], message: `location "${key}" and alias "${location.alias}" disagree on the trailing slash, so file names are glued to the wrong directory` });
      }
    }
    const ownProxyHeaders = setsProxyHeaders(location.directives) || location.proxyWebsockets === true || (location.recommendedProxySettings === true && location.proxyPass !== undefined);
    if (ownProxyHeaders && location.proxyPass !== undefined) {
      const lost = vhostProxyHeaders ? 'the vhost-level proxy_set_header directives and ' : '';
      lints.push({ code: 'proxy-header-inheritance', severity: vhostProxyHeaders ? 'warning' : 'info', path, message: `location "${key}" sets its own proxy headers, so ${lost}http-level ones (such as NixOS recommendedProxySettings' Connection "" for upstream keep-alive) are not inherited here` });
    }
    if (vhostAddHeaders && addsHeaders(location.directives)) {
      lints.push({ code: 'add-header-inheritance', severity: 'warning', path, message: `location "${key}" has add_header directives, so the vhost-level add_header ones are dropped there; repeat them in the location` });
    }
    if (location.recommendedProxySettings && location.proxyPass !== undefined) {
      const names = new Set(RECOMMENDED_PROXY_HEADERS.map(([name]) => name.toLowerCase()));
      (location.directives ?? []).forEach((d, i) => {
        if (d.kind === 'proxy_set_header' && names.has(d.name.toLowerCase())) {
          lints.push({ code: 'recommended-proxy-duplicate', severity: 'warning', path: [...path, 'directives', i], message: `recommendedProxySettings already sets ${d.name}; nginx will send the header twice` });
        }
      });
    }
    if (location.return?.text !== undefined && DECODED_URI.test(location.return.text)) {
      lints.push({ code: 'uri-in-response', severity: 'warning', path: [...path, 'return'], message: '$uri is URL-decoded: a request for /%0d%0aSet-Cookie:… injects a header; use $request_uri' });
    }
    checkResponses(location.directives, path, lints);
  }
  const regexKeys = Object.keys(vhost.locations ?? {}).filter((key) => /^~/.test(key));
  const isRegex = new Set(regexKeys);
  const sortedRegex = sortedLocations(vhost).map((item) => item.key).filter((key) => isRegex.has(key));
  if (sortedRegex.some((key, i) => key !== regexKeys[i])) {
    lints.push({ code: 'regex-location-order', severity: 'warning', path: ['locations'], message: `NixOS sorts locations by priority then name, so the regex locations are tried in the order ${sortedRegex.join(', ')}, not as written; set priority to fix the order` });
  }
  return lints;
}

// With the default server_names_hash_bucket_size (64 on x86-64), nginx 1.22 fails `nginx -t`
// ("could not build server_names_hash") for a name over 46 bytes once two servers share a socket;
// the wildcard part (`*.`, `.`, `.*`) does not count. Checked with nginx -t in limits.interop.ts.
const HASHED_NAME_BYTES = 46;

function checkServerNameLengths(vhost: CheckedVhost, lints: Lint[]): void {
  const names: [string, FieldPath][] = [[vhost.serverName ?? vhost.name, vhost.serverName === undefined ? ['name'] : ['serverName']]];
  (vhost.serverAliases ?? []).forEach((alias, i) => names.push([alias, ['serverAliases', i]]));
  for (const [name, path] of names) {
    const hashed = name.replace(/^\*\.|^\.|\.\*$/, '');
    if (hashed.length > HASHED_NAME_BYTES) {
      lints.push({ code: 'server-name-hash-bucket', severity: 'info', path, message: `server name "${name}" is longer than ${HASHED_NAME_BYTES} bytes: if another server listens on the same address and port, nginx -t fails with "could not build server_names_hash" unless server_names_hash_bucket_size is raised (NixOS: services.nginx.serverNamesHashBucketSize; 128 covers names up to 110 bytes, 512 up to 253)` });
      return; // one finding is enough: the fix is the same for every name
    }
  }
}

function checkResponses(directives: readonly Directive[] | undefined, path: FieldPath, lints: Lint[]): void {
  (directives ?? []).forEach((d, i) => {
    if (d.kind === 'add_header' && DECODED_URI.test(d.value)) {
      lints.push({ code: 'uri-in-response', severity: 'warning', path: [...path, 'directives', i, 'value'], message: '$uri is URL-decoded: a request with %0d%0a injects a response header; use $request_uri' });
    }
  });
}
