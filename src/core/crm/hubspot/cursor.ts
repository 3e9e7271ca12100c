import { z } from 'zod';

/**
 * Where an incremental sync stands: the next search asks for lastmodifieddate >= `lo`, sorted
 * ascending. `after` is only used while more than one page of records share the millisecond `lo`.
 */
export const SyncCursorSchema = z.object({
  v: z.literal(2),
  lo: z.number().int().nonnegative(),
  after: z.string().nullable(),
  /** Ids at exactly `lo` already returned, so a narrowed window does not return them twice. */
  skip: z.array(z.string()).max(1000).default([]),
});
export type SyncCursor = z.infer<typeof SyncCursorSchema>;

const PREFIX = 'hs2.';

export function encodeCursor(c: Omit<SyncCursor, 'v' | 'skip'> & { skip?: string[] }): string {
  return PREFIX + Buffer.from(JSON.stringify({ v: 2, ...c }), 'utf8').toString('base64url');
}

/** Parses a cursor; an ISO date is accepted as "changes since then" (the CLI's --since). */
export function decodeCursor(text: string): SyncCursor | null {
  if (!text.startsWith(PREFIX)) {
    const at = Date.parse(text);
    return Number.isNaN(at) ? null : { v: 2, lo: Math.max(0, at), after: null, skip: [] };
  }
  try {
    const r = SyncCursorSchema.safeParse(
      JSON.parse(Buffer.from(text.slice(PREFIX.length), 'base64url').toString('utf8')),
    );
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** The ISO time a cursor's window starts at, for people. */
export const cursorTime = (c: SyncCursor): string => new Date(c.lo).toISOString();

export type WindowStep =
  { kind: 'narrow'; lo: number } | { kind: 'offset'; after: string } | { kind: 'done' } | { kind: 'stuck' };

/**
 * What to do after a search page. Instead of paging with offsets (which the search endpoint caps
 * at 10,000 results, and which skip a record whenever an earlier one is modified mid-run), each
 * query narrows the window to start at the last timestamp seen; the records sharing that
 * millisecond come back once more and the caller de-duplicates them. Only when a whole page
 * shares one millisecond does it page by offset inside that millisecond.
 */
export function nextStep(o: {
  lo: number;
  after: string | null;
  full: boolean;
  nextAfter: string | undefined;
  lastModifiedMs: number | null;
  pageSize: number;
  cap: number;
}): WindowStep {
  if (!o.full || o.lastModifiedMs === null) return { kind: 'done' };
  if (o.lastModifiedMs > o.lo) return { kind: 'narrow', lo: o.lastModifiedMs };
  if (o.nextAfter === undefined) return { kind: 'done' };
  const after = Number(o.nextAfter);
  return Number.isFinite(after) && after + o.pageSize <= o.cap
    ? { kind: 'offset', after: o.nextAfter }
    : { kind: 'stuck' };
}
