import { describe, expect, it } from 'vitest';
import { parseTable, parseTableParts, readRows } from '../../../../../src/core/intake/table/parse.js';
import { decodeTable, tableParts } from '../../../../../src/core/intake/table/source.js';

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Cells that stress a reader cut into parts: quotes, delimiters and line breaks inside quotes,
// a bare quote inside an unquoted cell, non-ASCII text, Windows-1252 bytes that are not UTF-8.
const CELLS = ['plain', '', '"quoted, with comma"', '"two\nlines"', '"she said ""hi"""', '5" screen', 'Zoë Müller', '"a\r\nb"', 'Select', '12,5'];

function table(seed: number, rows: number, nl: string): Buffer {
  const r = rng(seed);
  const lines = ['Name,Email,Company,Notes'];
  for (let i = 0; i < rows; i++) {
    const pick = () => CELLS[Math.floor(r() * CELLS.length)] as string;
    lines.push([`Person ${i}`, `p${i}@x${i % 7}.io`, pick(), pick()].join(','));
    if (r() < 0.02) lines.push('');
  }
  const text = Buffer.from(lines.join(nl) + (r() < 0.5 ? nl : ''), 'utf8');
  // A Windows-1252 "é" (0xE9) in one row: invalid UTF-8, replaced alike whole or in parts.
  const at = text.indexOf('plain', Math.floor(text.length / 2));
  if (at > 0) text[at] = 0xe9;
  return text;
}

describe('tableParts + parseTableParts', () => {
  it.each([
    ['\n', 1],
    ['\r\n', 2],
    ['\n', 3],
    ['\r\n', 4],
  ])('reads the same rows, lines included, as the whole text (newline %j, seed %i)', (nl, seed) => {
    const bytes = table(seed, 2500, nl);
    const whole = parseTable(decodeTable(bytes));
    if (!whole.ok) throw new Error(whole.error.message);
    // A first part large enough to settle the header, then parts that cut records everywhere.
    for (const partBytes of [61, 173, 4096]) {
      const parts = tableParts(bytes, partBytes, 70_000);
      expect(parts).not.toBeNull();
      const inParts = parseTableParts(parts!.first, parts!.next);
      expect(inParts?.ok).toBe(true);
      if (!inParts?.ok) return;
      expect(inParts.value.headers).toEqual(whole.value.headers);
      expect(readRows(inParts.value)).toEqual(readRows(whole.value));
    }
  });

  it('reads a table whose quotes break mid-file like the whole text (papaparse reads the rest)', () => {
    const good = table(5, 2000, '\n').toString('utf8');
    // An opening quote never closed: everything after it is one cell for papaparse.
    const broken = Buffer.from(good.replace('Person 1500,', 'Person 1500,"never closed,'), 'utf8');
    const whole = parseTable(decodeTable(broken));
    if (!whole.ok) throw new Error(whole.error.message);
    const parts = tableParts(broken, 97, 70_000)!;
    const inParts = parseTableParts(parts.first, parts.next);
    if (!inParts?.ok) throw new Error('parts did not parse');
    expect(readRows(inParts.value)).toEqual(readRows(whole.value));
  });

  it('leaves UTF-16 files and first parts that do not settle the header to whole-text parsing', () => {
    expect(tableParts(Buffer.from('\ufeffName,Email\n', 'utf16le'))).toBeNull();
    const small = tableParts(Buffer.from('Name,Email\nAna,ana@x.io\n'))!;
    expect(parseTableParts(small.first, small.next)).toBeNull();
  });

  it('a table read in parts can be read once', () => {
    const parts = tableParts(table(6, 2500, '\n'), 500, 70_000)!;
    const t = parseTableParts(parts.first, parts.next);
    if (!t?.ok) throw new Error('parts did not parse');
    readRows(t.value);
    expect(() => readRows(t.value)).toThrow(/once/);
  });
});
