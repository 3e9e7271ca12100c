import { ParsedTextSchema, type ParsedText, type SegmentRole } from '../../../../../src/contract/index.js';

/** The text of every segment with `role`, joined; what an extractor reading that role would see. */
export function roleText(p: ParsedText, role: SegmentRole): string {
  return p.segments
    .filter((s) => s.role === role)
    .map((s) => p.text.slice(s.start, s.end))
    .join('\u0000');
}

/** Asserts the structural promises of a ParsedText: schema, sorted, in bounds, non-overlapping. */
export function checkShape(p: ParsedText): string[] {
  const problems: string[] = [];
  const r = ParsedTextSchema.safeParse(p);
  if (!r.success) problems.push(`schema: ${r.error.message}`);
  let prevEnd = 0;
  for (const s of p.segments) {
    if (s.start < 0 || s.end > p.text.length) problems.push(`out of bounds ${s.start}-${s.end}`);
    if (s.end <= s.start) problems.push(`empty ${s.start}-${s.end}`);
    if (s.start < prevEnd) problems.push(`overlap/unsorted at ${s.start}`);
    prevEnd = s.end;
  }
  return problems;
}
