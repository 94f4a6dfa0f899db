// Address checks precise enough that nginx accepts what passes: a loose pattern such as
// `[0-9a-f:]+` lets `:::` through, which `nginx -t` then rejects as an invalid address.

const IPV4_PART = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = new RegExp(`^${IPV4_PART}(?:\\.${IPV4_PART}){3}$`);

export function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

/** RFC 4291 text form: up to eight hex groups, one `::`, optionally an IPv4 tail. */
export function isIPv6(text: string): boolean {
  let groups = text;
  let tail = 0;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    if (!isIPv4(text.slice(lastColon + 1))) return false;
    groups = text.slice(0, lastColon + 1) + '0';
    tail = 1;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return false;
  const parse = (half: string) => (half === '' ? [] : half.split(':'));
  const parts = halves.flatMap(parse);
  if (!parts.every((part) => /^[0-9A-Fa-f]{1,4}$/.test(part))) return false;
  const count = parts.length + tail;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** An IPv4 or IPv6 address, optionally with a `/prefix` no longer than the address. */
export function isCidr(text: string): boolean {
  const [address = '', prefix, extra] = text.split('/');
  if (extra !== undefined) return false;
  const v4 = isIPv4(address);
  if (!v4 && !isIPv6(address)) return false;
  if (prefix === undefined) return true;
  return /^(?:0|[1-9][0-9]{0,2})$/.test(prefix) && Number(prefix) <= (v4 ? 32 : 128);
}
