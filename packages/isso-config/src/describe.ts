/**
 * The one-line form of every validation message: where, what, why, and what is accepted, as in
 * `[smtp] port = "x" has the wrong type; accepted: …`.
 */
export function describe(path: readonly (string | number)[], value: unknown, reason: string, accepted: string): string {
  const [section, key, ...rest] = path;
  const where = `[${clip(String(section))}]${key === undefined ? '' : ` ${clip(String(key))}`}${rest.map((i) => `[${i}]`).join('')}`;
  return `${where} = ${preview(value)} ${reason}; accepted: ${accepted}`;
}

/** A section or key name as shown in a message: a name of megabytes is cut like a value. */
export function clip(name: string): string {
  return name.length > PREVIEW_LENGTH ? `${name.slice(0, PREVIEW_LENGTH - 3)}...` : name;
}

/** Characters of a value shown in a message. */
const PREVIEW_LENGTH = 80;

/**
 * A short JSON-like rendering of any value for a message. It looks at no more than it shows:
 * a 50 MB string or list, a cycle, nesting thousands deep, a BigInt or an object without a
 * prototype must neither cost time nor throw, so this walks at most a few levels and a few
 * items, never calling the value's own methods.
 */
export function preview(value: unknown): string {
  const text = render(value, 3);
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 3)}...` : text;
}

function render(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > PREVIEW_LENGTH ? value.slice(0, PREVIEW_LENGTH) : value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return value.toString();
    case 'function':
      return 'function';
  }
  if (value === null) return 'null';
  if (depth === 0) return Array.isArray(value) ? '[...]' : '{...}';
  let out = '';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && out.length < PREVIEW_LENGTH; i++) out += `${i === 0 ? '' : ','}${i in value ? render(value[i], depth - 1) : ''}`;
    return `[${out}${out.length >= PREVIEW_LENGTH ? ',...' : ''}]`;
  }
  const tag = value instanceof Map ? 'Map ' : value instanceof Set ? 'Set ' : value instanceof Date ? 'Date ' : '';
  if (tag) return `${tag}{...}`;
  const keys = Object.keys(value as object);
  for (let i = 0; i < keys.length && out.length < PREVIEW_LENGTH; i++) {
    const key = keys[i] as string;
    out += `${i === 0 ? '' : ','}${JSON.stringify(clip(key))}:${render((value as Record<string, unknown>)[key], depth - 1)}`;
  }
  return `{${out}}`;
}
