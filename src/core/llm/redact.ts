import { findPhoneNumbersInText } from 'libphonenumber-js';

/** Kinds of personal data masked before text leaves the machine. */
export type RedactionKind = 'EMAIL' | 'PHONE' | 'CARD' | 'IBAN' | 'BANK';

/** One masked value and every place it occurred, in both texts. */
export interface RedactionEntry {
  placeholder: string;
  kind: RedactionKind;
  value: string;
  spans: Array<{ start: number; end: number; redStart: number; redEnd: number }>;
}

/** A redacted text plus what is needed to put the real values back. */
export interface Redaction {
  original: string;
  text: string;
  entries: RedactionEntry[];
}

export interface RedactOptions {
  kinds?: readonly RedactionKind[];
}

const ALL: readonly RedactionKind[] = ['EMAIL', 'IBAN', 'CARD', 'BANK', 'PHONE'];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
// Bank numbers are only recognisable by the words around them (account, routing, sort code).
const BANK = /\b(?:account|acct|routing|sort code|bsb|aba|kontonummer)\b(?:\s*(?:number|no\.?|#|nr\.?))?\s*[:#-]?\s*(\d[\d -]{4,22}\d)/gi;

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** Luhn checksum: separates card numbers from order ids and other long digit runs. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** ISO 13616 mod-97 check of an IBAN (spaces allowed). */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

interface Hit {
  start: number;
  end: number;
  kind: RedactionKind;
}

function find(text: string, kind: RedactionKind): Hit[] {
  const hits: Hit[] = [];
  const each = (re: RegExp, accept: (m: RegExpExecArray) => { start: number; end: number } | null) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const span = accept(m);
      if (span) hits.push({ ...span, kind });
    }
  };
  switch (kind) {
    case 'EMAIL':
      each(EMAIL, (m) => ({ start: m.index, end: m.index + m[0].length }));
      break;
    case 'IBAN':
      each(IBAN, (m) => (ibanValid(m[0]) ? { start: m.index, end: m.index + m[0].length } : null));
      break;
    case 'CARD':
      each(CARD, (m) => {
        const d = digitsOf(m[0]);
        return d.length >= 13 && d.length <= 19 && luhnValid(d) ? { start: m.index, end: m.index + m[0].length } : null;
      });
      break;
    case 'BANK':
      each(BANK, (m) => {
        const num = m[1]!;
        const start = m.index + m[0].lastIndexOf(num);
        return digitsOf(num).length >= 6 ? { start, end: start + num.length } : null;
      });
      break;
    case 'PHONE':
      for (const p of findPhoneNumbersInText(text, { defaultCountry: 'US' })) hits.push({ start: p.startsAt, end: p.endsAt, kind });
      break;
  }
  return hits;
}

/**
 * Replaces personal data with placeholders (`[EMAIL_1]`). The same value always gets the same
 * placeholder, so a model can still tell that two mentions are the same address.
 */
export function redact(original: string, opts: RedactOptions = {}): Redaction {
  const kinds = opts.kinds ?? ALL;
  // Earlier kinds win overlaps: an IBAN's digits must not also become a card or a phone.
  const chosen: Hit[] = [];
  for (const kind of ALL) {
    if (!kinds.includes(kind)) continue;
    for (const h of find(original, kind)) {
      if (!chosen.some((c) => h.start < c.end && c.start < h.end)) chosen.push(h);
    }
  }
  chosen.sort((a, b) => a.start - b.start);
  const byValue = new Map<string, RedactionEntry>();
  const counters = new Map<RedactionKind, number>();
  let out = '';
  let pos = 0;
  for (const h of chosen) {
    const value = original.slice(h.start, h.end);
    const key = `${h.kind}\u0000${value}`;
    let entry = byValue.get(key);
    if (!entry) {
      let n = (counters.get(h.kind) ?? 0) + 1;
      // A text that already contains "[EMAIL_1]" must not have it restored into an address.
      while (original.includes(`[${h.kind}_${n}]`)) n++;
      counters.set(h.kind, n);
      entry = { placeholder: `[${h.kind}_${n}]`, kind: h.kind, value, spans: [] };
      byValue.set(key, entry);
    }
    out += original.slice(pos, h.start);
    const redStart = out.length;
    out += entry.placeholder;
    entry.spans.push({ start: h.start, end: h.end, redStart, redEnd: out.length });
    pos = h.end;
  }
  out += original.slice(pos);
  return { original, text: out, entries: [...byValue.values()] };
}

/** Puts the real values back into anything the model wrote (quotes, drafts, arguments). */
export function restore(s: string, r: Redaction): string {
  if (!r.entries.length) return s;
  const map = new Map(r.entries.map((e) => [e.placeholder, e.value]));
  return s.replace(/\[(EMAIL|PHONE|CARD|IBAN|BANK)_\d+\]/g, (p) => map.get(p) ?? p);
}

/** Restores every string inside a JSON-like value. */
export function restoreDeep<T>(v: T, r: Redaction): T {
  if (typeof v === 'string') return restore(v, r) as T;
  if (Array.isArray(v)) return v.map((x: unknown) => restoreDeep(x, r)) as T;
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, restoreDeep(x, r)])) as T;
  }
  return v;
}

/**
 * Maps an offset in the redacted text to the original text. An offset inside a placeholder maps
 * to the start (or, for an end offset, the end) of the value it stands for.
 */
export function toOriginalOffset(r: Redaction, redOffset: number, bias: 'start' | 'end' = 'start'): number {
  const spans = r.entries.flatMap((e) => e.spans).sort((a, b) => a.redStart - b.redStart);
  let delta = 0;
  for (const s of spans) {
    if (redOffset < s.redStart) break;
    if (redOffset < s.redEnd || (bias === 'end' && redOffset === s.redEnd)) {
      return redOffset === s.redStart ? s.start : bias === 'end' ? s.end : s.start;
    }
    delta = s.end - s.redEnd;
  }
  return redOffset + delta;
}

/** A redaction that changes nothing (redaction switched off). */
export const noRedaction = (text: string): Redaction => ({ original: text, text, entries: [] });
