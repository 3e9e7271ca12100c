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
  forEachRow: (fn: RowVisitor) => void;
}

/** Receives one data row with its 1-based file line. */
export type RowVisitor = (cells: string[], line: number) => void;

/** All data rows at once (tests, small pastes). */
export function readRows(t: ParsedTable): Array<{ cells: string[]; line: number }> {
  const out: Array<{ cells: string[]; line: number }> = [];
  t.forEachRow((cells, line) => out.push({ cells, line }));
  return out;
}

const CANDIDATES = [',', '\t', ';', '|'] as const;
// detectDelimiter looks at this much of the text.
const DELIMITER_SCAN = 64 * 1024;
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
  const lines = text.slice(0, DELIMITER_SCAN).split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 30);
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

interface ScanOptions {
  delimiter: string;
  newline: '\r\n' | '\n' | '\r';
  header: false;
  skipEmptyLines: false;
  dynamicTyping: false;
  /** Records up to and including this index (preamble, header) are not data. */
  headerIdx: number;
}

/**
 * The cells of `text[from, to)` when it is one well-formed record: each cell either unquoted
 * without any quote or newline, or wholly quoted (`""` inside standing for `"`) and followed
 * directly by the delimiter or the end. That is the only case read here, and papaparse reads
 * it the same way; anything else (null) is left to papaparse. Calling papaparse for each such
 * record cost more than the rest of parsing a file like Leads.csv.
 */
