import Papa from 'papaparse';
import { err, ok, type Result } from '../../../contract/errors.js';
import { aliasIndex, COMPANY_ALIASES, headerKey, LEAD_ALIASES } from './aliases.js';

export interface ParsedTable {
  delimiter: string;
  /** Header cells as written (trimmed, BOM removed). */
  headers: string[];
  /** 1-based line of the header in the file. */
  headerLine: number;
  /**
   * Streams the data rows after the header (blank lines skipped) with their 1-based file line.
   * Streaming keeps a 100k-row import from holding millions of cell strings at once.
   */
  forEachRow: (fn: (cells: string[], line: number) => void) => void;
}

/** All data rows at once (tests, small pastes). */
export function readRows(t: ParsedTable): Array<{ cells: string[]; line: number }> {
  const out: Array<{ cells: string[]; line: number }> = [];
  t.forEachRow((cells, line) => out.push({ cells, line }));
  return out;
}

const CANDIDATES = [',', '\t', ';', '|'] as const;
const KNOWN = new Set([...aliasIndex(LEAD_ALIASES).keys(), ...aliasIndex(COMPANY_ALIASES).keys()]);

/** Counts a delimiter outside double quotes on one line (good enough for a guess). */
function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQ = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQ = !inQ;
    else if (c === d && !inQ) n++;
  }
  return n;
}

/**
 * Picks the delimiter whose count per line is most consistent over the first lines. Papaparse
 * guesses too, but a preamble ("Exported on ...") throws its guess off.
 */
export function detectDelimiter(text: string): string {
  const lines = text.slice(0, 64 * 1024).split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 30);
  let best: string = ',';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d)).filter((c) => c > 0);
    if (!counts.length) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    const [mode, times] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
    const score = times * 1000 + mode;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/**
 * The header is the first row of the first lines where most non-empty cells are known header
 * names; without such a row, the first row with as many cells as the widest of the first rows.
 */
export function detectHeaderRow(rows: readonly string[][]): number {
  const head = rows.slice(0, 20);
  let bestIdx = -1;
  let bestScore = 0;
  head.forEach((r, i) => {
    const cells = r.map((c) => c.trim()).filter((c) => c !== '');
    if (cells.length < 2) return;
    const known = cells.filter((c) => KNOWN.has(headerKey(c))).length;
    const score = known / cells.length;
    if (known >= 2 && score >= 0.3 && score > bestScore) {
      bestScore = score;
      bestIdx = i;
    }
  });
  if (bestIdx >= 0) return bestIdx;
  const width = Math.max(0, ...head.map((r) => r.filter((c) => c.trim() !== '').length));
  const idx = head.findIndex((r) => r.filter((c) => c.trim() !== '').length >= Math.max(1, width - 1));
  return idx < 0 ? 0 : idx;
}

const isBlankRow = (r: readonly string[]): boolean => r.length === 0 || (r.length === 1 && (r[0] ?? '').trim() === '');

function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const n = text.indexOf('\n');
  if (n === -1) return text.includes('\r') ? '\r' : '\n';
  return n > 0 && text[n - 1] === '\r' ? '\r\n' : '\n';
}

/** Newlines inside the cells of one record (quoted multi-line values). */
function innerNewlines(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) {
    if (cell.length === 0) continue;
    for (let p = cell.indexOf('\n'); p !== -1; p = cell.indexOf('\n', p + 1)) n++;
  }
  return n;
}

const CHUNK_BYTES = 1 << 20;
const HEADER_SCAN_ROWS = 20;

/** Parses pasted or file text as CSV/TSV and finds the header; rows keep their file line numbers. */
export function parseTable(input: string, opts: { delimiter?: string } = {}): Result<ParsedTable> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === '') return err('invalid_input', 'the table is empty: paste rows with a header line, or choose a CSV/TSV file');
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const newline = detectNewline(text);
  const base = { delimiter, newline, header: false, skipEmptyLines: false, dynamicTyping: false } as const;
  const head = Papa.parse<string[]>(text, { ...base, preview: HEADER_SCAN_ROWS });
  const headerIdx = detectHeaderRow(head.data);
  const headerRow = head.data[headerIdx];
  if (!headerRow || isBlankRow(headerRow)) return err('invalid_input', 'no header row found: the first line should name the columns');
  let headerLine = 1;
  for (let i = 0; i < headerIdx; i++) headerLine += 1 + innerNewlines(head.data[i] ?? []);
  const unclosed = head.errors.find((e) => e.code === 'MissingQuotes' && (e.row ?? 0) <= headerIdx);
  if (unclosed) return err('invalid_input', 'an opening quote in the header is never closed; check the quotes in the first lines');
  const headers = headerRow.map((h) => h.trim());
  // Only a text with a quote can hold a newline inside a cell; skip the scan otherwise.
  const mayHaveInnerNewlines = text.includes('"');

  const forEachRow = (fn: (cells: string[], line: number) => void) => {
    let record = 0;
    let line = 1;
    // Papaparse streams strings in chunks synchronously; its typings only admit `chunk` for files.
    const streaming: Papa.ParseConfig<string[]> = Object.assign(
      { ...base },
      {
        chunkSize: CHUNK_BYTES,
        chunk: (res: Papa.ParseResult<string[]>) => {
          for (const r of res.data) {
            const at = line;
            line += 1 + (mayHaveInnerNewlines ? innerNewlines(r) : 0);
            if (record++ <= headerIdx || isBlankRow(r)) continue;
            fn(r, at);
          }
        },
      },
    );
    Papa.parse<string[]>(text, streaming);
  };
  return ok({ delimiter, headers, headerLine, forEachRow });
}
