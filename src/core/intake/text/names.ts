/** A sender as a header or chat label names them. */
export interface Person {
  name: string | null;
  email: string | null;
}

const ADDRESS_RE = /^\s*"?([^"<>]*?)"?\s*<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/;
const BARE_EMAIL_RE = /^\s*<?([^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>?\s*$/;
export const EMAIL_IN_TEXT_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const PAREN_RE = /\s*\([^)]*\)/g;
const HONORIFIC_RE = /^(?:mr|mrs|ms|miss|mx|dr|prof|capt|sir|dame|herr|frau|mme|mlle|m)\.?\s+/i;

/** Parses `Name <a@b.c>`, `a@b.c` or a bare name. Role notes in brackets ("Greg Walsh (CFO)") are dropped. */
export function parsePerson(raw: string): Person {
  const m = ADDRESS_RE.exec(raw);
  if (m) return { name: cleanName(m[1] ?? ''), email: (m[2] ?? '').toLowerCase() };
  const b = BARE_EMAIL_RE.exec(raw);
  if (b) return { name: null, email: (b[1] ?? '').toLowerCase() };
  const inline = EMAIL_IN_TEXT_RE.exec(raw);
  const namePart = inline ? raw.replace(inline[0], '').replace(/[<>]/g, '') : raw;
  return { name: cleanName(namePart), email: inline ? inline[0].toLowerCase() : null };
}

/** Trims quotes, brackets and honorifics; title-cases a name typed in capitals. */
export function cleanName(raw: string): string | null {
  let s = raw.replace(PAREN_RE, '').replace(/["'`]+$|^["'`]+/g, '').replace(/\s+/g, ' ').trim();
  s = s.replace(/[,;:.!-]+$/, '').trim();
  s = s.replace(HONORIFIC_RE, '');
  if (s.length === 0 || /@/.test(s)) return null;
  if (s === s.toUpperCase() && /\p{Lu}{2}/u.test(s)) s = titleCase(s);
  return s;
}

export function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s\-'’&/(])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.)`;
const PARTICLE = String.raw`(?:de|da|del|della|di|van|von|der|den|du|le|la|bin|al|dos|das|ter)`;
const NAME_LIKE_RE = new RegExp(
  String.raw`^(?:(?:Dr|Prof|Mr|Mrs|Ms|Capt)\.?\s+)?${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)?${NAME_WORD}){0,3}$`,
  'u',
);
const NOT_NAME_WORDS_RE =
  /\b(?:thanks|thank|regards|best|cheers|hello|hi|hey|dear|team|inc|ltd|llc|gmbh|director|manager|head|ceo|cto|cfo|coo|vp|product|sales|support|analytics|marketing|engineering|founder|officer|lead|notice|confidential|sent|from|subject|iphone|android)\b/i;

/** A line that is just a person's name: "Priya Raman", "TAMSIN REID", "R.", "Lin". */
export function isNameLike(s: string): boolean {
  const t = s.trim();
  if (t.length === 0 || t.length > 40) return false;
  if (NOT_NAME_WORDS_RE.test(t)) return false;
  if (NAME_LIKE_RE.test(t)) return true;
  // All-caps names ("TAMSIN REID") fail the capitalisation test above.
  return t === t.toUpperCase() && NAME_LIKE_RE.test(titleCase(t));
}

/** Comparable key for "Ben Alvarez" vs "ben  alvarez". */
export function nameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const k = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  return k.length > 0 ? k : null;
}

/** Same person when full names match, or one side is only the first name of the other ("Ben" / "Ben Alvarez"). */
export function samePerson(a: string | null | undefined, b: string | null | undefined): boolean {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (!ka || !kb) return false;
  if (ka === kb) return true;
  const fa = ka.split(' ');
  const fb = kb.split(' ');
  if (fa.length === 1 || fb.length === 1) return fa[0] === fb[0] && (fa[0]?.length ?? 0) > 1;
  return false;
}
