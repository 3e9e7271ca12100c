// Words that carry no topic; left in, they make every chunk match an OR query.
const STOP = new Set(
  'a an and are as at be but by can do does for from has have how i if in into is it its me my no not of on or our so that the their them there these they this to was we what when where which who why will with you your'.split(
    ' ',
  ),
);

/** The searchable words of a query: lowercased letters/digits, stopwords and duplicates removed. */
export function queryTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const kept = words.filter((w) => !STOP.has(w) && (w.length > 1 || /\d/.test(w)));
  return [...new Set(kept.length ? kept : words)];
}

// Each term is quoted, so user input can never be read as FTS5 syntax (NEAR, column filters, a stray quote).
const quoted = (terms: readonly string[]) => terms.map((t) => `"${t.replace(/"/g, '""')}"`);

// "All but one word" is spelled out as an OR of ANDs, which grows with the square of the words;
// beyond this many words the search goes from "all" straight to "any".
const MOST_MAX_TERMS = 6;

/**
 * FTS5 MATCH expressions for free text, strictest first: `all` requires every term (AND),
 * `most` every term but one (only for 3 to 6 terms, else null), `any` accepts any of them (OR).
 * With one term `all` and `any` are the same string.
 */
export function ftsQueries(query: string): { all: string; most: string | null; any: string } | null {
  const terms = quoted(queryTerms(query));
  if (!terms.length) return null;
  const any = terms.join(' OR ');
  const most =
    terms.length >= 3 && terms.length <= MOST_MAX_TERMS
      ? terms.map((_, skip) => `(${terms.filter((__, i) => i !== skip).join(' AND ')})`).join(' OR ')
      : null;
  return { all: terms.length === 1 ? any : terms.join(' AND '), most, any };
}

/** The OR expression of `ftsQueries`: terms are OR-ed and BM25 ranks. */
export function ftsQuery(query: string): string | null {
  return ftsQueries(query)?.any ?? null;
}
