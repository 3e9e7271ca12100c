import type { MeetingBrief } from '../../../contract/index.js';

/** The brief as Markdown: numbered citation markers in the text, the quotes as footnotes. */
export function briefToMarkdown(brief: MeetingBrief, title = `Meeting brief: ${brief.lead_id}`): string {
  const lines = [`# ${title}`, '', `_Generated ${brief.generated_at} by ${brief.composer}._`, ''];
  const notes: string[] = [];
  for (const s of brief.sections) {
    lines.push(`## ${s.title}`, '');
    if (!s.items.length) lines.push('_Nothing to add._');
    for (const it of s.items) {
      const marks = it.citations.map((c) => {
        notes.push(`[^${notes.length + 1}]: ${c.source} (${c.chunk_id}): "${c.quote.replace(/\s+/g, ' ')}"`);
        return `[^${notes.length}]`;
      });
      lines.push(`- ${it.text}${marks.length ? ` ${marks.join(' ')}` : ''}`);
    }
    lines.push('');
  }
  if (notes.length) lines.push('## Sources', '', ...notes, '');
  return lines.join('\n');
}
