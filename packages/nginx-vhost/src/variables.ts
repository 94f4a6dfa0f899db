import { addCost } from './cost-meter.js';
import { NginxVhostError, type FieldPath } from './errors.js';

// Built-in variables of the nginx http core and of the modules NixOS and Debian builds ship
// (proxy, ssl, realip, http2, upstream, gzip). A reference to any other name makes `nginx -t`
// fail with `unknown "x" variable`, so it is refused up front.
const BUILTIN = new Set(`
  args binary_remote_addr body_bytes_sent bytes_sent connection connection_requests
  connection_time content_length content_type document_root document_uri host hostname https
  is_args limit_rate msec nginx_version pid pipe proxy_protocol_addr proxy_protocol_port
  proxy_protocol_server_addr proxy_protocol_server_port query_string realpath_root remote_addr
  remote_port remote_user request request_body request_body_file request_completion
  request_filename request_id request_length request_method request_time request_uri scheme
  server_addr server_name server_port server_protocol status time_iso8601 time_local uri
  tcpinfo_rtt tcpinfo_rttvar tcpinfo_snd_cwnd tcpinfo_rcv_space
  proxy_host proxy_port proxy_add_x_forwarded_for
  upstream_addr upstream_bytes_received upstream_bytes_sent upstream_cache_status
  upstream_connect_time upstream_header_time upstream_response_length upstream_response_time
  upstream_status
  ssl_cipher ssl_ciphers ssl_client_cert ssl_client_escaped_cert ssl_client_fingerprint
  ssl_client_i_dn ssl_client_raw_cert ssl_client_s_dn ssl_client_serial ssl_client_verify
  ssl_curves ssl_early_data ssl_protocol ssl_server_name ssl_session_id ssl_session_reused
  realip_remote_addr realip_remote_port http2 gzip_ratio
  connection_upgrade
`.split(/\s+/).filter(Boolean));

// Families of variables named after a header, argument or cookie.
const PREFIXES = ['http_', 'sent_http_', 'sent_trailer_', 'arg_', 'cookie_', 'upstream_http_', 'upstream_trailer_', 'upstream_cookie_'];

/**
 * True if `$name` exists in a stock nginx http context, or is one of `extra` (variables the
 * config defines itself). `connection_upgrade` counts as built in: NixOS's http block defines it
 * and `nginxHttpPrelude` does for raw configs.
 */
export function isKnownVariable(name: string, extra: ReadonlySet<string>): boolean {
  if (BUILTIN.has(name) || extra.has(name)) return true;
  return PREFIXES.some((prefix) => name.length > prefix.length && name.startsWith(prefix));
}

const NAME = /[A-Za-z0-9_]/;

/**
 * Checks every `$` of a value nginx interpolates: it must start `$name`, `${name}` or a regex
 * capture `$1`…`$9`, and the name must be known. nginx has no escape for a literal `$`.
 */
export function checkVariables(text: string, path: FieldPath, extra: ReadonlySet<string>): void {
  addCost(text.length);
  const accepted = '`$name`, `${name}` or `$1`…`$9` with a known variable name; nginx cannot express a literal "$" here';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') continue;
    const next = text[i + 1] ?? '';
    if (next >= '1' && next <= '9') { i += 1; continue; }
    let name = '';
    if (next === '{') {
      const close = text.indexOf('}', i + 2);
      name = close < 0 ? '' : text.slice(i + 2, close);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        throw new NginxVhostError(path, text, `"$" at offset ${i} does not start a variable reference`, accepted);
      }
      i = close;
    } else {
      let j = i + 1;
      while (j < text.length && NAME.test(text[j]!)) j++;
      name = text.slice(i + 1, j);
      if (!/^[A-Za-z_]/.test(name)) {
        throw new NginxVhostError(path, text, `"$" at offset ${i} does not start a variable reference`, accepted);
      }
      i = j - 1;
    }
    if (!isKnownVariable(name, extra)) {
      throw new NginxVhostError(path, text, `unknown nginx variable "$${name}"`, `${accepted}; declare map/geo variables in the vhost's \`variables\``);
    }
  }
}
