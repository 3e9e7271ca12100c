/** One line of the original text; `end` excludes the line break so slices stay exact. */
export interface Line {
  index: number;
  start: number;
  end: number;
  text: string;
}

/**
 * Splits without normalising: offsets must point into the original text, so `\r\n` and `\r`
 * are treated as breaks but never removed from the source.
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ index: lines.length, start, end: i, text: text.slice(start, i) });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ index: lines.length, start, end: n, text: text.slice(start, n) });
  return lines;
}

const BLANK_RE = /^\s*$/;

export function isBlank(line: Line | undefined): boolean {
  return line === undefined || BLANK_RE.test(line.text);
}

/** Index of the next non-blank line at or after `from`, or -1. */
export function nextNonBlank(lines: readonly Line[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    if (!isBlank(lines[i])) return i;
  }
  return -1;
}
