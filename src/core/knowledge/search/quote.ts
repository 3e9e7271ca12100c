import { queryTerms } from './query.js';

/** Sentences of a chunk with their offsets; list markers and headings count as sentence breaks. */
export function sentencesOf(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  const re = /[^\n.!?]+(?:[.!?]+(?=\s|$)|[.!?]+[^\s.!?][^\n.!?]*)*[.!?]*/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const s = raw.trim().replace(/^[-*+]\s+|^\d+\.\s+/, '');
    if (s.length < 3) continue;
    const start = (m.index ?? 0) + lead + (raw.trim().length - s.length);
    out.push({ text: s, start });
  }
  return out;
}

const stem = (w: string) => w.replace(/(ing|ed|es|s)$/, '');

/**
 * The sentence of `text` that best matches the query: the verbatim quote a citation shows.
 * Ties go to the earlier sentence; no match at all gives the first sentence.
 */
export function bestSentence(text: string, query: string, minChars = 20): string {
  const terms = queryTerms(query).map(stem);
  const sentences = sentencesOf(text).filter((s) => s.text.length >= minChars && !/^#/.test(s.text));
  const pool = sentences.length ? sentences : sentencesOf(text);
  let best = pool[0]?.text ?? text.trim();
  let bestScore = -1;
  for (const s of pool) {
    const words = new Set((s.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(stem));
    const score = terms.reduce((n, t) => n + (words.has(t) ? 1 : 0), 0);
    if (score > bestScore) {
      best = s.text;
      bestScore = score;
    }
  }
  return best;
}
