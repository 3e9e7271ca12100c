import * as chrono from 'chrono-node';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date | null {
  const dt = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Rejects 2023-02-30 and friends instead of rolling them into March.
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d ? dt : null;
}

/**
 * Reads the dates CRM exports write: ISO (HubSpot, maven-crm), m/d/yyyy (Salesforce US),
 * d.m.yyyy, then anything chrono-node understands strictly ("5 March 2024"). Dates without a
 * zone are taken as UTC so an import gives the same result on every machine.
 */
export function parseDate(value: string, opts: { dayFirst?: boolean } = {}): string | null {
  const v = value.trim();
  const iso = ISO.exec(v);
  if (iso) {
    if (iso[7]) {
      const d = new Date(v.replace(' ', 'T'));
      return Number.isNaN(d.getTime()) ? null : d.toISOString();
    }
    const d = build(+iso[1]!, +iso[2]!, +iso[3]!, +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0));
    return d ? d.toISOString() : null;
  }
  const sl = SLASHED.exec(v);
  if (sl) {
    let a = +sl[1]!;
    let b = +sl[2]!;
    // Dotted dates are European; a first part over 12 can only be a day.
    const dayFirst = opts.dayFirst ?? (v.includes('.') || a > 12);
    if (dayFirst) [a, b] = [b, a];
    let h = +(sl[4] ?? 0);
    const ampm = sl[7]?.toLowerCase();
    if (ampm === 'pm' && h < 12) h += 12;
    if (ampm === 'am' && h === 12) h = 0;
    const d = build(+sl[3]!, a, b, h, +(sl[5] ?? 0), +(sl[6] ?? 0));
    return d ? d.toISOString() : null;
  }
  const c = chrono.strict.parse(v, { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 });
  const first = c[0];
  if (!first || first.text.length < v.length * 0.6) return null;
  return first.start.date().toISOString();
}
