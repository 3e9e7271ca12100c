import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { err, ok, type Result } from '../../../contract/errors.js';

export interface TableSource {
  text: string;
  sha256: string;
  fileName: string | null;
}

/** Reads pasted text or a file; the hash is of the bytes, so the same file is recognised later. */
export async function readTableSource(input: { text?: string; path?: string; fileName?: string }): Promise<Result<TableSource>> {
  if ((input.text === undefined) === (input.path === undefined)) {
    return err('invalid_input', 'give either the pasted text or a file path, not both or neither', { path: ['text'] });
  }
  if (input.text !== undefined) {
    const sha256 = createHash('sha256').update(input.text, 'utf8').digest('hex');
    return ok({ text: input.text, sha256, fileName: input.fileName ?? null });
  }
  const path = input.path as string;
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err('not_found', `file not found: ${path}`, { path: ['path'] });
    if (code === 'EISDIR') return err('invalid_input', `${path} is a folder; choose a CSV or TSV file`, { path: ['path'] });
    if (code === 'EACCES') return err('invalid_input', `no permission to read ${path}`, { path: ['path'] });
    throw e;
  }
  const sha256 = createHash('sha256').update(buf).digest('hex');
  // Excel's "Unicode text" export is UTF-16LE TSV with a BOM.
  if (buf[0] === 0xff && buf[1] === 0xfe) return ok({ text: buf.toString('utf16le'), sha256, fileName: input.fileName ?? basename(path) });
  if (buf.includes(0)) return err('unsupported', `${path} is not a text file (Excel files: save as CSV first)`, { path: ['path'] });
  return ok({ text: buf.toString('utf8'), sha256, fileName: input.fileName ?? basename(path) });
}
