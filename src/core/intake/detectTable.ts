import Papa from 'papaparse';

/**
 * Whether a pasted input is a table (CSV/TSV with a header) rather than a message. A message has
 * commas too, so it takes several rows with the same number of fields and a header of short labels.
 */
export function looksLikeTable(text: string): boolean {
  const head = text.split(/\r?\n/, 12).filter((l) => l.trim() !== '');
  if (head.length < 2) return false;
  const parsed = Papa.parse<string[]>(head.join('\n'), { delimitersToGuess: [',', '\t', ';', '|'] });
  const rows = parsed.data.filter((r) => r.length > 1);
  if (rows.length < 2) return false;
  const width = rows[0]!.length;
  const same = rows.filter((r) => r.length === width).length;
  const labels = rows[0]!.filter((c) => c.trim() !== '');
  const shortLabels = labels.every((c) => c.length <= 40 && !/[.!?]\s/.test(c));
  return width >= 2 && same / rows.length >= 0.8 && shortLabels;
}
