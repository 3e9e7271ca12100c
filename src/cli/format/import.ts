import Table from 'cli-table3';
import { TABLE_STYLE } from './style.js';
import type { ImportReport } from '../../contract/index.js';

/** An import report as people read it: counts, the mapping, bad rows and duplicates. */
export function formatImportReport(r: ImportReport, maxRows = 25): string {
  const lines: string[] = [];
  const what = r.dry_run ? 'Dry run (nothing written)' : 'Imported';
  lines.push(`${what}: ${r.file_name ?? 'pasted table'} — ${r.rows_total} rows: ${r.imported} ${r.dry_run ? 'would be imported' : 'imported'}, ${r.duplicates.length} duplicates, ${r.invalid.length} invalid (${Math.round(r.duration_ms)} ms).`);
  if (r.previous_import_id) lines.push(`This file was imported before (${r.previous_import_id}); rows already stored are reported as duplicates.`);
  const mapped = r.mapping.filter((m) => m.field !== 'attribute' && m.field !== 'ignore');
  const map = new Table({ style: TABLE_STYLE, head: ['column', 'mapped to', 'confidence'] });
  for (const m of mapped) map.push([m.column, m.field, m.confidence.toFixed(2)]);
  if (mapped.length) lines.push(map.toString());
  const kept = r.mapping.filter((m) => m.field === 'attribute').map((m) => m.column);
  const ignored = r.mapping.filter((m) => m.field === 'ignore' && m.column.trim() !== '').map((m) => m.column);
  if (kept.length) lines.push(`Kept as attributes (for rules and back-tests): ${kept.join(', ')}.`);
  if (ignored.length) lines.push(`Ignored: ${ignored.join(', ')}.`);
  if (r.invalid.length) {
    const t = new Table({ style: TABLE_STYLE, head: ['row', 'column', 'reason'], colWidths: [8, 24, 70], wordWrap: true });
    for (const i of r.invalid.slice(0, maxRows)) t.push([String(i.row), i.column ?? '', i.reason]);
    lines.push(`Invalid rows (not imported)${r.invalid.length > maxRows ? `, first ${maxRows} of ${r.invalid.length}` : ''}:`, t.toString());
  }
  if (r.duplicates.length) {
    const t = new Table({ style: TABLE_STYLE, head: ['row', 'matches lead', 'by'] });
    for (const d of r.duplicates.slice(0, maxRows)) t.push([String(d.row), d.matched_lead_id ?? '', d.by]);
    lines.push(`Duplicates (not merged)${r.duplicates.length > maxRows ? `, first ${maxRows} of ${r.duplicates.length}` : ''}:`, t.toString());
  }
  if (r.warnings.length) lines.push(`${r.warnings.length} warnings, e.g. row ${r.warnings[0]!.row}: ${r.warnings[0]!.reason}`);
  return lines.join('\n');
}
