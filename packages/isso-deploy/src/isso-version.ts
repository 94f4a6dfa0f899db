/** Compares dotted release numbers numerically (`0.12.10` > `0.12.9`). */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Isso expands `$VAR` / `${VAR}` in config values from 0.14.0 on (upstream #1037). */
export function supportsEnvExpansion(issoVersion: string): boolean {
  return compareVersions(issoVersion, '0.14.0') >= 0;
}
