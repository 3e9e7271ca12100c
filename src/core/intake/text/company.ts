import { emailDomain, isFreeMailDomain } from './freemail.js';
import { titleCase } from './names.js';

// Second-level public suffixes: the company label is one further left ("acme.co.uk").
const SECOND_LEVEL_RE = /^(?:co|com|org|net|ac|gov|edu|ltd|plc)$/;

/** The registrable label of a domain: "mail.acme-corp.co.uk" -> "acme-corp". */
function companyLabel(domain: string): string | null {
  const parts = domain.toLowerCase().split('.').filter((p) => p.length > 0);
  if (parts.length < 2) return null;
  let i = parts.length - 2;
  if (i > 0 && SECOND_LEVEL_RE.test(parts[i] ?? '') && (parts[parts.length - 1]?.length ?? 0) === 2) i--;
  return parts[i] ?? null;
}

/** The website implied by a business address ("priya@lendwell.com" -> "lendwell.com"); never a free-mail one. */
export function websiteFromEmail(email: string | null, isSeller: (email: string) => boolean): string | null {
  if (!email || isSeller(email)) return null;
  const d = emailDomain(email);
  if (!d || isFreeMailDomain(d)) return null;
  return d.replace(/^(?:mail|email|e|mx|smtp)\./, '');
}

/**
 * A company name from a business domain, used only when nothing better says it: hyphens
 * become spaces ("acme-corp.io" -> "Acme Corp"); joined words stay joined because splitting
 * them would be a guess.
 */
export function companyFromDomain(domain: string | null): string | null {
  if (!domain || isFreeMailDomain(domain)) return null;
  const label = companyLabel(domain);
  if (!label || label.length < 2 || /^\d+$/.test(label)) return null;
  return titleCase(label.replace(/[-_]+/g, ' ').trim());
}

const WEBSITE_RE = /^(?:https?:\/\/)?(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})(?:\/\S*)?$/i;

/** "https://www.Cartwheel.shop/" -> "cartwheel.shop"; null when the field is not a web address. */
export function normaliseWebsite(field: string): string | null {
  const m = WEBSITE_RE.exec(field.trim());
  if (!m || /@/.test(field)) return null;
  return (m[1] ?? '').toLowerCase();
}
