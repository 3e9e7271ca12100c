import type { Contact, Segment, SegmentRole } from '../../../contract/index.js';
import { buildContact, signatureDetails, type ContactHints } from './contact.js';
import { newestDate, parseMailDate } from './date.js';
import { emailDomain, isFreeMailDomain } from './freemail.js';
import { isBlank, splitLines, type Line } from './lines.js';
import { parsePerson, samePerson, type Person } from './names.js';
import { SegmentBuilder } from './segments.js';
import type { SellerMatcher } from './seller.js';
import { findSignature, type SignatureBlock } from './signature.js';

export interface ParsedEmail {
  segments: Segment[];
  contact: Contact;
  sentAt: string | null;
}

type HeaderKind = 'from' | 'to' | 'date' | 'subject' | 'other';

interface HeaderItem {
  kind: 'header';
  line: Line;
  key: HeaderKind | 'marker';
  /** Offset where the header's value starts (after "Subject: "). */
  valueStart: number;
  value: string;
}
interface BodyItem {
  kind: 'body';
  line: Line;
}
interface QuotedItem {
  kind: 'quoted';
  line: Line;
  author: Person | null;
}
type Item = HeaderItem | BodyItem | QuotedItem;

interface Message {
  author: Person | null;
  items: Item[];
  dates: string[];
}

const HEADER_RE =
  /^\s*(from|to|cc|bcc|date|sent|subject|reply-to|von|an|gesendet|betreff|datum|kopie|de|à|para|asunto|enviado|objet|envoyé|fecha|oggetto|da|inviato|data|assunto)\s*:[ \t]*(.*)$/i;
