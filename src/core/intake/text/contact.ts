import type { Contact } from '../../../contract/index.js';
import { companyFromDomain, normaliseWebsite, websiteFromEmail } from './company.js';
import { emailDomain } from './freemail.js';
import type { Line } from './lines.js';
import { cleanName, EMAIL_IN_TEXT_RE, samePerson, titleCase } from './names.js';
import { findCuedPhone, findPhone, regionHint } from './phone.js';
import type { SellerMatcher } from './seller.js';

/** What a channel parser learned about the lead; merged into a Contact by `buildContact`. */
export interface ContactHints {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  title?: string | null;
  company?: string | null;
  website?: string | null;
  /** Raw text in which a phone number may be looked for without a cue (a signature). */
  phoneText?: string | null;
  /**
   * The lead's own words: a phone number counts there only after a cue word, and a
   * self-introduction ("I'm Head of Product at Mosaic Learning") fills a missing title/company.
   */
  leadText?: string | null;
}

export const TITLE_RE =
  /\b(?:CEO|CTO|CFO|COO|CPO|CMO|CIO|CISO|CDO|CRO|SVP|EVP|VP|Vice President|President|Head|Director|Directeur|Directrice|Directora?|Manager|Lead|Founder|Co-?founder|Owner|Chief|Officer|Engineer|Analyst|Partner|Principal|Architect|Specialist|Consultant|MD|Executive|Coordinator|Associate|Intern|PM|Designer|Developer|Scientist|Administrator|Geschäftsführer(?:in)?|Leiter(?:in)?|Gerente|Responsable|GM|Product Owner|Strategist|Advisor|Chair(?:man|woman)?)\b/i;
const LETTER_PARENS_RE = /\s*\([^)]*\p{L}[^)]*\)/gu;
const FIELD_SPLIT_RE = /\s*(?:\||·|•|\s[-–—]\s|,(?![^(]*\)))\s*/;
const DIGITS_RE = /\d/;
const PHONE_PREFIX_RE = /^(?:tel|phone|mobile|mob|cell|fax|[tmfp])\.?\s*:?\s*\+?\d/i;

/** Title-cases a field typed in capitals ("MANAGING DIRECTOR"); leaves mixed case alone ("VP of Product"). */
function tidy(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t === t.toUpperCase() && /\p{Lu}{3}/u.test(t) && !/^[\p{Lu}&]{2,5}$/u.test(t) ? titleCase(t) : t;
}

/** Title, company, website and email from the lines under a signer's name. */
export function signatureDetails(lines: readonly Line[], signer: string | null): ContactHints {
  const hints: ContactHints = { phoneText: lines.map((l) => l.text).join('\n') };
  for (const line of lines) {
    const emailMatch = EMAIL_IN_TEXT_RE.exec(line.text);
    if (emailMatch && !hints.email) hints.email = emailMatch[0].toLowerCase();
    const fields = line.text.replace(LETTER_PARENS_RE, '').split(FIELD_SPLIT_RE);
    for (const raw of fields) {
      const field = raw.trim().replace(/^[-–—]+\s*/, '');
      if (field.length < 2 || field.length > 70) continue;
      if (EMAIL_IN_TEXT_RE.test(field)) continue;
      if (signer && samePerson(field, signer)) continue;
      const site = normaliseWebsite(field);
      if (site) {
        hints.website ??= site;
        continue;
      }
      if (PHONE_PREFIX_RE.test(field) || DIGITS_RE.test(field)) continue;
      // "Growth @ PostHog": role at company.
      const at = /^(.+?)\s+(?:@|at)\s+(\p{Lu}.+)$/u.exec(field);
      if (at && !DIGITS_RE.test(field)) {
        hints.title ??= tidy(at[1] ?? '');
        hints.company ??= tidy(at[2] ?? '');
        continue;
      }
      if (TITLE_RE.test(field)) {
        hints.title ??= tidy(field);
        continue;
      }
      // Company: a capitalised field; lower-case fields are taglines or notes.
      if (/^[\p{Lu}\d]/u.test(field) && !hints.company) hints.company = tidy(field);
    }
  }
  return hints;
}

// "I'm Head of E-commerce at Lumen & Loom", "I am the CTO at Grocerly", "I'm a data analyst at Tidewater Commerce".
const SELF_INTRO_RE =
  /\bI(?:'m|’m| am)\s+(?:now\s+)?(?:the\s+|a\s+|an\s+)?([\p{L}][\p{L} &/-]{1,50}?)\s+(?:at|@)\s+(\p{Lu}[\p{L}\d&'’-]*(?:\s+(?:&\s+)?\p{Lu}[\p{L}\d&'’-]*){0,4})/u;

/** Title and company from the lead introducing themselves; the title must read like a job title. */
export function selfIntroduction(text: string): { title: string; company: string } | null {
  const m = SELF_INTRO_RE.exec(text);
  if (!m) return null;
  const title = (m[1] ?? '').trim();
  const company = (m[2] ?? '').replace(/[.’']+$/, '').trim();
  if (!TITLE_RE.test(title) || company.length < 2) return null;
  return { title, company };
}

/**
 * Merges hints into the contract's Contact. The website and company fall back to the email
 * domain only for business addresses, and never to the seller's own domain.
 */
export function buildContact(h: ContactHints, seller: SellerMatcher, regionText: string): Contact {
  const email = h.email && !seller.isSellerEmail(h.email) ? h.email.toLowerCase() : null;
  const domain = email ? emailDomain(email) : null;
  const region = regionHint(domain, regionText);
  let phone = h.phone ? findPhone(h.phone, region) : null;
  if (!phone && h.phoneText) phone = findPhone(h.phoneText, region);
  if (!phone && h.leadText) phone = findCuedPhone(h.leadText, region);
  const intro = (!h.title || !h.company) && h.leadText ? selfIntroduction(h.leadText) : null;
  const website = h.website ?? websiteFromEmail(email, (e) => seller.isSellerEmail(e));
  const company = h.company ?? intro?.company ?? (email ? companyFromDomain(domain) : null);
  const name = h.name ? cleanName(h.name) : null;
  return {
    name: name && !seller.mentionsBrand(name) ? name : null,
    email,
    phone,
    title: (h.title ?? intro?.title)?.trim() || null,
    company: company && !seller.mentionsBrand(company) ? company : null,
    website,
  };
}
