import type { StatusError } from './types.js';

/**
 * Reads the value of the `Error:` line, the service's last error as sent with `sd_notify()`.
 * From print_status_info() in src/systemctl/systemctl-show.c:
 * - up to v256: `"      Error: %i (%m)\n"` with the errno (systemd/systemd-stable@028cee00,
 *   enr0n/systemd@041ce0c1 at v255): `2 (No such file or directory)`;
 * - from v257 (ERRNO=, BUSERROR= and VARLINKERROR= of sd_notify): `"      Error:"`, then each
 *   present part after `" "` (first) or `"; "`: `code: %i (%s)`, `D-Bus: %s`, `Varlink: %s`
 *   (external-mirrors/pmos-systemd@a04e96ccd841f255640b7afbad66f6a1352ce769).
 * The text in parentheses is strerror(), which glibc translates with LC_MESSAGES (systemctl calls
 * setlocale), so it is kept as printed: `2 (Datei oder Verzeichnis nicht gefunden)`. D-Bus and
 * Varlink error names never contain spaces, so they are taken from the end of the line.
 */
export function parseErrorLine(value: string): StatusError {
  const error: StatusError = { code: null, message: null, dbus: null, varlink: null };
  let rest = value;
  const varlink = /(?:^|; )Varlink: (\S+)$/.exec(rest);
  if (varlink) {
    error.varlink = varlink[1] as string;
    rest = rest.slice(0, varlink.index);
  }
  const dbus = /(?:^|; )D-Bus: (\S+)$/.exec(rest);
  if (dbus) {
    error.dbus = dbus[1] as string;
    rest = rest.slice(0, dbus.index);
  }
  const errno = /^(?:code: )?(\d{1,10})(?: \((.*?)\)?)?$/.exec(rest);
  if (errno) {
    error.code = Number(errno[1]);
    error.message = errno[2] !== undefined && errno[2] !== '' ? errno[2] : null;
  }
  return error;
}
