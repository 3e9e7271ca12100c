import type { MeetingBrief } from '../../../contract/index.js';
import { renderPdf, type PdfLine } from './pdf.js';

/** The brief as a PDF: sections, items with citation numbers, and the quoted sources at the end. */
export function briefToPdf(brief: MeetingBrief, title = `Meeting brief: ${brief.lead_id}`): Buffer {
  const lines: PdfLine[] = [
    { text: title, size: 16, bold: true },
    { text: `Generated ${brief.generated_at} by ${brief.composer}.`, size: 8 },
  ];
  const notes: string[] = [];
  for (const s of brief.sections) {
    lines.push({ text: ' ', size: 6 }, { text: s.title, size: 12, bold: true });
    if (!s.items.length) lines.push({ text: 'Nothing to add.', indent: 12 });
    for (const it of s.items) {
      const marks = it.citations.map((c) => {
        notes.push(`[${notes.length + 1}] ${c.source} (${c.chunk_id}): "${c.quote.replace(/\s+/g, ' ')}"`);
        return `[${notes.length}]`;
      });
      lines.push({ text: `- ${it.text}${marks.length ? ` ${marks.join('')}` : ''}`, indent: 12 });
    }
  }
  if (notes.length) {
    lines.push({ text: ' ', size: 6 }, { text: 'Sources', size: 12, bold: true });
    for (const n of notes) lines.push({ text: n, size: 8, indent: 12 });
  }
  return renderPdf(lines, { title });
}
