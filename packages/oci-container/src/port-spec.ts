import { expectEnum, expectObject, expectString, fail } from './shape.js';

/**
 * A published port, the structured form of `[ip:][hostPort:]containerPort[/protocol]`.
 * `…End` fields make a range (`8000-8010`); a host IPv6 address is written without brackets here.
 */
export interface PortSpec {
  hostIp?: string;
  hostPort?: number;
  hostPortEnd?: number;
  containerPort: number;
  containerPortEnd?: number;
  protocol?: 'tcp' | 'udp' | 'sctp';
}

/** The outcome of a parser: the value, or why the text was refused. Parsers never throw. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;
export const PORT_SPEC_KEYS = ['hostIp', 'hostPort', 'hostPortEnd', 'containerPort', 'containerPortEnd', 'protocol'] as const;
const MAX_PORT_SPEC_CHARS = 1024;

/**
 * Parses a port publication as podman/docker `-p` and NixOS `ports` take it:
 * `8080`, `8080:80`, `127.0.0.1:8080:80`, `127.0.0.1::80`, `[::1]:8080:80/udp`, `8000-8010:8000-8010`.
 * Never throws; a refused text comes back with the reason.
 */
export function parsePortSpec(text: string): ParseResult<PortSpec> {
  if (typeof text !== 'string') return { ok: false, error: 'a port spec must be a string' };
  // The longest valid form, "[v6]:65535-65535:65535-65535/sctp", is under 80 characters.
  if (text.length > MAX_PORT_SPEC_CHARS) return { ok: false, error: `a port spec is at most ${MAX_PORT_SPEC_CHARS} characters` };
  let rest = text;
  let protocol: PortSpec['protocol'];
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    const proto = rest.slice(slash + 1);
    if (!(PROTOCOLS as readonly string[]).includes(proto)) return { ok: false, error: `unknown protocol "${proto}"; use tcp, udp or sctp` };
    protocol = proto as PortSpec['protocol'];
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  let ports: string[];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return { ok: false, error: 'an IPv6 host address opened with "[" is never closed' };
    hostIp = rest.slice(1, close);
    if (!isIpv6(hostIp)) return { ok: false, error: `"${hostIp}" is not an IPv6 address` };
    const after = rest.slice(close + 1);
    if (!after.startsWith(':')) return { ok: false, error: 'a bracketed IPv6 address must be followed by ":hostPort:containerPort"' };
    ports = after.slice(1).split(':');
    if (ports.length !== 2) return { ok: false, error: 'after the host address, expected "hostPort:containerPort" (hostPort may be empty)' };
  } else {
    const parts = rest.split(':');
    if (parts.length > 3) return { ok: false, error: 'too many ":"; an IPv6 host address must be written in brackets, e.g. [::1]:8080:80' };
    if (parts.length === 3) {
      hostIp = parts[0] as string;
      if (!isIpv4(hostIp)) return { ok: false, error: `"${hostIp}" is not an IPv4 address (IPv6 goes in brackets)` };
      ports = parts.slice(1);
    } else {
      ports = parts;
    }
  }
  const containerText = ports[ports.length - 1] as string;
  const container = parseRange(containerText);
  if (typeof container === 'string') return { ok: false, error: `container port: ${container}` };
  const spec: PortSpec = { containerPort: container[0] };
  if (container[1] !== container[0]) spec.containerPortEnd = container[1];
  if (hostIp !== undefined) spec.hostIp = hostIp;
  if (ports.length === 2) {
    const hostText = ports[0] as string;
    if (hostText === '') {
      if (hostIp === undefined) return { ok: false, error: 'an empty host port ("::80" form) needs a host address before it' };
    } else {
      const host = parseRange(hostText);
      if (typeof host === 'string') return { ok: false, error: `host port: ${host}` };
      spec.hostPort = host[0];
      if (host[1] !== host[0]) spec.hostPortEnd = host[1];
    }
  }
  if (protocol !== undefined) spec.protocol = protocol;
  const problem = checkPortSpec(spec);
  return problem === undefined ? { ok: true, value: spec } : { ok: false, error: problem };
}

