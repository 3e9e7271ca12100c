import { basename, extname } from 'node:path';
import { err, ok, type KbFormat, type Result } from '../../../contract/index.js';
import { firstHeading } from '../chunk.js';
import { htmlToText } from './html.js';
import { pdfToText } from './pdf.js';

const EXTENSIONS: Record<string, KbFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'markdown',
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
};

/** The format a file name implies, or null when the knowledge base does not read it. */
export function formatOf(path: string): KbFormat | null {
  return EXTENSIONS[extname(path).toLowerCase()] ?? null;
}

export interface ExtractedDoc {
  title: string;
  format: KbFormat;
  /** What chunks and offsets refer to: Markdown kept as written, HTML and PDF reduced to text. */
  text: string;
}

const titleFromName = (name: string) => basename(name, extname(name)).replace(/[-_]+/g, ' ').trim() || name;

/** The text of one document in any supported format. */
export async function extractDoc(bytes: Uint8Array, name: string, format: KbFormat): Promise<Result<ExtractedDoc>> {
  if (format === 'pdf') {
    const r = await pdfToText(bytes, name);
    if (!r.ok) return r;
    return ok({ title: r.value.title ?? titleFromName(name), format, text: r.value.text });
  }
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return err('invalid_input', `${name} is not UTF-8 text. Save it as UTF-8 and add it again.`);
  }
  if (format === 'html') {
    const h = htmlToText(raw);
    return ok({ title: h.title ?? firstHeading(h.text) ?? titleFromName(name), format, text: h.text });
  }
  if (format === 'markdown') return ok({ title: firstHeading(raw) ?? titleFromName(name), format, text: raw });
  return ok({ title: titleFromName(name), format, text: raw });
}
