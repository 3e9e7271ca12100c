import type { Evidence, ParsedText, SegmentRole } from '../../../contract/index.js';

/**
 * Who wrote each character of the source, plus sentence boundaries, computed once per text so
 * that every extractor can ask "may I read this match?" in O(log n) instead of rescanning.
 */
export interface Scope {
  readonly text: string;
  /** Role of the span containing `pos`; uncovered gaps count as `other`. */
  roleAt(pos: number): SegmentRole;
  /** [start, end) of the sentence (or line) around `pos`. */
  sentenceAt(pos: number): [number, number];
  /** [start, end) of the line around `pos`. */
  lineAt(pos: number): [number, number];
  /** True when `pos` sits inside a span an injection detector asked us to ignore. */
  masked(pos: number): boolean;
  /** Spans (prompt injections) whose words must never become facts. */
  addMask(start: number, end: number): void;
}

interface RoleSpan {
  start: number;
  end: number;
  role: SegmentRole;
}

// A sentence ends at a newline, or at . ! ? followed by whitespace (so "30.000" and "ca.2" stay whole).
// Abbreviations ("approx. 25k", "ca. 200", "z.B.") do not end a sentence.
const BOUNDARY = /\n|(?<!(?:^|[^\p{L}])(?:approx|appr|aprox|ca|env|vs|e\.g|i\.e|z\.B|inkl|incl|est|Mr|Ms|Mrs|Dr|Nr|no))[.!?…]+(?=\s)/giu;
const NEWLINE = /\n/g;

function collect(re: RegExp, text: string): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index + m[0].length);
  return out;
}

/** Largest index i with arr[i] <= pos, or -1. */
function floorIndex(arr: readonly number[], pos: number): number {
  let lo = 0;
  let hi = arr.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((arr[mid] ?? 0) <= pos) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

function bounds(breaks: readonly number[], pos: number, len: number): [number, number] {
  const i = floorIndex(breaks, pos);
  const start = i >= 0 ? (breaks[i] ?? 0) : 0;
  const next = breaks[i + 1];
  return [start, next ?? len];
}

/** Builds the scope; without `parsed` the whole text is the lead's own words. */
export function buildScope(text: string, parsed?: ParsedText): Scope {
  const spans: RoleSpan[] = parsed
    ? [...parsed.segments].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start)
    : [{ start: 0, end: text.length, role: 'lead' }];
  const starts = spans.map((s) => s.start);
  const sentenceBreaks = collect(BOUNDARY, text);
  const lineBreaks = collect(NEWLINE, text);
  const masks: Array<[number, number]> = [];
  return {
    text,
    roleAt(pos) {
      const i = floorIndex(starts, pos);
      const s = i >= 0 ? spans[i] : undefined;
      return s && pos < s.end ? s.role : 'other';
    },
    sentenceAt: (pos) => bounds(sentenceBreaks, pos, text.length),
    lineAt: (pos) => bounds(lineBreaks, pos, text.length),
    masked: (pos) => masks.some(([s, e]) => pos >= s && pos < e),
    addMask: (s, e) => {
      masks.push([s, e]);
    },
  };
}

/** Evidence for text.slice(start, end), trimmed of surrounding whitespace and punctuation. */
export function evidence(text: string, start: number, end: number): Evidence {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && /[\s,;:\-–(]/.test(text[s] ?? '')) s++;
  while (e > s && /[\s,;:\-–(]/.test(text[e - 1] ?? '')) e--;
  if (e <= s) {
    s = start;
    e = Math.max(end, start + 1);
  }
  return { quote: text.slice(s, e), start: s, end: e };
}

/** Roles whose words count as the lead's own statements. */
export const LEAD_ROLES: ReadonlySet<SegmentRole> = new Set<SegmentRole>(['lead']);
/** Lead plus the lead's signature block (titles, headcount). */
export const LEAD_AND_SIGNATURE: ReadonlySet<SegmentRole> = new Set<SegmentRole>(['lead', 'signature']);

/**
 * Iterates the matches of a global regex whose start lies in one of `roles` and outside masks.
 * The regex must carry the `g` flag; it is reset here so callers can share module-level regexes.
 */
export function* matchesIn(scope: Scope, re: RegExp, roles: ReadonlySet<SegmentRole>): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(scope.text); m; m = re.exec(scope.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (roles.has(scope.roleAt(m.index)) && !scope.masked(m.index)) yield m;
  }
}