/**
 * The canonical text of a port spec (the form `parsePortSpec` reads back to the same value).
 * The spec is checked first, like any input: a NaN, fractional or out-of-range port, an unknown
 * field or a bad address throws `OciContainerError` instead of printing "NaN".
 */
export function formatPortSpec(spec: PortSpec): string {
  const record = expectObject(spec, [], PORT_SPEC_KEYS);
  if (record['hostIp'] !== undefined) expectString(record['hostIp'], ['hostIp']);
  if (record['protocol'] !== undefined) expectEnum(record['protocol'], ['protocol'], PROTOCOLS);
  const problem = checkPortSpec(spec);
  if (problem !== undefined) fail([], spec, `invalid port spec: ${problem}`, '{ containerPort, hostPort?, hostIp?, protocol?, …End? } with integer ports from 1 to 65535');
  return formatCheckedPortSpec(spec);
}

/** `formatPortSpec` for a spec that already passed `checkPortSpec`. */
export function formatCheckedPortSpec(spec: PortSpec): string {
  const range = (start: number, end: number | undefined) => (end === undefined || end === start ? `${start}` : `${start}-${end}`);
  let out = '';
  if (spec.hostIp !== undefined) out += `${spec.hostIp.includes(':') ? `[${spec.hostIp}]` : spec.hostIp}:`;
  if (spec.hostPort !== undefined) out += `${range(spec.hostPort, spec.hostPortEnd)}:`;
  else if (spec.hostIp !== undefined) out += ':';
  out += range(spec.containerPort, spec.containerPortEnd);
  if (spec.protocol !== undefined) out += `/${spec.protocol}`;
  return out;
}

/** Checks a structured spec's invariants; returns the problem or `undefined`. */
export function checkPortSpec(spec: PortSpec): string | undefined {
  const isPort = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 65535;
  if (spec.hostIp !== undefined && typeof spec.hostIp !== 'string') return 'hostIp must be a string';
  if (!isPort(spec.containerPort)) return 'containerPort must be an integer from 1 to 65535';
  if (spec.containerPortEnd !== undefined && (!isPort(spec.containerPortEnd) || spec.containerPortEnd < spec.containerPort)) {
    return 'containerPortEnd must be a port not below containerPort';
  }
  if (spec.hostPort !== undefined && !isPort(spec.hostPort)) return 'hostPort must be an integer from 1 to 65535';
  if (spec.hostPortEnd !== undefined) {
    if (spec.hostPort === undefined) return 'hostPortEnd needs hostPort';
    if (!isPort(spec.hostPortEnd) || spec.hostPortEnd < spec.hostPort) return 'hostPortEnd must be a port not below hostPort';
  }
  if (spec.hostIp !== undefined && !isIpv4(spec.hostIp) && !isIpv6(spec.hostIp)) return `hostIp "${spec.hostIp}" is not an IPv4 or IPv6 address`;
  if (spec.protocol !== undefined && !(PROTOCOLS as readonly string[]).includes(spec.protocol)) return 'protocol must be tcp, udp or sctp';
  const containerCount = (spec.containerPortEnd ?? spec.containerPort) - spec.containerPort;
  if (containerCount > 0 && spec.hostPort !== undefined) {
    const hostCount = (spec.hostPortEnd ?? spec.hostPort) - spec.hostPort;
    if (hostCount !== containerCount) return 'a host port range must be as long as the container port range it maps';
  }
  return undefined;
}

function parseRange(text: string): [number, number] | string {
  const match = /^([0-9]{1,5})(?:-([0-9]{1,5}))?$/.exec(text);
  if (match === null) return `"${text}" is not a port (1-65535) or a range like 8000-8010`;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (start < 1 || start > 65535 || end < 1 || end > 65535) return `"${text}" is outside 1-65535`;
  if (end < start) return `range "${text}" ends before it starts`;
  return [start, end];
}

export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255);
}

export function isIpv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || text.length > 45) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const all = halves.flatMap(groups);
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const group = all[i] as string;
    if (i === all.length - 1 && group.includes('.')) {
      if (!isIpv4(group)) return false;
      count += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(group)) {
      count += 1;
    } else {
      return false;
    }
  }
  return halves.length === 2 ? count < 8 : count === 8;
}
