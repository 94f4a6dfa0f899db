// Sizes this package refuses to go beyond, in one place so the README and the errors agree.

/**
 * nginx reads its configuration through a 4096-byte buffer (`NGX_CONF_BUFFER` in
 * src/core/ngx_conf_file.c, nginx 1.22): when the buffer runs out, the token being read is moved
 * to its start, and a token that still fills all 4096 bytes fails with "too long parameter". The
 * span that must fit starts at a bare token's first byte (after a quoted token's opening quote)
 * and runs to the byte before the next token, so a token followed by a space needs one byte less
 * than the last one before `;`. Checked against `nginx -t` 1.22.1: a bare argument may have 4094
 * bytes, 4095 when it is last; a quoted one 4093 bytes between the quotes, 4094 when it is last.
 * This package uses the limits that hold in every position.
 */
export const MAX_BARE_TOKEN_BYTES = 4094;
export const MAX_QUOTED_TOKEN_BYTES = 4093;

/** Entries in one array or object of the model (`serverAliases`, `locations`, `index`, …). */
export const MAX_ENTRIES = 1_000_000;

/** Characters of one raw `extraConfig` text. */
export const MAX_RAW_CONFIG_CHARS = 64 * 1024 * 1024;

/**
 * Characters of one rendered result (a config, or one NixOS option string). V8 strings end near
 * 512 Mi characters with a RangeError; this stops well before, with this package's error.
 */
export const MAX_OUTPUT_CHARS = 256 * 1024 * 1024;

/** The limits above, for callers that want to check or show them. */
export const NGINX_LIMITS = {
  bareTokenBytes: MAX_BARE_TOKEN_BYTES,
  quotedTokenBytes: MAX_QUOTED_TOKEN_BYTES,
  entries: MAX_ENTRIES,
  rawConfigChars: MAX_RAW_CONFIG_CHARS,
  outputChars: MAX_OUTPUT_CHARS,
} as const;
