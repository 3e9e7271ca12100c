import type { Segment, SegmentRole } from '../../../contract/index.js';

/**
 * Collects spans in order and merges neighbours of the same role and author, so callers can
 * push line by line and the result stays small, sorted and non-overlapping.
 */
export class SegmentBuilder {
  private readonly out: Segment[] = [];
  private cursor = 0;

  constructor(private readonly length: number) {}

  /** Adds `[start, end)`; anything before `start` not yet covered joins the previous segment. */
  push(start: number, end: number, role: SegmentRole, author?: string | null): void {
    if (end <= start) return;
    // A gap before the first segment (leading blank lines) opens the first segment instead.
    if (start > this.cursor) {
      if (this.out.length > 0) this.extendLast(start);
      else start = this.cursor;
    }
    const from = Math.max(start, this.cursor);
    if (end <= from) return;
    const last = this.out[this.out.length - 1];
    const a = author ?? undefined;
    if (last && last.end === from && last.role === role && last.author === a) {
      last.end = end;
    } else {
      const seg: Segment = { start: from, end, role };
      if (a !== undefined) seg.author = a;
      this.out.push(seg);
    }
    this.cursor = end;
  }

  /** Closes the cover: trailing whitespace joins the last segment. */
  finish(fallbackRole: SegmentRole): Segment[] {
    if (this.out.length === 0) {
      if (this.length > 0) this.out.push({ start: 0, end: this.length, role: fallbackRole });
      return this.out;
    }
    this.extendLast(this.length);
    return this.out;
  }

  private extendLast(to: number): void {
    const last = this.out[this.out.length - 1];
    if (last) {
      last.end = to;
      this.cursor = to;
    }
  }
}
