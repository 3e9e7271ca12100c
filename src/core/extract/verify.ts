import type { Evidence } from '../../contract/evidence.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds a quote in the source text, tolerating differences in whitespace only (a model often
 * folds a line break into a space). Returns evidence whose `quote` is the exact source slice,
 * so `text.slice(start, end) === quote` always holds; null when the words are not there.
 */
export function locateQuote(text: string, quote: string): Evidence | null {
  const words = quote.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  const exact = text.indexOf(quote);
  if (exact >= 0 && quote.trim() === quote) return { quote, start: exact, end: exact + quote.length };
  const re = new RegExp(words.map(escape).join('\\s+'), 'u');
  const m = re.exec(text);
  if (!m) return null;
  return { quote: m[0], start: m.index, end: m.index + m[0].length };
}

/** The quotes that were found, as evidence, and the ones that were not. */
export interface VerifiedQuotes {
  evidence: Evidence[];
  invalid: string[];
}

/** Verifies every quote of one fact; duplicates collapse to one piece of evidence. */
export function verifyQuotes(text: string, quotes: readonly string[]): VerifiedQuotes {
  const evidence: Evidence[] = [];
  const invalid: string[] = [];
  for (const q of quotes) {
    const e = locateQuote(text, q);
    if (!e) invalid.push(q);
    else if (!evidence.some((x) => x.start === e.start && x.end === e.end)) evidence.push(e);
  }
  return { evidence, invalid };
}

/** True when an evidence item points at exactly its quote in `text`. */
export const evidenceHolds = (text: string, e: Evidence): boolean => e.quote.length > 0 && text.slice(e.start, e.end) === e.quote;
