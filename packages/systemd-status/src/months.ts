/**
 * Abbreviated month names as glibc's `strftime(%b)` prints them in the locales journal lines show
 * up in (en, fr, de, es, it, pt, nl, fi, ru, zh, ja; also sv, da, nb, pl, cs, tr and ko), including
 * older and newer glibc spellings. Tokens are compared lower-cased without a trailing dot, so `nov.`, `Nov` and `NOV`
 * are one entry. No spelling maps to two different months across these locales.
 */
const NAMES: readonly (readonly string[])[] = [
  ['jan', 'janv', 'ene', 'gen', 'tammi', 'tammik', 'янв', 'январь', 'января', 'jän', 'sty', 'led', 'oca'],
  ['feb', 'févr', 'fevr', 'fev', 'helmi', 'helmik', 'фев', 'февр', 'февраль', 'февраля', 'lut', 'úno', 'şub'],
  ['mar', 'mars', 'mär', 'mrz', 'märz', 'mrt', 'maa', 'maalis', 'maalisk', 'мар', 'март', 'марта', 'bře'],
  ['apr', 'avr', 'avril', 'abr', 'huhti', 'huhtik', 'апр', 'апрель', 'апреля', 'kwi', 'dub', 'nis'],
  ['may', 'mai', 'mag', 'mei', 'touko', 'toukok', 'май', 'мая', 'maj', 'kvě'],
  ['jun', 'juin', 'giu', 'kesä', 'kesäk', 'июн', 'июнь', 'июня', 'cze', 'čvn', 'haz'],
  ['jul', 'juil', 'lug', 'heinä', 'heinäk', 'июл', 'июль', 'июля', 'lip', 'čvc', 'tem'],
  ['aug', 'août', 'aout', 'ago', 'elo', 'elok', 'авг', 'август', 'августа', 'sie', 'srp', 'ağu'],
  ['sep', 'sept', 'set', 'syys', 'syysk', 'сен', 'сент', 'сентябрь', 'сентября', 'wrz', 'zář', 'eyl'],
  ['oct', 'okt', 'ott', 'out', 'loka', 'lokak', 'окт', 'октябрь', 'октября', 'paź', 'říj', 'eki'],
  ['nov', 'marras', 'marrask', 'ноя', 'нояб', 'ноябрь', 'ноября', 'lis', 'kas'],
  ['dec', 'déc', 'dez', 'dic', 'joulu', 'jouluk', 'дек', 'декабрь', 'декабря', 'gru', 'pro', 'ara', 'des'],
];

const MONTHS: ReadonlyMap<string, number> = new Map(
  NAMES.flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);

// The spellings as printed (`Nov`, `nov.`, `Mär`), looked up before any normalisation: journal
// lines are most of a long output and this spares two string copies per line.
const AS_PRINTED: ReadonlyMap<string, number> = new Map(
  [...MONTHS].flatMap(([name, month]) => {
    const capital = name.charAt(0).toUpperCase() + name.slice(1);
    return [name, `${name}.`, capital, `${capital}.`].map((spelling) => [spelling, month] as const);
  }),
);

/** Month 1–12 for a month token such as `nov.`, `marras`, `4月`, `нояб.`; `null` when unknown. */
export function monthNumber(token: string): number | null {
  const printed = AS_PRINTED.get(token);
  if (printed !== undefined) return printed;
  let key = token.trim().toLowerCase();
  if (key.endsWith('.')) key = key.slice(0, -1);
  const named = MONTHS.get(key);
  if (named !== undefined) return named;
  // Chinese and Japanese print the number followed by 月 (Japanese pads with a space); Korean uses 월.
  const last = key[key.length - 1];
  if ((last === '月' || last === '월') && key.length <= 3) {
    const n = Number(key.slice(0, -1));
    if (Number.isInteger(n) && n >= 1 && n <= 12) return n;
  }
  return null;
}
