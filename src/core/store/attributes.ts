import type { StoreContext } from './context.js';

/**
 * Lead attributes are stored in one of two encodings, told apart by the first character:
 *
 * - an object `{"Country":"India",...}` (pasted, synced and edited leads);
 * - an array `["India",null,...]` (rows written by a table import): the cell of each column in
 *   the order of the import's `imports.headers`, null where the cell was empty or the column is
 *   not kept. Repeating ~35 header names on each of 100,000 rows made the leads table five times
 *   larger than the file and its writes most of an import's time.
 *
 * Readers never see the difference: `decodeAttributes` gives the same `Record<string, string>`
 * for both, and `attributeSql` is the SQL counterpart of `json_extract(attributes, '$."col"')`.
 */

/** The attribute key of each column of an import (null: not kept), as stored in `imports.headers`. */
export type AttributeHeaders = ReadonlyArray<string | null>;

/** Whether stored attributes text is the per-import array encoding. */
export const isArrayEncoded = (text: string): boolean => text.charCodeAt(0) === 91; // '['

// Parsed `imports.headers`, by text: a lead list reads the same few imports again and again.
const headerCache = new Map<string, AttributeHeaders>();
const HEADER_CACHE_MAX = 64;

/** Parses (and remembers) an import's header list; throws when the stored text is not one. */
export function readHeaders(text: string, what: string): AttributeHeaders {
  const hit = headerCache.get(text);
  if (hit) return hit;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`stored ${what} is not valid JSON`);
  }
  if (!Array.isArray(raw) || !raw.every((h) => h === null || typeof h === 'string')) {
    throw new Error(`stored ${what} is not a list of column names`);
  }
  const headers = raw as AttributeHeaders;
  if (headerCache.size >= HEADER_CACHE_MAX) headerCache.clear();
  headerCache.set(text, headers);
  return headers;
}

/**
 * The attributes of one lead as header -> cell, from either encoding. `headers` is the lead's
 * import header list (text), needed only for the array encoding. The stored JSON is written by
 * this code only; a mismatch is corruption, hence a throw.
 */
export function decodeAttributes(text: string, headers: string | null, what: string): Record<string, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`stored ${what} is not valid JSON`);
  }
  if (Array.isArray(raw)) {
    if (headers === null) throw new Error(`stored ${what} are a list of values but the lead's import has no header list`);
    const keys = readHeaders(headers, `${what} headers`);
    if (raw.length > keys.length) throw new Error(`stored ${what} have ${raw.length} values for ${keys.length} columns`);
    const out: Record<string, string> = {};
    for (let i = 0; i < raw.length; i++) {
      const v: unknown = raw[i];
      if (v === null) continue;
      const k = keys[i];
      if (typeof v !== 'string' || k === null || k === undefined) throw new Error(`stored ${what} do not match their schema: value ${i} is not a kept cell`);
      // A column named __proto__ is data like any other (JSON.parse makes it an own property too).
      if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      else out[k] = v;
    }
    return out;
  }
  if (typeof raw !== 'object' || raw === null) throw new Error(`stored ${what} do not match their schema: not an object`);
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') throw new Error(`stored ${what} do not match their schema: "${k}" is not text`);
  }
  return raw as Record<string, string>;
}

// Reused for every row: JSON.stringify of one array makes the row's text in one flat string,
// where concatenating ~70 pieces left a rope of short strings per row for the GC.
const scratch: Array<string | null> = [];

/**
 * The array-encoded attributes of one imported row: `cells[i]` under `keys[i]`, null when the
 * key is null or `isEmpty(cell)`; trailing nulls are left out.
 */
export function encodeRowValues(cells: readonly string[], keys: AttributeHeaders, isEmpty: (c: string) => boolean): string {
  const n = Math.min(cells.length, keys.length);
  let last = -1;
  for (let c = 0; c < n; c++) {
    const cell = cells[c] as string;
    if (keys[c] === null || isEmpty(cell)) scratch[c] = null;
    else {
      scratch[c] = cell;
      last = c;
    }
  }
  scratch.length = last + 1;
  const json = JSON.stringify(scratch);
  scratch.length = 0;
  return json;
}

/** The JSON path of an object-encoded column; the name is bound as a parameter, never spliced into SQL. */
const objectPath = (column: string): string => `$."${column.replace(/"/g, '\\"')}"`;

/**
 * SQL for one imported column of `leads` (NULL when the lead has no value), for either encoding,
 * with its named parameters (prefixed `name`); `table` qualifies the leads columns (`l`). The
 * column's position in each import is looked up here, once, so the per-row work stays one
 * json_extract.
 */
export function attributeSql(
  ctx: StoreContext,
  column: string,
  name: string,
  table?: string,
): { sql: string; params: Record<string, string> } {
  const attributes = table ? `${table}.attributes` : 'attributes';
  const importId = table ? `${table}.import_id` : 'import_id';
  const positions: Record<string, string> = {};
  let any = false;
  const rows = ctx.db.prepare('SELECT id, headers FROM imports WHERE headers IS NOT NULL').raw().all() as Array<[string, string]>;
  for (const [id, text] of rows) {
    const i = readHeaders(text, `import ${id} headers`).lastIndexOf(column);
    if (i >= 0) {
      positions[id] = `$[${i}]`;
      any = true;
    }
  }
  const path = objectPath(column);
  if (!any) return { sql: `json_extract(${attributes}, @${name}_path)`, params: { [`${name}_path`]: path } };
  return {
    sql: `json_extract(${attributes}, CASE WHEN substr(${attributes}, 1, 1) = '[' THEN json_extract(@${name}_pos, '$."' || ${importId} || '"') ELSE @${name}_path END)`,
    params: { [`${name}_path`]: path, [`${name}_pos`]: JSON.stringify(positions) },
  };
}
