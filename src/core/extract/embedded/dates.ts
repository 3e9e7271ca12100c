/**
 * Calendar arithmetic and multilingual month / quarter vocabularies for the timeline reader.
 * Dates are plain {y, m (1-12), d} in UTC so results never depend on the machine's time zone.
 */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function parseIso(iso: string): Ymd {
  const [y, m, d] = iso.split('-').map(Number);
  return { y: y ?? 1970, m: m ?? 1, d: d ?? 1 };
}

export function toIso(t: Ymd): string {
  return `${t.y}-${String(t.m).padStart(2, '0')}-${String(t.d).padStart(2, '0')}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function compare(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** Whole months from `from` to `to`, a started month counting as a whole one; at least 1. */
export function monthsBetween(from: Ymd, to: Ymd): number {
  const months = (to.y - from.y) * 12 + (to.m - from.m) + (to.d > from.d ? 1 : 0);
  return Math.max(1, months);
}

export function addDays(t: Ymd, days: number): Ymd {
  const dt = new Date(Date.UTC(t.y, t.m - 1, t.d + days));
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function addMonths(t: Ymd, months: number): Ymd {
  const total = t.y * 12 + (t.m - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return { y, m, d: Math.min(t.d, daysInMonth(y, m)) };
}

export function endOfMonth(y: number, m: number): Ymd {
  return { y, m, d: daysInMonth(y, m) };
}

/** Last day of quarter q (1-4) of year y. */
export function endOfQuarter(y: number, q: number): Ymd {
  return endOfMonth(y, q * 3);
}

export function quarterOf(t: Ymd): number {
  return Math.floor((t.m - 1) / 3) + 1;
}

/** The fourth Friday of November: Black Friday. */
export function blackFriday(y: number): Ymd {
  const first = new Date(Date.UTC(y, 10, 1)).getUTCDay();
  const firstFriday = 1 + ((5 - first + 7) % 7);
  return { y, m: 11, d: firstFriday + 21 };
}

// Month words in English, German, French, Spanish, Portuguese, Italian and Dutch. "May", "Mar" and "Jan" are
// also ordinary words or names; the timeline reader only accepts them next to a date cue.
const MONTH_WORDS: Array<[number, string[]]> = [
  [1, ['january', 'jan', 'januar', 'jänner', 'janvier', 'enero', 'janeiro', 'gennaio', 'januari']],
  [2, ['february', 'feb', 'februar', 'février', 'fevrier', 'febrero', 'fevereiro', 'febbraio', 'februari']],
  [3, ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo', 'março', 'maart']],
  [4, ['april', 'apr', 'avril', 'abril', 'aprile']],
  [5, ['may', 'mai', 'mayo', 'maio', 'maggio', 'mei']],
  [6, ['june', 'jun', 'juni', 'juin', 'junio', 'junho', 'giugno']],
  [7, ['july', 'jul', 'juli', 'juillet', 'julio', 'julho', 'luglio']],
  [8, ['august', 'aug', 'août', 'aout', 'agosto', 'augustus']],
  [9, ['september', 'sept', 'sep', 'septembre', 'septiembre', 'setiembre', 'setembro', 'settembre']],
  [10, ['october', 'oct', 'oktober', 'octobre', 'octubre', 'outubro', 'ottobre']],
  [11, ['november', 'nov', 'novembre', 'noviembre', 'novembro']],
  [12, ['december', 'dec', 'dezember', 'décembre', 'decembre', 'diciembre', 'dezembro', 'dicembre']],
];

const MONTH_INDEX = new Map<string, number>();
for (const [n, words] of MONTH_WORDS) for (const w of words) MONTH_INDEX.set(w, n);

/** Alternation of every month word, longest first so "september" beats "sep". */
export const MONTH_SRC = [...MONTH_INDEX.keys()].sort((a, b) => b.length - a.length).join('|');

export function monthNumber(word: string): number | undefined {
  return MONTH_INDEX.get(word.toLowerCase().replace(/\.$/, ''));
}
