// Syntax rules for the short identifiers of a container. Each is the intersection of what podman,
// docker, NixOS (which splices some of them into scripts unescaped) and systemd accept, so a value
// that passes renders the same way on every target.

/**
 * Environment variable names: what systemd's `Environment=` and a POSIX shell accept. Docker would
 * take more, but a name outside this set silently vanishes in some of the targets.
 */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Container names as podman and docker accept them; NixOS uses the name unescaped in scripts. */
export const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Log drivers are spliced into the NixOS script unescaped, so only a plain word is safe. */
export const LOG_DRIVER = /^[a-z0-9][a-z0-9_-]*$/;

/** `user`, `uid`, `user:group`, `uid:gid` (the OCI `User` forms). */
export const USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/;

/** RFC 1123 host names. */
export const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Network names and modes: `name`, `host`, `none`, `container:<name>`, `slirp4netns:opts`. */
export const NETWORK = /^[A-Za-z0-9][A-Za-z0-9_.-]*(?::[A-Za-z0-9_.,=/-]+)?$/;

/** Signal names as the OCI `StopSignal` takes them (`SIGTERM`, `SIGRTMIN+3`) or a number. */
export const SIGNAL = /^(?:SIG[A-Z0-9]+(?:[+-][0-9]+)?|[0-9]+)$/;

/** Label keys: anything but `=` (the separator) and control characters. */
export const LABEL_KEY = /^[^=\u0000-\u001f\u007f]+$/;
