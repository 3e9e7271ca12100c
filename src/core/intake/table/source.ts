import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { err, ok, type Result } from '../../../contract/errors.js';

/** A table as given: the bytes of a file, or pasted text. */
export type TableSource =
  | {
      /** In shared memory when read from a regular file, so the import worker reads them without a copy. */
      bytes: Uint8Array;
      text: null;
      fileName: string | null;
    }
  | { bytes: null; text: string; fileName: string | null };

/**
 * The shared buffer of the last large file read, kept for the next one. Fresh memory is paid for
 * page by page when first written: on the 2-core VMs we measure on, reading a 29 MB Leads.csv
 * into a new buffer took 85-90 ms, into a reused one a fraction of that. Given back by
 * `releaseTableSource` once nothing reads it any more, and dropped after a minute unused.
 */
let spare: SharedArrayBuffer | null = null;
let spareTimer: ReturnType<typeof setTimeout> | null = null;
const REUSE_FROM = 1 << 20;
const SPARE_KEPT_MS = 60_000;

function bufferFor(size: number): SharedArrayBuffer {
  if (spare && spare.byteLength >= size && size >= REUSE_FROM) {
    const b = spare;
    spare = null;
    return b;
  }
  return new SharedArrayBuffer(size);
}

/**
 * Gives a file's buffer back for the next read. Only once nothing reads the bytes any more: the
 * import is over and its worker job (if any) prepared to the end.
 */
export function releaseTableSource(src: TableSource): void {
  const b = src.bytes?.buffer;
  if (!(b instanceof SharedArrayBuffer) || b.byteLength < REUSE_FROM) return;
  if (!spare || spare.byteLength < b.byteLength) spare = b;
  if (spareTimer) clearTimeout(spareTimer);
  spareTimer = setTimeout(() => {
    spare = null;
    spareTimer = null;
  }, SPARE_KEPT_MS);
  spareTimer.unref();
}

/** Reads a whole file; a regular file goes straight into shared memory (see TableSource). */
async function readBytes(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const st = await fh.stat();
    if (!st.isFile() || st.size === 0) return await fh.readFile();
    const buf = new Uint8Array(bufferFor(st.size), 0, st.size);
    let at = 0;
    while (at < buf.length) {
      const { bytesRead } = await fh.read(buf, at, buf.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === buf.length ? buf : buf.subarray(0, at);
  } finally {
    await fh.close();
  }
}

const isUtf16Le = (b: Uint8Array): boolean => b[0] === 0xff && b[1] === 0xfe;

/**
 * The text of a file's bytes: UTF-8, or UTF-16LE with a BOM (Excel's "Unicode text" export).
 * Plain ASCII (most CSV exports) is copied as Latin-1, which reads the same and is several times
 * faster than UTF-8 decoding on a large file.
 */
export function decodeTable(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf16Le(b)) return b.toString('utf16le');
  return decodeUtf8(b);
}

const decodeUtf8 = (b: Buffer): string => (isAscii(b) ? b.toString('latin1') : b.toString('utf8'));

/** Bytes per part of `tableParts`: a part's string is then allocated as the reading goes. */
export const PART_BYTES = 1 << 20;

/**
 * A large file's text in parts of about `partBytes`, each ending after a line feed, decoded as
 * `decodeTable` decodes the whole (a UTF-8 sequence never holds a line feed, so no character is
 * cut and a replaced invalid sequence is replaced alike). Decoding 30 MB at once took the import
 * worker 85-110 ms before its first row; a part takes a few. Null for UTF-16, which is decoded whole.
 */
export function tableParts(
  bytes: Uint8Array,
  partBytes = PART_BYTES,
  firstBytes = partBytes,
): { first: string; next: () => string | null } | null {
  if (isUtf16Le(bytes)) return null;
  let pos = 0;
  const next = (): string | null => {
    if (pos >= bytes.length) return null;
    let end = Math.min(bytes.length, pos + (pos === 0 ? firstBytes : partBytes));
    if (end < bytes.length) {
      const back = bytes.lastIndexOf(0x0a, end - 1);
      if (back >= pos) end = back + 1;
      else {
        // A line longer than a part: the part runs to its end.
        const on = bytes.indexOf(0x0a, end);
        end = on === -1 ? bytes.length : on + 1;
      }
    }
    const part = decodeUtf8(Buffer.from(bytes.buffer, bytes.byteOffset + pos, end - pos));
    pos = end;
    return part;
  };
  return { first: next() ?? '', next };
}

/**
 * The text of about the first `max` bytes, ending after a line break: enough to find the header
 * of a large file without decoding all of it. Null when that is the whole file or cannot be cut
 * safely (UTF-16, no line break).
 */
export function decodeTableStart(bytes: Uint8Array, max: number): string | null {
  if (bytes.length <= max || isUtf16Le(bytes)) return null;
  // A UTF-8 continuation byte is never 0x0A, so the cut is always between whole characters.
  const end = bytes.lastIndexOf(0x0a, max - 1);
  if (end <= 0) return null;
  return decodeTable(bytes.subarray(0, end + 1));
}

/** Size of the source: bytes of a file, characters of pasted text. */
export const sourceSize = (src: TableSource): number => (src.bytes ? src.bytes.length : src.text.length);

/** The whole text of the source. */
export const sourceText = (src: TableSource): string => (src.bytes ? decodeTable(src.bytes) : src.text);

/** The hash is of the bytes (of the UTF-8 text when pasted), so the same file is recognised later. */
export function sourceSha256(src: TableSource): string {
  return src.bytes ? createHash('sha256').update(src.bytes).digest('hex') : createHash('sha256').update(src.text, 'utf8').digest('hex');
}

/** Reads pasted text or a file (decoding and hashing are left to the caller, who knows when it needs them). */
export async function readTableSource(input: { text?: string; path?: string; fileName?: string }): Promise<Result<TableSource>> {
  if ((input.text === undefined) === (input.path === undefined)) {
    return err('invalid_input', 'give either the pasted text or a file path, not both or neither', { path: ['text'] });
  }
  if (input.text !== undefined) return ok({ bytes: null, text: input.text, fileName: input.fileName ?? null });
  const path = input.path as string;
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err('not_found', `file not found: ${path}`, { path: ['path'] });
    if (code === 'EISDIR') return err('invalid_input', `${path} is a folder; choose a CSV or TSV file`, { path: ['path'] });
    if (code === 'EACCES') return err('invalid_input', `no permission to read ${path}`, { path: ['path'] });
    throw e;
  }
  if (!isUtf16Le(bytes) && bytes.includes(0)) return err('unsupported', `${path} is not a text file (Excel files: save as CSV first)`, { path: ['path'] });
  return ok({ bytes, text: null, fileName: input.fileName ?? basename(path) });
}
