import type { LeadClass } from '../../src/contract/ruleset.js';

export const CLASS_LABEL: Record<LeadClass, string> = {
  qualified: 'Qualified',
  needs_info: 'Needs info',
  nurture: 'Nurture',
  disqualified: 'Disqualified',
};

export const humanize = (s: string): string => s.replace(/[._]/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

const dateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const timeFmt = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export const fmtDate = (iso: string | null | undefined): string => (iso ? dateFmt.format(new Date(iso)) : '—');
export const fmtTime = (iso: string | null | undefined): string => (iso ? timeFmt.format(new Date(iso)) : '—');

/** "about 2 min" for an ETA in milliseconds. */
export function fmtEta(ms: number | null): string {
  if (ms === null) return 'estimating…';
  if (ms < 1000) return 'under a second';
  const s = Math.round(ms / 1000);
  return s < 60 ? `about ${s} s` : `about ${Math.round(s / 60)} min`;
}

export const fmtValue = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);
