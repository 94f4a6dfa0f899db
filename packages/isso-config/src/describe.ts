/**
 * The one-line form of every validation message: where, what, why, and what is accepted, as in
 * `[smtp] port = "x" has the wrong type; accepted: …`.
 */
export function describe(path: readonly (string | number)[], value: unknown, reason: string, accepted: string): string {
  const [section, key, ...rest] = path;
  const where = `[${section}]${key === undefined ? '' : ` ${key}`}${rest.map((i) => `[${i}]`).join('')}`;
  return `${where} = ${show(value)} ${reason}; accepted: ${accepted}`;
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    const json = JSON.stringify(value) as string | undefined;
    if (json === undefined) return String(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    return String(value);
  }
}
