/**
 * Zone abbreviations that name exactly one UTC offset in tzdata (current or since retired), in
 * minutes east of UTC.
 * Left out on purpose because tzdata uses them for more than one offset: CST (US −6, China +8,
 * Cuba −5), CDT (US, Cuba), IST (India, Ireland, Israel), BST, AST (Atlantic, Arabia), GST, PST
 * and PDT (US Pacific and the Philippines), SST, ECT. Callers who know better pass
 * `ParseOptions.timeZones`.
 */
const NAMED: ReadonlyMap<string, number> = new Map([
  ['UTC', 0], ['GMT', 0], ['UT', 0], ['Z', 0], ['WET', 0], ['WEST', 60],
  ['CET', 60], ['CEST', 120], ['MET', 60], ['MEST', 120], ['EET', 120], ['EEST', 180], ['MSK', 180],
  ['IDT', 180], ['SAST', 120], ['CAT', 120], ['EAT', 180], ['WAT', 60], ['PKT', 300],
  ['WIB', 420], ['WITA', 480], ['WIT', 540], ['HKT', 480], ['AWST', 480], ['JST', 540], ['KST', 540],
  ['ACST', 570], ['ACDT', 630], ['AEST', 600], ['AEDT', 660], ['NZST', 720], ['NZDT', 780],
  ['NST', -210], ['NDT', -150], ['ADT', -180], ['EST', -300], ['EDT', -240], ['MST', -420],
  ['MDT', -360], ['AKST', -540], ['AKDT', -480], ['HST', -600], ['HDT', -540], ['ChST', 600],
  // Retired from tzdata in 2017 (now printed as `-03`, `+08`) but still in older outputs.
  ['BRT', -180], ['BRST', -120], ['ART', -180], ['SGT', 480], ['MYT', 480], ['ICT', 420], ['NPT', 345],
]);

/**
 * Minutes east of UTC for a zone as systemd prints it (`UTC`, `CET`, `+04`, `-0330`, `+05:30`),
 * or `null` when unknown or ambiguous. `extra` (from the caller) wins over the built-in table.
 */
export function zoneOffset(zone: string, extra: Readonly<Record<string, number>>): number | null {
  if (Object.prototype.hasOwnProperty.call(extra, zone)) return extra[zone] ?? null;
  const named = NAMED.get(zone);
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** True for zones that never change offset, so their offset can be reused for other instants. */
export function isFixedUtc(zone: string): boolean {
  return zone === 'UTC' || zone === 'GMT' || zone === 'UT' || zone === 'Z';
}
