/**
 * An invocation ID as systemd prints it (`SD_ID128_FORMAT_STR`: 32 lower-case hex digits, in
 * status since v256 and in `InvocationID=` of show), lower-cased; `null` for anything else, so
 * a cut or mangled line never yields an ID that means another run.
 */
export function invocationId(text: string): string | null {
  return /^[0-9a-fA-F]{32}$/.test(text) ? text.toLowerCase() : null;
}
