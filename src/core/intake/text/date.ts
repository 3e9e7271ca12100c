import * as chrono from 'chrono-node';

// Headers pasted from a German, French, Spanish... mail client name their dates in that language.
const PARSERS = [chrono.en, chrono.de, chrono.fr, chrono.es, chrono.pt, chrono.nl, chrono.it];

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// Month names of the mail clients we see pasted (en, de, fr, es, pt, nl, it), full and short.
const MONTHS: ReadonlyArray<readonly string[]> = [
  ['january', 'jan', 'januar', 'janvier', 'enero', 'janeiro', 'januari', 'gennaio', 'jän'],
  ['february', 'feb', 'februar', 'février', 'fevrier', 'febrero', 'fevereiro', 'februari', 'febbraio', 'fév', 'fev'],
  ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo', 'março', 'marco', 'maart', 'mär', 'mrz'],
  ['april', 'apr', 'avril', 'abril', 'aprile', 'avr', 'abr'],
  ['may', 'mai', 'mayo', 'maio', 'mei', 'maggio'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'junho', 'giugno'],
  ['july', 'jul', 'juli', 'juillet', 'julio', 'julho', 'luglio', 'juil'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'augustus', 'ago'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setembro', 'settembre', 'set'],
  ['october', 'oct', 'oktober', 'octobre', 'octubre', 'outubro', 'ottobre', 'okt', 'out', 'ott'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dec', 'dezember', 'décembre', 'decembre', 'diciembre', 'dezembro', 'dicembre', 'dez', 'dic'],
];
const MONTH_INDEX = new Map<string, number>();
MONTHS.forEach((names, i) => names.forEach((n) => MONTH_INDEX.set(n, i + 1)));
const MONTH_ALT = [...MONTH_INDEX.keys()].sort((a, b) => b.length - a.length).join('|');
const DAY_MONTH_YEAR_RE = new RegExp(`\\b(\\d{1,2})\\.?\\s+(?:de\\s+)?(${MONTH_ALT})\\.?,?\\s+(?:de\\s+)?(\\d{4})\\b`, 'iu');
const MONTH_DAY_YEAR_RE = new RegExp(`\\b(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'iu');
const ISO_RE = /\b(\d{4})-(\d{2})-(\d{2})\b/;

/** Header dates in their usual shapes, without chrono: it costs milliseconds per call. */
function fastDate(text: string): string | null {
  let y: number, mo: number | undefined, d: number;
  let m = ISO_RE.exec(text);
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else if ((m = DAY_MONTH_YEAR_RE.exec(text))) {
    d = Number(m[1]);
    mo = MONTH_INDEX.get((m[2] ?? '').toLowerCase());
    y = Number(m[3]);
  } else if ((m = MONTH_DAY_YEAR_RE.exec(text))) {
    mo = MONTH_INDEX.get((m[1] ?? '').toLowerCase());
    d = Number(m[2]);
    y = Number(m[3]);
  } else {
    return null;
  }
  if (!mo || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/**
 * The calendar date a header or "On ... wrote:" line names, as YYYY-MM-DD. Components are
 * read directly so the machine's time zone never shifts the day.
 */
export function parseMailDate(text: string, receivedAt?: string): string | null {
  const fast = fastDate(text);
  if (fast) return fast;
  const ref = receivedAt && /^\d{4}-\d{2}-\d{2}/.test(receivedAt) ? new Date(`${receivedAt.slice(0, 10)}T12:00:00Z`) : undefined;
  for (const parser of PARSERS) {
    const results = ref ? parser.parse(text, ref) : parser.parse(text);
    const first = results[0];
    // A bare time ("17:12") makes chrono imply today's date; only a named day counts.
    if (!first || !first.start.isCertain('day') || !first.start.isCertain('month')) continue;
    const year = first.start.get('year');
    const month = first.start.get('month');
    const day = first.start.get('day');
    if (year === null || month === null || day === null) continue;
    return `${year}-${pad(month)}-${pad(day)}`;
  }
  return null;
}

/** The newest of several YYYY-MM-DD dates, or null. */
export function newestDate(dates: readonly (string | null)[]): string | null {
  let best: string | null = null;
  for (const d of dates) if (d && (best === null || d > best)) best = d;
  return best;
}
