/**
 * Builds an instant from local calendar fields and an offset, rejecting impossible dates
 * (`Feb 30`, `25:00:00`) instead of letting `Date.UTC` roll them over.
 */
export function instant(
  year: number, month: number, day: number, hour: number, minute: number, second: number,
  fraction: string, offsetMinutes: number,
): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = fraction === '' ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const local = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  const check = new Date(local);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  const date = new Date(local - offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}
