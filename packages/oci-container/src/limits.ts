// Sizes this package refuses to go beyond, in one place so the README and the errors agree.

/** Entries in one array or record of the model (`cmd`, `ports`, `environment`, …). */
export const MAX_ENTRIES = 1_000_000;

/** Nesting depth of a Nix expression given as a field value (`NixText`). */
export const MAX_NIX_DEPTH = 10_000;

/**
 * Characters of one rendered text (a script or a Quadlet unit). V8 strings end near 512 Mi
 * characters with a RangeError; this stops well before, with this package's error.
 */
export const MAX_OUTPUT_CHARS = 256 * 1024 * 1024;

/**
 * Bytes of one argv word the Linux kernel passes to a program (`MAX_ARG_STRLEN`, 32 pages of
 * 4 KiB, including the terminating NUL): `execve` fails with E2BIG beyond it.
 */
export const MAX_ARG_BYTES = 131_071;

/** The limits above, for callers that want to check or show them. */
export const OCI_LIMITS = {
  entries: MAX_ENTRIES,
  nixDepth: MAX_NIX_DEPTH,
  outputChars: MAX_OUTPUT_CHARS,
  argBytes: MAX_ARG_BYTES,
} as const;
