/**
 * HTML to Markdown-shaped text: headings become `#` lines so the one chunker handles every
 * format. No HTML parser is a dependency; knowledge documents are simple pages (headings,
 * paragraphs, lists, tables), and anything unknown is reduced to its text.
 */

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', euro: '€', pound: '£', copy: '©', reg: '®', trade: '™', middot: '·', bull: '•',
};

/** Decodes named and numeric character references. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[ref.toLowerCase()] ?? m;
  });
}

export interface HtmlText {
  title: string | null;
  text: string;
}

/** The readable text of an HTML page, with headings as Markdown `#` lines. */
export function htmlToText(html: string): HtmlText {
  const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const title = titleMatch ? decodeEntities(titleMatch[1]!.replace(/\s+/g, ' ').trim()) || null : null;
  let s = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi, (_m, level: string, inner: string) => {
      const t = inner.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
      return `\n\n${'#'.repeat(Number(level))} ${t}\n\n`;
    })
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(td|th)\s*>/gi, ' | ')
    .replace(/<\/?(p|div|section|article|header|footer|main|ul|ol|table|thead|tbody|tr|blockquote|pre|dl|dt|dd|figure|nav|aside|hr)\b[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, '');
  s = decodeEntities(s);
  const lines = s.split('\n').map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim().replace(/\s*\|$/, ''));
  // Table rows were split into cells by blank lines above; a lone "|" line carries nothing.
  const text = lines
    .filter((l) => l !== '|')
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { title, text: text.length ? `${text}\n` : '' };
}
