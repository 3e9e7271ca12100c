/**
 * A minimal PDF 1.4 writer for text documents (no PDF library is a dependency). It uses the
 * standard Helvetica fonts, so nothing is embedded, and WinAnsi encoding: characters outside
 * Latin-1 are transliterated or replaced with '?'.
 */

export interface PdfLine {
  text: string;
  size?: number;
  bold?: boolean;
  /** Extra left indent in points. */
  indent?: number;
}

const PAGE_W = 612; // US Letter; A4 readers print it without clipping at these margins
const PAGE_H = 792;
const MARGIN = 56;

const TRANSLIT: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2013': '-', '\u2014': '-', '\u2026': '...', '\u2022': '-', '\u00a0': ' ', '\u2192': '->', '\u20ac': 'EUR' };

/** Text as a PDF literal string in WinAnsi (Latin-1 subset). */
function pdfString(s: string): string {
  let out = '';
  for (const ch of s) {
    const t = TRANSLIT[ch] ?? ch;
    for (const c of t) {
      const code = c.codePointAt(0) ?? 63;
      const byte = code < 32 || code > 255 || (code >= 127 && code < 160) ? 63 : code;
      const chr = String.fromCharCode(byte);
      out += chr === '(' || chr === ')' || chr === '\\' ? `\\${chr}` : chr;
    }
  }
  return `(${out})`;
}

/** Greedy word wrap; Helvetica averages about half an em per character. */
function wrap(text: string, size: number, width: number): string[] {
  const max = Math.max(10, Math.floor(width / (size * 0.5)));
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      out.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word.length > max ? word.slice(0, max) : word;
  }
  if (line || !out.length) out.push(line);
  return out;
}

/** Lays out lines on as many pages as needed and returns the PDF file's bytes. */
export function renderPdf(lines: readonly PdfLine[], meta: { title?: string } = {}): Buffer {
  const pages: string[][] = [[]];
  let y = PAGE_H - MARGIN;
  for (const l of lines) {
    const size = l.size ?? 10;
    const indent = l.indent ?? 0;
    for (const w of wrap(l.text, size, PAGE_W - 2 * MARGIN - indent)) {
      const lead = size * 1.35;
      if (y - lead < MARGIN) {
        pages.push([]);
        y = PAGE_H - MARGIN;
      }
      y -= lead;
      pages[pages.length - 1]!.push(`BT /${l.bold ? 'F2' : 'F1'} ${size} Tf ${MARGIN + indent} ${y.toFixed(1)} Td ${pdfString(w)} Tj ET`);
    }
  }
  // Objects: 1 catalog, 2 pages, 3 F1, 4 F2, 5 info, then a (page, content) pair per page.
  const objs: string[] = [];
  const pageIds = pages.map((_, i) => 6 + i * 2);
  objs[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objs[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objs[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objs[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objs[5] = `<< /Producer (Sales Copilot)${meta.title ? ` /Title ${pdfString(meta.title)}` : ''} >>`;
  pages.forEach((ops, i) => {
    const stream = ops.join('\n');
    objs[6 + i * 2] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${7 + i * 2} 0 R >>`;
    objs[7 + i * 2] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });
  // Offsets are byte positions, so the file is assembled in latin1 where 1 char = 1 byte.
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objs.length; id++) {
    offsets[id] = Buffer.byteLength(body, 'latin1');
    body += `${id} 0 obj\n${objs[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objs.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objs.length; id++) body += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objs.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
