/** Cell values that mean "nothing chosen" (Leads.csv's `Select`) and become empty. Case-insensitive. */
export const DEFAULT_EMPTY_VALUES: readonly string[] = ['', 'select', 'n/a', 'na', '-', '--', 'null', 'none', 'nil', 'undefined', '#n/a'];

/** ASCII case-insensitive equality of `cell` with a lowercased ASCII `value` of the same length. */
function sameAscii(cell: string, value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    let c = cell.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== value.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * A fast test for "empty" cells, tuned for millions of calls during an import: a cell of plain
 * ASCII without surrounding spaces (nearly all of them) is compared in place, without the
 * trimmed and lowercased copies the general case needs.
 */
export function emptyTester(values: readonly string[] = DEFAULT_EMPTY_VALUES): (cell: string) => boolean {
  const set = new Set(values.map((v) => v.trim().toLowerCase()));
  const maxLen = Math.max(0, ...[...set].map((v) => v.length));
  // Lowercased ASCII values by length; a value with other characters sends cells to the general case.
  const byLength = new Map<number, string[]>();
  let asciiOnly = true;
  for (const v of set) {
    if (!/^[\x20-\x7e]*$/.test(v)) asciiOnly = false;
    byLength.set(v.length, [...(byLength.get(v.length) ?? []), v]);
  }
  const general = (cell: string) => set.has(cell.trim().toLowerCase());
  return (cell) => {
    if (cell === '') return true;
    const n = cell.length;
    // Long cells cannot be in the list; skip the trim/lowercase for them (most cells).
    if (n > maxLen + 8) return false;
    if (!asciiOnly) return general(cell);
    const first = cell.charCodeAt(0);
    const last = cell.charCodeAt(n - 1);
    // Leading or trailing space (or anything outside printable ASCII at the ends): trim first.
    if (first <= 32 || first >= 127 || last <= 32 || last >= 127) return general(cell);
    const candidates = byLength.get(n);
    if (candidates === undefined) return false;
    for (const v of candidates) if (sameAscii(cell, v)) return true;
    // A non-ASCII character can lowercase to ASCII (K, the Kelvin sign): such cells take the general case.
    for (let i = 1; i < n - 1; i++) if (cell.charCodeAt(i) >= 127) return general(cell);
    return false;
  };
}
