import { fail, type Path } from './shape.js';

/** One published port of a container: host IP (maybe empty), host port (maybe absent), container port. */
export interface PublishedPort {
  hostIp: string;
  hostPort?: number;
  containerPort: number;
}

function portNumber(text: string, path: Path, value: string): number {
  const n = /^[0-9]{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 65535)) fail(path, value, `"${text}" is not a port number`, 'a port from 1 to 65535');
  return n;
}

/**
 * Reads a `-p` style port (`8080`, `8080:8080`, `127.0.0.1:8080:8080`, `[::1]:8080:8080`, an
 * optional `/tcp`). Nomad ports carry no protocol and no range, so `/udp`, `/sctp` and ranges
 * are refused rather than published as something else.
 */
export function parsePublishedPort(value: string, path: Path): PublishedPort {
  const accepted = '"[ip:]hostPort:containerPort" or "containerPort", optionally with /tcp';
  let rest = value;
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    if (rest.slice(slash + 1) !== 'tcp') fail(path, value, 'a Nomad port has no protocol of its own; only /tcp can be carried', accepted);
    rest = rest.slice(0, slash);
  }
  let hostIp = '';
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']:');
    if (close === -1) fail(path, value, 'an IPv6 host address must be written [addr]:hostPort:containerPort', accepted);
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  } else {
    const parts = rest.split(':');
    if (parts.length === 3) {
      hostIp = parts[0] as string;
      rest = `${parts[1]}:${parts[2]}`;
    } else if (parts.length > 3) fail(path, value, 'too many ":"-separated parts', accepted);
  }
  const [a, b, ...more] = rest.split(':');
  if (more.length > 0 || a === undefined) fail(path, value, 'too many ":"-separated parts', accepted);
  if (b === undefined) return { hostIp, containerPort: portNumber(a, path, value) };
  const out: PublishedPort = { hostIp, containerPort: portNumber(b, path, value) };
  if (a !== '') out.hostPort = portNumber(a, path, value);
  return out;
}