const HEADER_KIND: Readonly<Record<string, HeaderKind>> = {
  from: 'from', von: 'from', de: 'from', da: 'from',
  to: 'to', cc: 'to', bcc: 'to', an: 'to', kopie: 'to', à: 'to', para: 'to',
  date: 'date', sent: 'date', gesendet: 'date', datum: 'date', enviado: 'date', envoyé: 'date', fecha: 'date', inviato: 'date', data: 'date',
  subject: 'subject', betreff: 'subject', objet: 'subject', asunto: 'subject', oggetto: 'subject', assunto: 'subject',
};
// Keys that may open a pasted header block mid-text (Outlook pastes "From:" without a separator line).
const FROM_KEYS_RE = /^\s*(?:from|von|de|da)\s*:/i;
const NAMED_SEPARATOR_RE =
  /^\s*(?:-{2,}\s*(?:forwarded message|original message|ursprüngliche nachricht|weitergeleitete nachricht|message d'origine|message transféré|mensaje original|mensaje reenviado|messaggio originale|mensagem original)\s*-{2,}|begin forwarded message:?)\s*$/i;
const RULE_SEPARATOR_RE = /^\s*(?:-{3,}|_{5,}|\*{3,})\s*$/;
const WROTE_END_RE = /(?:wrote|schrieb|a écrit|escribió|ha scritto|escreveu|schreef|skrev)\s*:\s*$/i;
const WROTE_START_RE = /^\s*(?:on|am|le|el|il|em|op|den|il giorno)\s/i;
const QUOTE_PREFIX_RE = /^(?:[ \t]*>)+[ \t]?/;
const REPLY_SUBJECT_RE = /^\s*(?:re|aw|fw|fwd|wg|tr|rv|sv|vs)\s*(?:\[\d+\])?\s*:/i;
const TIME_OR_DATE_TAIL_RE = /^.*(?:\b\d{1,2}:\d{2}(?:\s?[AP]M)?|\b\d{4})\b[,\s]*/i;

function quoteDepth(text: string): { depth: number; content: string } {
  const m = QUOTE_PREFIX_RE.exec(text);
  if (!m) return { depth: 0, content: text };
  let depth = 0;
  for (const ch of m[0]) if (ch === '>') depth++;
  return { depth, content: text.slice(m[0].length) };
}

/** The author named by an "On <date>, Name <email> wrote:" line. */
function wroteAuthor(text: string): Person {
  const head = text.replace(WROTE_END_RE, '').trim();
  const addr = /([^,<>]*)<([^<>\s]+@[^<>\s]+)>\s*$/.exec(head);
  if (addr) {
    const name = (addr[1] ?? '').replace(TIME_OR_DATE_TAIL_RE, '').trim();
    return { name: parsePerson(name).name, email: (addr[2] ?? '').toLowerCase() };
  }
  const tail = head.slice(head.lastIndexOf(',') + 1).replace(TIME_OR_DATE_TAIL_RE, '').trim();
  return parsePerson(tail);
}

/**
 * Matches an attribution line at `i`, also when the mail client wrapped it over two lines.
 * Returns the index of its last line.
 */
function matchWrote(lines: readonly Line[], i: number, content: string, depth: number): number {
  if (WROTE_END_RE.test(content) && WROTE_START_RE.test(content)) return i;
  const next = lines[i + 1];
  if (next && WROTE_START_RE.test(content)) {
    const q = quoteDepth(next.text);
    if (q.depth === depth && WROTE_END_RE.test(q.content) && content.length + q.content.length < 300) return i + 1;
  }
  return -1;
}

function headerItem(line: Line, content: string): HeaderItem | null {
  const m = HEADER_RE.exec(content);
  if (!m) return null;
  const key = HEADER_KIND[(m[1] ?? '').toLowerCase()] ?? 'other';
  const value = m[2] ?? '';
  return { kind: 'header', line, key, value, valueStart: line.end - value.length };
}

/** Splits a thread into messages, newest first, as mail clients paste them. */
function splitMessages(lines: readonly Line[], receivedAt: string | undefined): Message[] {
  const messages: Message[] = [];
  let cur: Message = { author: null, items: [], dates: [] };
  messages.push(cur);
  let headerMode = true;
  let sawHeader = false;
  // Who wrote the lines at each quote depth, as announced by an attribution line.
  let depthAuthor: (Person | null)[] = [];

  const open = (author: Person | null): void => {
    cur = { author, items: [], dates: [] };
    messages.push(cur);
    depthAuthor = [];
  };
  const marker = (line: Line): void => {
    cur.items.push({ kind: 'header', line, key: 'marker', value: line.text, valueStart: line.end });
  };
  const record = (h: HeaderItem): void => {
    cur.items.push(h);
    if (h.key === 'from' && !cur.author) cur.author = parsePerson(h.value);
    if (h.key === 'date') {
      const d = parseMailDate(h.value, receivedAt);
      if (d) cur.dates.push(d);
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (isBlank(line)) {
      if (headerMode && sawHeader) headerMode = false;
      cur.items.push({ kind: 'body', line });
      continue;
    }
    const { depth, content } = quoteDepth(line.text);
    const wroteEnd = matchWrote(lines, i, content, depth);
    if (depth === 0) {
      const nextIdx = nextContentLine(lines, i + 1);
      const nextIsHeader = nextIdx >= 0 && HEADER_RE.test(lines[nextIdx]?.text ?? '');
      if (NAMED_SEPARATOR_RE.test(content) || (RULE_SEPARATOR_RE.test(content) && nextIdx >= 0 && FROM_KEYS_RE.test(lines[nextIdx]?.text ?? ''))) {
        open(null);
        marker(line);
        headerMode = true;
        sawHeader = false;
        continue;
      }
      if (wroteEnd >= 0) {
        const author = wroteAuthor(lines.slice(i, wroteEnd + 1).map((l) => quoteDepth(l.text).content).join(' '));
        open(author);
        for (let j = i; j <= wroteEnd; j++) marker(lines[j] as Line);
        const d = parseMailDate(content, receivedAt);
        if (d) cur.dates.push(d);
        depthAuthor[1] = author;
        headerMode = false;
        i = wroteEnd;
        continue;
      }
      if (!headerMode && FROM_KEYS_RE.test(content) && isBlank(lines[i - 1]) && nextIsHeader) {
        open(null);
        headerMode = true;
        sawHeader = false;
      }
      if (headerMode) {
        const h = headerItem(line, content);
        if (h) {
          record(h);
          sawHeader = true;
          continue;
        }
        headerMode = false;
      }
      cur.items.push({ kind: 'body', line });
      continue;
    }
    // Quoted lines: an attribution or a "> From:" header names the author of what follows.
    if (wroteEnd >= 0) {
      const author = wroteAuthor(lines.slice(i, wroteEnd + 1).map((l) => quoteDepth(l.text).content).join(' '));
      const after = nextContentLine(lines, wroteEnd + 1);
      const afterDepth = after >= 0 ? quoteDepth(lines[after]?.text ?? '').depth : depth;
      depthAuthor[afterDepth > depth ? depth + 1 : depth] = author;
      for (let j = i; j <= wroteEnd; j++) marker(lines[j] as Line);
      const d = parseMailDate(content, receivedAt);
      if (d) cur.dates.push(d);
      i = wroteEnd;
      continue;
    }
    if (NAMED_SEPARATOR_RE.test(content)) {
      depthAuthor[depth] = null;
      marker(line);
      continue;
    }
    const h = headerItem(line, content);
    if (h && (h.key === 'from' || cur.items[cur.items.length - 1]?.kind === 'header')) {
      if (h.key === 'from') depthAuthor[depth] = parsePerson(h.value);
      cur.items.push(h);
      continue;
    }
    cur.items.push({ kind: 'quoted', line, author: depthAuthor[depth] ?? null });
  }
  // A paste that starts with a forward marker has an empty first "message"; it must not become the lead.
  const kept = messages.filter((m) => m.items.some((it) => !isBlank(it.line)));
  return kept.length > 0 ? kept : messages.slice(0, 1);
}

function nextContentLine(lines: readonly Line[], from: number): number {
  for (let i = from; i < lines.length; i++) if (!isBlank(lines[i])) return i;
  return -1;
}

type Side = 'lead' | 'seller' | 'other' | 'unknown';

/**
 * Roles for a pasted email thread. The lead is the newest sender outside the seller; earlier
 * messages by the lead or by colleagues at the lead's company count as the lead's side,
 * because a forwarded approval from the lead's CFO is the buyer's fact, while the seller's
 * own replies are kept out of every lead span.
 */
export function parseEmail(text: string, seller: SellerMatcher, receivedAt?: string): ParsedEmail {
  const lines = splitLines(text);
  const messages = splitMessages(lines, receivedAt);

  // Everyone named in headers, so a name-only signer can be matched to an address.
  const book: Person[] = [];
  const sellerNames: string[] = [];
  for (const m of messages) {
    const people = m.items.flatMap((it) => (it.kind === 'header' && (it.key === 'from' || it.key === 'to') ? splitAddressList(it.value) : []));
    if (m.author) people.push(m.author);
    for (const p of people) {
      book.push(p);
      if (p.name && ((p.email && seller.isSellerEmail(p.email)) || seller.mentionsBrand(p.name))) sellerNames.push(p.name);
    }
  }
  const lookupEmail = (name: string | null): string | null => {
    if (!name) return null;
    return book.find((p) => p.email && samePerson(p.name, name))?.email ?? null;
  };
  const isSellerPerson = (p: Person | null): boolean => {
    if (!p) return false;
    if (p.email && seller.isSellerEmail(p.email)) return true;
    if (p.name && (seller.mentionsBrand(p.name) || sellerNames.some((s) => samePerson(s, p.name)))) return true;
    return false;
  };

  // Signatures first: they name the author of a header-less top message.
  const signatures = messages.map((m) => {
    const body = m.items.filter((it): it is BodyItem => it.kind === 'body').map((it) => it.line);
    const sig = findSignature(body);
    return { body, sig };
  });
  const authors: (Person | null)[] = messages.map((m, idx) => {
    if (m.author && (m.author.name || m.author.email)) {
      const a = m.author;
      return { name: a.name ?? signatures[idx]?.sig?.name ?? null, email: a.email ?? lookupEmail(a.name) };
    }
    const sigName = signatures[idx]?.sig?.name ?? null;
    return sigName ? { name: sigName, email: lookupEmail(sigName) } : null;
  });

  let leadIdx = -1;
  for (let i = 0; i < messages.length; i++) {
    const a = authors[i] ?? null;
    if (isSellerPerson(a)) continue;
    // The pasted top message with no author is the one the rep received: the lead's.
    if (a || i === 0) {
      leadIdx = i;
      break;
    }
  }
  const lead = leadIdx >= 0 ? (authors[leadIdx] ?? null) : null;
  const leadDomain = lead?.email ? emailDomain(lead.email) : null;
  const leadBusinessDomain = leadDomain && !isFreeMailDomain(leadDomain) ? leadDomain : null;

  // `idx` is the message index, or null for a quoted line inside a message.
  const sideOf = (p: Person | null, idx: number | null): Side => {
    if (idx !== null && idx === leadIdx) return 'lead';
    if (!p) return 'unknown';
    if (isSellerPerson(p)) return 'seller';
    if (lead && ((p.email && lead.email && p.email === lead.email) || samePerson(p.name, lead.name))) return 'lead';
    if (p.email) {
      const d = emailDomain(p.email);
      return leadBusinessDomain && d === leadBusinessDomain ? 'lead' : 'other';
    }
    // No address: a name in a chain below the lead's own message is taken as a colleague.
    return leadIdx >= 0 && idx !== null && idx > leadIdx ? 'lead' : 'other';
  };
  const label = (p: Person | null): string | undefined => p?.name ?? p?.email ?? undefined;

  const builder = new SegmentBuilder(text.length);
  const sides = messages.map((m, idx) => sideOf(authors[idx] ?? null, idx));
  for (let idx = 0; idx < messages.length; idx++) {
    const m = messages[idx] as Message;
    const side = sides[idx] ?? 'unknown';
    const author = label(authors[idx] ?? null);
    const sig = signatures[idx]?.sig ?? null;
    const sigLines = new Set<Line>(sig ? (signatures[idx]?.body ?? []).slice(sig.from, sig.to + 1) : []);
    const bodyRole: SegmentRole = side === 'unknown' ? 'quoted' : side;
    const sigRole: SegmentRole = side === 'lead' ? 'signature' : bodyRole;
    for (const it of m.items) {
      const { line } = it;
      if (isBlank(line)) continue;
      if (it.kind === 'header') {
        // The lead's own subject line is their words ("CANCEL MY BOOKING"); a reply subject is not.
        if (it.key === 'subject' && side === 'lead' && !REPLY_SUBJECT_RE.test(it.value) && it.value.trim().length > 0) {
          builder.push(line.start, it.valueStart, 'header');
          builder.push(it.valueStart, line.end, 'lead', author);
        } else {
          builder.push(line.start, line.end, 'header');
        }
      } else if (it.kind === 'body') {
        builder.push(line.start, line.end, sigLines.has(line) ? sigRole : bodyRole, author);
      } else {
        const qSide = it.author ? sideOf(it.author, null) : 'unknown';
        builder.push(line.start, line.end, qSide === 'unknown' ? 'quoted' : qSide, label(it.author));
      }
    }
  }
  const segments = builder.finish(leadIdx >= 0 ? 'lead' : 'quoted');

  const sentAt = newestDate(messages.flatMap((m) => m.dates));
  const hints = leadHints(lead, leadIdx >= 0 ? (signatures[leadIdx]?.sig ?? null) : null);
  const leadText = segments
    .filter((s) => s.role === 'lead' || s.role === 'signature')
    .map((s) => text.slice(s.start, s.end))
    .join('\n');
  hints.leadText = leadText;
  return { segments, contact: buildContact(hints, seller, leadText), sentAt };
}

function leadHints(lead: Person | null, sig: SignatureBlock | null): ContactHints {
  const details = sig ? signatureDetails(sig.detailLines, sig.name ?? lead?.name ?? null) : {};
  return {
    ...details,
    name: lead?.name ?? sig?.name ?? null,
    email: lead?.email ?? details.email ?? null,
  };
}

/** "Ben Alvarez <ben@x.shop>; Mei <mei@x.shop>" -> people. */
function splitAddressList(value: string): Person[] {
  const out: Person[] = [];
  for (const part of value.split(/[;,](?![^<]*>)/)) {
    if (part.trim().length === 0) continue;
    out.push(parsePerson(part));
  }
  return out;
}
