import { extractText, getDocumentProxy } from 'unpdf';
import { err, ok, type Result } from '../../../contract/index.js';

export interface PdfText {
  title: string | null;
  text: string;
  pages: number;
}

/**
 * The text layer of a PDF, pages separated by blank lines. A file that is not a PDF, is
 * damaged or is encrypted is an expected failure: the caller reports it and goes on.
 */
export async function pdfToText(bytes: Uint8Array, name: string): Promise<Result<PdfText>> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) {
    return err('invalid_input', `${name} is not a PDF (no %PDF- header). Re-export it as PDF, or save it as .txt/.md.`);
  }
  try {
    // pdf.js takes ownership of the buffer it gets; pass a copy so the caller's bytes survive.
    const doc = await getDocumentProxy(new Uint8Array(bytes));
    let title: string | null = null;
    try {
      const meta = await doc.getMetadata();
      const info = meta.info as { Title?: unknown } | undefined;
      title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : null;
    } catch {
      title = null; // metadata is optional; its absence is no reason to fail the ingest
    }
    const { totalPages, text } = await extractText(doc, { mergePages: false });
    await doc.destroy();
    const pages = text.map((p) => p.replace(/[ \t]+\n/g, '\n').trim()).filter((p) => p.length > 0);
    if (!pages.length) {
      return err('unsupported', `${name} has no text layer (a scanned image?). Run OCR on it first, or add the text as .txt.`);
    }
    return ok({ title, text: `${pages.join('\n\n')}\n`, pages: totalPages });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return err('invalid_input', `${name} could not be read as a PDF (${detail}). The file may be damaged or password-protected; re-export it.`);
  }
}
