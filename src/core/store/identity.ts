/** Keys used to recognise the same person or company across pastes, imports and syncs. */

// Only Gmail ignores dots and +tags; applying that elsewhere would merge different people.
const GMAIL = new Set(['gmail.com', 'googlemail.com']);
const PLUS_TAG_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

// Mailbox providers: their domain says nothing about the lead's company.
const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'hotmail.com', 'hotmail.co.uk', 'outlook.com',
  'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'gmx.de', 'gmx.net',
  'web.de', 'mail.ru', 'yandex.ru', 'yandex.com', 'qq.com', '163.com', 'rediffmail.com', 'zoho.com', 'fastmail.com',
]);

/** Lowercased, trimmed email; for Gmail also without dots and +tag. Null when not an address. */
export function normEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf('@');
  if (at <= 0 || at === e.length - 1) return null;
  let local = e.slice(0, at);
  let domain = e.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (PLUS_TAG_DOMAINS.has(domain)) {
    const plus = local.indexOf('+');
    if (plus > 0) local = local.slice(0, plus);
  }
  if (GMAIL.has(domain)) local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

/** A person's or company's name folded for comparison: case, accents, punctuation, spacing. */
export function normName(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return n === '' ? null : n;
}

const COMPANY_SUFFIX = /\s(inc|incorporated|llc|ltd|limited|gmbh|ag|sa|sas|srl|bv|nv|plc|corp|corporation|co|company|pty|oy|ab)$/;

/** Company name folded and without legal suffixes ("Acme, Inc." == "ACME"). */
export function normCompany(name: string | null | undefined): string | null {
  let n = normName(name);
  if (!n) return null;
  for (let i = 0; i < 2; i++) n = n.replace(COMPANY_SUFFIX, '');
  return n === '' ? null : n;
}

/** The registrable-looking host of a website or the company domain of an email (free mail excluded). */
export function domainOf(website: string | null | undefined, email?: string | null): string | null {
  if (website) {
    const w = website.trim().toLowerCase();
    const host = w.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/?#:]/)[0] ?? '';
    const clean = host.replace(/^www\d?\./, '');
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(clean)) return clean;
  }
  if (email) {
    const n = normEmail(email);
    const d = n ? n.slice(n.indexOf('@') + 1) : null;
    if (d && !FREE_MAIL.has(d)) return d;
  }
  return null;
}
