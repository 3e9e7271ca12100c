/**
 * Splits an extracted document into chunks along headings and paragraphs. Chunk text is always
 * a slice of the document text, so `doc.text.slice(start, end) === chunk.text` holds and a
 * citation's quote can be shown in place.
 */

export interface ChunkDraft {
  ordinal: number;
  heading_path: string[];
  text: string;
  start: number;
  end: number;
}

export interface ChunkOptions {
  /** Soft upper bound on a chunk's length; paragraphs are packed up to it. */
  maxChars?: number;
  /** Heading that roots every path (the document title when the text has no H1). */
  title?: string;
}

interface Block {
  start: number;
  end: number;
  path: string[];
}

const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$/;
const FENCE = /^(```|~~~)/;
// Retrieval works best when a chunk holds one idea; ~900 characters is two or three paragraphs.
const DEFAULT_MAX = 900;

/** Paragraph blocks (runs of non-blank lines) with the heading path above each one. */
function blocksOf(text: string, title: string | undefined): Block[] {
  const blocks: Block[] = [];
  const stack: Array<{ level: number; title: string }> = [];
  let inFence = false;
  let blockStart = -1;
  let blockEnd = -1;
  const path = () => {
    const p = stack.map((h) => h.title);
    return title && p[0] !== title ? [title, ...p] : p;
  };
  const flush = () => {
    if (blockStart >= 0) blocks.push({ start: blockStart, end: blockEnd, path: path() });
    blockStart = -1;
  };
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const raw = text.slice(pos, lineEnd);
    const line = raw.replace(/\r$/, '');
    const contentEnd = pos + line.length;
    if (FENCE.test(line.trim())) inFence = !inFence;
    const h = inFence ? null : HEADING.exec(line);
    if (h) {
      flush();
      const level = h[1]!.length;
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, title: h[2]! });
    } else if (line.trim() === '' && !inFence) {
      flush();
    } else {
      if (blockStart < 0) blockStart = pos + (line.length - line.trimStart().length);
      blockEnd = contentEnd - (line.length - line.trimEnd().length);
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  flush();
  return blocks;
}

/** Cuts an over-long block at sentence ends (or spaces) so that no chunk is far above max. */
function splitLong(text: string, b: Block, max: number): Block[] {
  const out: Block[] = [];
  let s = b.start;
  while (b.end - s > max) {
    const window = text.slice(s, s + max);
    let cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('.\n'), window.lastIndexOf('? '), window.lastIndexOf('! '));
    cut = cut > max / 3 ? cut + 1 : window.lastIndexOf(' ');
    if (cut <= 0) cut = max;
    out.push({ start: s, end: s + cut, path: b.path });
    s += cut;
    while (s < b.end && /\s/.test(text[s]!)) s++;
  }
  if (s < b.end) out.push({ start: s, end: b.end, path: b.path });
  return out;
}

const samePath = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Chunks of a document's text: one heading path per chunk, paragraphs packed up to maxChars. */
export function chunkText(text: string, opts: ChunkOptions = {}): ChunkDraft[] {
  const max = opts.maxChars ?? DEFAULT_MAX;
  const blocks = blocksOf(text, opts.title).flatMap((b) => splitLong(text, b, max));
  const chunks: ChunkDraft[] = [];
  let cur: Block | undefined;
  const push = (b: Block) => chunks.push({ ordinal: chunks.length, heading_path: b.path, text: text.slice(b.start, b.end), start: b.start, end: b.end });
  for (const b of blocks) {
    if (cur && samePath(cur.path, b.path) && b.end - cur.start <= max) {
      cur = { start: cur.start, end: b.end, path: cur.path };
    } else {
      if (cur) push(cur);
      cur = { start: b.start, end: b.end, path: b.path };
    }
  }
  if (cur) push(cur);
  return chunks;
}

/** The first H1 of a Markdown text, if any: the document's title. */
export function firstHeading(text: string): string | null {
  for (const line of text.split('\n')) {
    const m = /^#[ \t]+(.+?)[ \t]*#*[ \t]*$/.exec(line.replace(/\r$/, ''));
    if (m) return m[1]!;
  }
  return null;
}
