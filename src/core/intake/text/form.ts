import type { Contact, Segment } from '../../../contract/index.js';
import { buildContact, type ContactHints } from './contact.js';
import { isBlank, splitLines } from './lines.js';
import { EMAIL_IN_TEXT_RE } from './names.js';
import { SegmentBuilder } from './segments.js';
import type { SellerMatcher } from './seller.js';

export interface ParsedForm {
  segments: Segment[];
  contact: Contact;
}

export const FORM_FIELD_RE = /^\s*([\p{L}][\p{L}\p{N} /()?'’&.,-]{0,60}?)\s*:[ \t]*(.*)$/u;
// Keys that describe the submission rather than the lead's answers.
const META_KEY_RE = /^(?:(?:web(?:site)? )?form|form name|source|lead source|page|page url|submitted|submitted at|submission date|date|campaign|utm[ _].*|referrer|ip|ip address)$/i;
const NAME_KEY_RE = /^(?:full |your |contact )?name$/i;
const FIRST_NAME_KEY_RE = /^(?:first name|given name|vorname|prénom)$/i;
const LAST_NAME_KEY_RE = /^(?:last name|surname|family name|nachname|nom)$/i;
const EMAIL_KEY_RE = /e-?mail/i;
const PHONE_KEY_RE = /phone|tel\b|telephone|mobile/i;
const COMPANY_KEY_RE = /^(?:company|company name|organi[sz]ation|business|employer|firma|entreprise|empresa)$/i;
const TITLE_KEY_RE = /^(?:job title|title|role|position|job role|your role|job function)$/i;
const WEBSITE_KEY_RE = /website|^url$|company url|domain/i;
const PARENS_RE = /\s*\([^)]*\)/g;
// "Clearpath Payroll - HR/payroll SaaS, Pune & Singapore" -> "Clearpath Payroll".
const COMPANY_TAIL_RE = /\s+[-–—]\s+.*$|,.*$/;

/**
 * Roles for a web-form submission: the form's title and submission metadata are headers;
 * every answer line is the lead's (label included, because "Company size: 1-10" needs its label
 * to mean anything).
 */
export function parseForm(text: string, seller: SellerMatcher): ParsedForm {
  const lines = splitLines(text);
  const builder = new SegmentBuilder(text.length);
  const hints: ContactHints = {};
  let first: string | null = null;
  let last: string | null = null;
  let inFields = false;
  let leadText = '';
  for (const line of lines) {
    if (isBlank(line)) continue;
    const m = FORM_FIELD_RE.exec(line.text);
    const key = (m?.[1] ?? '').trim();
    const value = (m?.[2] ?? '').trim();
    if (!m || META_KEY_RE.test(key)) {
      // A title line before the first answer ("Contact sales form") is a header; later it continues the message.
      builder.push(line.start, line.end, inFields && !m ? 'lead' : 'header');
      if (inFields && !m) leadText += `${line.text}\n`;
      continue;
    }
    inFields = true;
    builder.push(line.start, line.end, 'lead');
    leadText += `${line.text}\n`;
    if (value.length === 0) continue;
    if (NAME_KEY_RE.test(key)) hints.name ??= value;
    else if (FIRST_NAME_KEY_RE.test(key)) first = value;
    else if (LAST_NAME_KEY_RE.test(key)) last = value;
    else if (EMAIL_KEY_RE.test(key)) hints.email ??= EMAIL_IN_TEXT_RE.exec(value)?.[0] ?? null;
    else if (PHONE_KEY_RE.test(key)) hints.phone ??= value;
    else if (COMPANY_KEY_RE.test(key)) hints.company ??= value.replace(PARENS_RE, '').replace(COMPANY_TAIL_RE, '').trim() || null;
    else if (TITLE_KEY_RE.test(key)) hints.title ??= value.replace(PARENS_RE, '').trim() || null;
    else if (WEBSITE_KEY_RE.test(key)) hints.website ??= value;
  }
  if (!hints.name && (first || last)) hints.name = [first, last].filter(Boolean).join(' ');
  if (hints.website) hints.website = hints.website.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/.*$/, '').toLowerCase();
  hints.leadText = leadText;
  return { segments: builder.finish('lead'), contact: buildContact(hints, seller, leadText) };
}
