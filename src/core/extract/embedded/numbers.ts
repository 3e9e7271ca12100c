/**
 * Multilingual number reading: "30,000", "30.000", "45 000", "1.5k", "2,5 Mio", "8 mil".
 * Regex sources are exported as strings so other modules can embed them in their own
 * precompiled patterns.
 */

/**
 * A number as written. Thousands groups may use , . space, NBSP, thin space or '. The first
 * alternative only matches real thousands groups of exactly three digits.
 */
export const NUM_SRC = String.raw`(?:\d{1,3}(?:[,.\u00A0\u202F ']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)`;

/** A magnitude suffix: k, m, Mio, mil (thousand in ES/PT), million, thousand ... */
export const MULT_SRC = String.raw`(?:\s?(?:k|K|mn|MM|Mio\.?|Mrd|millions?|millones|milhões|thousand|tausend|mille|mil|grand|m|M)(?![a-zA-Z]))`;

const WORD_MULT: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  grand: 1e3,
  tausend: 1e3,
  mille: 1e3,
  mil: 1e3,
  m: 1e6,
  mn: 1e6,
  mm: 1e6,
  'mio.': 1e6,
  mio: 1e6,
  million: 1e6,
  millions: 1e6,
  millones: 1e6,
  'milhões': 1e6,
  mrd: 1e9,
};

/** The factor of a magnitude suffix ("k" -> 1000), 1 when absent or unknown. */
export function multiplierOf(suffix: string | undefined): number {
  if (!suffix) return 1;
  return WORD_MULT[suffix.trim().toLowerCase()] ?? 1;
}

const SEPARATORS = /[,.\u00A0\u202F ']/g;

/**
 * Parses a number token. A lone separator followed by exactly three digits is a thousands
 * separator ("2.400" in German is 2400); otherwise it is the decimal mark ("1.5", "2,5").
 */
export function parseNumber(raw: string): number {
  const token = raw.trim();
  const seps = [...token.matchAll(SEPARATORS)].map((m) => ({ ch: m[0], at: m.index ?? 0 }));
  if (seps.length === 0) return Number(token);
  const last = seps[seps.length - 1];
  if (!last) return Number(token);
  const tail = token.length - last.at - 1;
  const kinds = new Set(seps.map((s) => s.ch));
  let decimalAt = -1;
  const lastIsMark = last.ch === '.' || last.ch === ',';
  // Mixed separators ("1,234.56", "1.234,56") or a lone one: a mark not grouping three digits is decimal.
  if (lastIsMark && tail !== 3 && (kinds.size > 1 || seps.length === 1)) decimalAt = last.at;
  let digits = '';
  for (let i = 0; i < token.length; i++) {
    const ch = token[i] ?? '';
    if (i === decimalAt) digits += '.';
    else if (/\d/.test(ch)) digits += ch;
  }
  return Number(digits);
}

const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  couple: 2,
  'a couple of': 2,
  'couple of': 2,
  few: 3,
  'a few': 3,
  un: 1,
  una: 1,
  uno: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  ein: 1,
  einem: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  'fünf': 5,
  sechs: 6,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  um: 1,
  dois: 2,
  'três': 3,
  quatro: 4,
};

/** Number words the timeline reader accepts ("two", "a couple of", "drei"). */
export const WORD_NUM_SRC = Object.keys(WORD_NUMBERS)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ /g, '\\s+'))
  .join('|');

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** English number words from one to ninety-nine ("five", "twenty-five", "a dozen"), as a regex source. */
export const EN_WORD_NUM_SRC = String.raw`(?:(?:${TENS.filter(Boolean).join('|')})(?:[- ](?:${UNITS.slice(1, 10).join('|')}))?|${UNITS.slice(1).sort((a, b) => b.length - a.length).join('|')}|(?:a|one|two|three)\s+dozen|a couple(?:\s+of)?|an?)`;

/** The value of an `EN_WORD_NUM_SRC` match ("twenty-five" -> 25, "a dozen" -> 12); NaN otherwise. */
export function parseEnglishNumber(raw: string): number {
  const t = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  const dozen = /^(a|one|two|three) dozen$/.exec(t);
  if (dozen) return 12 * (dozen[1] === 'a' ? 1 : UNITS.indexOf(dozen[1] ?? ''));
  if (/^a couple( of)?$/.test(t)) return 2;
  if (t === 'a' || t === 'an') return 1;
  const [tens, unit] = t.split(/[- ]/);
  const ti = TENS.indexOf(tens ?? '');
  if (ti >= 2) return ti * 10 + (unit ? Math.max(0, UNITS.indexOf(unit)) : 0);
  const ui = UNITS.indexOf(t);
  return ui > 0 ? ui : Number.NaN;
}

/** Reads "3", "two", "a couple of" as a number; NaN when it is neither. */
export function parseCount(raw: string): number {
  const t = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^\d+$/.test(t)) return Number(t);
  return WORD_NUMBERS[t] ?? Number.NaN;
}
