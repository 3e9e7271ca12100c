import type { Evidence } from '../../../contract/index.js';
import { evidence, type Scope } from './scope.js';

export interface CompetitorsFinding {
  value: string[];
  evidence: Evidence[];
}

/** The seller's named competitors (SPEC), from the spellings people use for them. */
function canonical(word: string): string {
  const w = word.toLowerCase().replace(/\s+/g, '');
  if (w.startsWith('mix')) return 'Mixpanel';
  if (w.startsWith('ampl')) return 'Amplitude';
  if (w.startsWith('heap')) return 'Heap';
  if (w.startsWith('pendo')) return 'Pendo';
  if (w.startsWith('post')) return 'PostHog';
  return 'Google Analytics';
}
const ANY = /(?<![\p{L}\d])(mix\s?panel|amplitude|heap|pendo|post\s?hog|google\s+anal\w*|GA4|GA)(?![\p{L}\d])/giu;

// The name is the sender's employer, a past employer, a partner, or Harbor's own marketing.
const NOT_USED_BEFORE =
  /(?:\b(?:work(?:s|ed|ing)? (?:at|for)|used to work (?:at|for)|i'?m (?:\w+\s+){0,6}at|team at|ex-|former(?:ly)?(?: at)?|alumni of|joined|left|@|\||·)\s*$|\b(?:ads?|advert\w*|campaign|partner|case study|from us|like)\b[^.\n]{0,30}$)/i;
const NOT_USED_AFTER = /^\s*(?:integration partner|partner|alumni|employee)/i;
// "a heap of", "the heap" are not the product.
const HEAP_WORD = /^heap\s+of\b/i;

/**
 * Competitor products the lead uses or evaluates, in order of first mention. A competitor named
 * as the sender's employer, a former employer, a partner or in Harbor's ads is not one.
 */
export function findCompetitors(scope: Scope, senderIsCompetitor: boolean): CompetitorsFinding | null {
  if (senderIsCompetitor) return null;
  const text = scope.text;
  const found = new Map<string, Evidence>();
  ANY.lastIndex = 0;
  for (let m = ANY.exec(text); m; m = ANY.exec(text)) {
    const role = scope.roleAt(m.index);
    if ((role !== 'lead' && role !== 'other') || scope.masked(m.index)) continue;
    const word = m[0];
    // "GA" only in upper case; "Heap" only as the product.
    if (/^ga$/i.test(word) && word !== 'GA') continue;
    if (/^heap$/i.test(word) && HEAP_WORD.test(text.slice(m.index, m.index + 10))) continue;
    const before = text.slice(Math.max(scope.lineAt(m.index)[0], m.index - 50), m.index);
    const after = text.slice(m.index + word.length, m.index + word.length + 30);
    if (NOT_USED_BEFORE.test(before) || NOT_USED_AFTER.test(after)) continue;
    const name = canonical(word);
    if (!found.has(name)) found.set(name, evidence(text, m.index, m.index + word.length));
  }
  if (found.size === 0) return null;
  return { value: [...found.keys()], evidence: [...found.values()] };
}
