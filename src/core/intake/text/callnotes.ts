import type { Contact, Segment } from '../../../contract/index.js';
import { buildContact, TITLE_RE, type ContactHints } from './contact.js';
import { isBlank, splitLines } from './lines.js';
import { cleanName, EMAIL_IN_TEXT_RE } from './names.js';
import { SegmentBuilder } from './segments.js';
import type { SellerMatcher } from './seller.js';

export interface ParsedCallNotes {
  segments: Segment[];
  contact: Contact;
}

// Our rep's own to-dos: "Next: send one-pager, f/u 20 Jan" must not give the lead a timeline.
const REP_ACTION_RE =
  /^\s*(?:[-*•]\s*)?(?:next(?: steps?)?|todo|to-do|f\/u|follow[- ]?up|action(?: items?)?|nb|n\.b\.|note to self|internal|sent\b)\s*[:\-–]?/i;
const PERSON_CUE_RE =
  /(?:\b(?:contact|caller|attendees?|spoke (?:w\/|with|to)|call (?:w\/|with)|met (?:w\/|with)|meeting (?:w\/|with))|(?:^|\s)w\/)\s*:?\s*(.+)$/i;
const NAME_AT_START_RE = /^(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3})/u;
const AT_COMPANY_RE = /(?:^|\s)@\s*(\p{Lu}[^(,;\n]*?)\s*(?:\(|,|;|$)/u;
const COMPANY_LINE_RE = /^\s*(?:[-*•]\s*)?(?:company|account|org(?:ani[sz]ation)?)\s*:\s*(.+)$/i;
const CALL_WORDS_RE = /\b(?:call|notes?|meeting|disco|disc\.|demo|qbr|intro|inbound|outbound|sync|w\/)\b/i;
const PARENS_RE = /\s*\([^)]*\)/g;
const TITLE_PART_RE = /^([^.;(\n]*?)(?:\s+[-–—]\s+|[.;(]|$)/;

/** "Aisha Bello, CFO @ Kudi Ledger (fintech)" -> name, title, company. */
function parsePersonTail(tail: string): ContactHints {
  const name = NAME_AT_START_RE.exec(tail)?.[1] ?? null;
  if (!name) return {};
  const rest = tail.slice(name.length);
  const hints: ContactHints = { name: cleanName(name) };
  let titleCandidate: string | null = null;
  const paren = /^\s*\(([^)]*)\)/.exec(rest);
  if (paren) titleCandidate = (paren[1] ?? '').split(/\s*[,;]\s*/)[0] ?? null;
  else if (/^\s*,/.test(rest)) titleCandidate = TITLE_PART_RE.exec(rest.replace(/^\s*,\s*/, '').replace(/\s+@.*$/, ''))?.[1] ?? null;
  if (titleCandidate && TITLE_RE.test(titleCandidate)) hints.title = titleCandidate.trim();
  const at = AT_COMPANY_RE.exec(rest);
  if (at) hints.company = (at[1] ?? '').trim();
  return hints;
}

/** The company in a title line: "Disco call 13 Jan - Fresco Market (online grocery)". */
function companyFromTitle(title: string): string | null {
  for (const part of title.split(/\s+[-–—]\s+/)) {
    const p = part.replace(PARENS_RE, '').replace(/,.*$/, '').trim();
    if (p.length < 2 || CALL_WORDS_RE.test(p) || /\d/.test(p) || !/^\p{Lu}/u.test(p)) continue;
    return p;
  }
  return null;
}

/**
 * Call notes are written by our rep but describe the lead, so the body is the lead's side;
 * only the rep's own next steps are `seller`.
 */
export function parseCallNotes(text: string, seller: SellerMatcher): ParsedCallNotes {
  const lines = splitLines(text);
  const builder = new SegmentBuilder(text.length);
  const hints: ContactHints = {};
  let titleLine: string | null = null;
  let companyLine: string | null = null;
  let leadText = '';
  for (const line of lines) {
    if (isBlank(line)) continue;
    titleLine ??= line.text;
    const isRep = REP_ACTION_RE.test(line.text);
    builder.push(line.start, line.end, isRep ? 'seller' : 'lead');
    if (isRep) continue;
    leadText += `${line.text}\n`;
    const company = COMPANY_LINE_RE.exec(line.text);
    if (company && !companyLine) companyLine = (company[1] ?? '').replace(PARENS_RE, '').replace(/\s+[-–—]\s+.*$|,.*$/, '').trim();
    if (!hints.name) {
      const cue = PERSON_CUE_RE.exec(line.text);
      if (cue) Object.assign(hints, parsePersonTail(cue[1] ?? ''));
    }
  }
  hints.company = companyLine || hints.company || (titleLine ? companyFromTitle(titleLine) : null);
  const email = EMAIL_IN_TEXT_RE.exec(leadText);
  hints.email = email ? email[0] : null;
  hints.leadText = leadText;
  return { segments: builder.finish('lead'), contact: buildContact(hints, seller, leadText) };
}
