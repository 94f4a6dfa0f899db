/** The parts of a `Loaded:` value. `cutField` names the field the line was cut in, if any. */
export interface Loaded {
  loadState: string;
  loadError: string | null;
  unitFilePath: string | null;
  unitFileState: string | null;
  preset: string | null;
  cutField: 'loadState' | 'loadError' | 'unitFilePath' | 'unitFileState' | 'preset' | null;
}

/**
 * Parses `loaded (/path; enabled; vendor preset: enabled)`, `loaded (/path; enabled; preset:
 * disabled)` (v252+), `loaded (/proc/self/mountinfo)`, `loaded`, and
 * `not-found (Reason: Unit foo.service not found.)`. A missing `)` means the line was cut.
 */
export function parseLoaded(value: string, cut: boolean): Loaded {
  const open = value.indexOf(' (');
  const loadState = open < 0 ? value.trim() : value.slice(0, open);
  const result: Loaded = { loadState, loadError: null, unitFilePath: null, unitFileState: null, preset: null, cutField: null };
  if (open < 0) {
    if (cut) result.cutField = 'loadState';
    return result;
  }
  const closed = value.endsWith(')');
  const inner = value.slice(open + 2, closed ? -1 : undefined);
  const wasCut = cut || !closed;
  if (inner.startsWith('Reason: ')) {
    result.loadError = inner.slice(8);
    if (wasCut) result.cutField = 'loadError';
    return result;
  }
  const parts = inner.split('; ');
  result.unitFilePath = parts[0] ?? '';
  let last: Loaded['cutField'] = 'unitFilePath';
  if (parts.length > 1) {
    result.unitFileState = parts[1] ?? '';
    last = 'unitFileState';
  }
  if (parts.length > 2) {
    const preset = parts.slice(2).join('; ');
    const colon = preset.indexOf(': ');
    // A cut inside the label (`vendor pre>`) leaves the preset unknown but still cut.
    result.preset = colon < 0 ? null : preset.slice(colon + 2);
    last = 'preset';
  }
  if (wasCut) result.cutField = last;
  return result;
}