function splitQuotedRecord(text: string, from: number, to: number, delimiter: string): string[] | null {
  const cells: string[] = [];
  const dl = delimiter.length;
  let i = from;
  for (;;) {
    if (i < to && text.charCodeAt(i) === 34) {
      let value = '';
      let start = i + 1;
      for (;;) {
        const q = text.indexOf('"', start);
        if (q === -1 || q >= to) return null;
        if (q + 1 < to && text.charCodeAt(q + 1) === 34) {
          value += text.slice(start, q + 1);
          start = q + 2;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      cells.push(value);
      if (i === to) return cells;
      if (!text.startsWith(delimiter, i)) return null;
      i += dl;
    } else {
      let d = text.indexOf(delimiter, i);
      if (d === -1 || d > to) d = to;
      const cell = text.slice(i, d);
      if (cell.includes('"') || cell.includes('\n') || cell.includes('\r')) return null;
      cells.push(cell);
      if (d === to) return cells;
      i = d + dl;
    }
  }
}

/** Where a part of a table left off: `next`, the first record that may go on in the next part; or `papa`, where papaparse must read everything that follows in one piece. */
type PartEnd = { next: number } | { papa: number };

/**
 * A record scanner over a table given whole or in parts. Records go to `fn` exactly as papaparse
 * reads them. A line without a quote is one record whose cells are the line split at the
 * delimiter (what papaparse's own fast mode does for a file without quotes); a record with
 * quotes is split by `splitQuotedRecord` when well-formed, else handed to papaparse, together
 * with the lines its open quotes carry. Should papaparse find the quotes malformed there, the
 * rest of the table goes to papaparse in one piece, so odd files read exactly as before.
 * Leads.csv quotes one cell in six rows; splitting the others natively is what makes a 100k-row
 * import parse in a fraction of the time.
 */
function recordScanner(opts: ScanOptions, fn: RowVisitor) {
  const { delimiter, newline, headerIdx } = opts;
  const base = { delimiter, newline, header: false, skipEmptyLines: false, dynamicTyping: false } as const;
  let record = 0;
  let line = 1;
  const emit = (cells: string[], extraLines: number) => {
    const at = line;
    line += 1 + extraLines;
    if (record++ <= headerIdx || isBlankRow(cells)) return;
    fn(cells, at);
  };
  const emitParsed = (cells: string[]) => emit(cells, innerNewlines(cells));
  const nlLen = newline.length;

  /** Papaparse reads `text`, which starts at a record, to its end. */
  const papa = (text: string): void => {
    const streaming: Papa.ParseConfig<string[]> = Object.assign(
      { ...base },
      {
        chunkSize: CHUNK_BYTES,
        chunk: (res: Papa.ParseResult<string[]>) => {
          for (const r of res.data) emitParsed(r);
        },
      },
    );
    Papa.parse<string[]>(text, streaming);
  };

  /**
   * Reads the records of `text`, which starts at a record. Unless it is the `last` part of the
   * table, a record that reaches its end may go on in the next part: it is left for then.
   */
  const part = (text: string, last: boolean): PartEnd => {
    const end = text.length;
    let pos = 0;
    let nextQuote = text.indexOf('"');
    while (pos < end) {
      let nl = text.indexOf(newline, pos);
      if (nl === -1) {
        if (!last) return { next: pos };
        nl = end;
      }
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      if (nextQuote === -1 || nextQuote >= nl) {
        const row = text.slice(pos, nl);
        // Only a "\r\n" file can hold a bare "\n" in an unquoted cell; it still counts as a line.
        const extra = nlLen > 1 && row.includes('\n') ? innerNewlines([row]) : 0;
        emit(row.split(delimiter), extra);
        pos = nl + nlLen;
        continue;
      }
      // The record has quotes: take lines until the quotes pair up, then let papaparse read them.
      let quotes = 0;
      let q = nextQuote;
      let segEnd = nl;
      for (;;) {
        while (q !== -1 && q < segEnd) {
          quotes++;
          q = text.indexOf('"', q + 1);
        }
        if (quotes % 2 === 0 || segEnd >= end) break;
        const next = text.indexOf(newline, segEnd + nlLen);
        segEnd = next === -1 ? end : next;
      }
      // Open quotes or no line end yet: the next part may complete the record.
      if (!last && segEnd >= end) return { next: pos };
      nextQuote = q;
      const stop = Math.min(end, segEnd + nlLen);
      const cells = splitQuotedRecord(text, pos, segEnd, delimiter);
      if (cells) {
        emitParsed(cells);
        pos = stop;
        continue;
      }
      const res = Papa.parse<string[]>(text.slice(pos, stop), base);
      if (res.errors.length > 0) return { papa: pos };
      const rows = res.data;
      // A segment that ends with a newline gives papaparse a trailing empty row that is not in the file.
      const n = stop > segEnd && rows.length > 1 && isBlankRow(rows[rows.length - 1] ?? []) ? rows.length - 1 : rows.length;
      for (let i = 0; i < n; i++) emitParsed(rows[i] ?? []);
      pos = stop;
    }
    return { next: end };
  };

  // Delimiters papaparse would refuse or read specially: everything is left to it.
  const papaOnly = delimiter === '' || delimiter.includes('"') || delimiter.includes('\n') || delimiter.includes('\r');
  return { part, papa, papaOnly };
}

/** Streams the records of a whole table text to `fn` (see recordScanner). */
function scanRows(text: string, opts: ScanOptions, fn: RowVisitor): void {
  const scan = recordScanner(opts, fn);
  if (scan.papaOnly) return scan.papa(text);
  const r = scan.part(text, true);
  if ('papa' in r) scan.papa(r.papa === 0 ? text : text.slice(r.papa));
}

/**
 * Streams the records of a table given in parts: `first` (its header found by the caller), then
 * each `next()` until null. Every part must end at a line end. Rows come out exactly as from the
 * whole text; a record split over parts is read once the part that ends it arrives.
 */
function scanParts(first: string, next: () => string | null, opts: ScanOptions, fn: RowVisitor): void {
  const scan = recordScanner(opts, fn);
  let text = first;
  let following = next();
  for (;;) {
    if (scan.papaOnly) {
      for (; following !== null; following = next()) text += following;
      return scan.papa(text);
    }
    const last = following === null;
    const r = scan.part(text, last);
    if ('papa' in r) {
      let rest = text.slice(r.papa);
      for (; following !== null; following = next()) rest += following;
      return scan.papa(rest);
    }
    if (following === null) return;
    // What is left is at most the start of a record; joined with the next part (one copy of it).
    text = r.next < text.length ? text.slice(r.next) + following : following;
    following = next();
  }
}
const HEADER_SCAN_ROWS = 20;

/** Where a table's data starts: what mapping needs, before any data row is read. */
export type TableHeader = Pick<ParsedTable, 'delimiter' | 'headers' | 'headerLine'>;

interface HeaderScan extends TableHeader {
  text: string;
  newline: '\r\n' | '\n' | '\r';
  headerIdx: number;
  /** The scan stopped at its row limit, before the end of the text. */
  settled: boolean;
}

function scanHeader(input: string, opts: { delimiter?: string }): Result<HeaderScan> {
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
  return ok({ text, delimiter, newline, headers, headerLine, headerIdx, settled: head.meta.truncated === true });
}

/**
 * The header of a large text from its first part (`start`, cut at a line end), so the whole text
 * need not be decoded on this thread. Null when the first part does not settle it: then the whole
 * text is needed. It is settled when the header scan's rows all end inside `start` and the
 * delimiter guess saw as much as it would in the whole text; the rows before the scan's last
 * one cannot change with what follows them.
 */
export function parseHeaderOfStart(start: string, opts: { delimiter?: string } = {}): TableHeader | null {
  if (start.length < DELIMITER_SCAN + 1) return null;
  const h = scanHeader(start, opts);
  if (!h.ok || !h.value.settled) return null;
  return { delimiter: h.value.delimiter, headers: h.value.headers, headerLine: h.value.headerLine };
}

/** Parses pasted or file text as CSV/TSV and finds the header; rows keep their file line numbers. */
export function parseTable(input: string, opts: { delimiter?: string } = {}): Result<ParsedTable> {
  const h = scanHeader(input, opts);
  if (!h.ok) return h;
  const { text, delimiter, newline, headers, headerLine, headerIdx } = h.value;
  const base = { delimiter, newline, header: false, skipEmptyLines: false, dynamicTyping: false } as const;
  const forEachRow = (fn: RowVisitor) => scanRows(text, { ...base, headerIdx }, fn);
  return ok({ delimiter, headers, headerLine, forEachRow });
}

/**
 * Like `parseTable`, for a large table given in parts, each ending at a line end: `first`, then
 * `next()` until null (see source.ts tableParts). Its rows are read once, as `forEachRow` goes.
 * Null when the first part does not settle the header (then parse the whole text).
 */
export function parseTableParts(first: string, next: () => string | null, opts: { delimiter?: string } = {}): Result<ParsedTable> | null {
  if (first.length < DELIMITER_SCAN + 1) return null;
  const h = scanHeader(first, opts);
  if (!h.ok || !h.value.settled) return null;
  const { text, delimiter, newline, headers, headerLine, headerIdx } = h.value;
  const base = { delimiter, newline, header: false, skipEmptyLines: false, dynamicTyping: false } as const;
  let read = false;
  const forEachRow = (fn: RowVisitor) => {
    if (read) throw new Error('a table read in parts can be read once');
    read = true;
    scanParts(text, next, { ...base, headerIdx }, fn);
  };
  return ok({ delimiter, headers, headerLine, forEachRow });
}
