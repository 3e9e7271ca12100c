import type { Contact, Segment, SegmentRole } from '../../../contract/index.js';
import { buildContact, signatureDetails, type ContactHints } from './contact.js';
import { isBlank, splitLines, type Line } from './lines.js';
import { EMAIL_IN_TEXT_RE } from './names.js';
import { SegmentBuilder } from './segments.js';
import type { SellerMatcher } from './seller.js';
import { findSignature } from './signature.js';
import { isSpeakerLabel, parseSpeaker, type Speaker } from './speakers.js';

export interface ParsedChat {
  segments: Segment[];
  contact: Contact;
}

// "[10:02] Visitor: hi", "Agent (Lena, Harbor): hello", "10:02 Sam: ..."
const COLON_TURN_RE =
  /^(\s*(?:\[[^\]\n]{1,40}\]\s*|\(?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?\)?\s+)?)([^:\n[\]]{1,100}?)\s*:(?:\s+|$)/;
// "Daniela Cruz · 9:41 AM" on a line of its own (LinkedIn, Slack-style transcripts).
export const HEADER_TURN_RE =
  /^\s*([^·•\n]{1,60}?)\s+[·•]\s+(?:\d{1,2}[:.]\d{2}(?:\s?[AaPp][Mm])?|yesterday|today|\w{3,9}\.? \d{1,2}(?:, \d{4})?)\s*$/i;

interface Turn {
  speaker: Speaker;
  /** Where the label ends and the words begin (on the first line). */
  contentStart: number;
  lines: Line[];
  /** The label line for header-style turns, kept out of the words. */
  labelLine: Line | null;
}

/** Splits a transcript into speaker turns; lines before the first turn are a header. */
function splitTurns(lines: readonly Line[], seller: SellerMatcher, firstLineIsSpeaker: boolean): { preamble: Line[]; turns: Turn[] } {
  const preamble: Line[] = [];
  const turns: Turn[] = [];
  let cur: Turn | null = null;
  const firstIdx = lines.findIndex((l) => !isBlank(l));
  for (const line of lines) {
    const header = HEADER_TURN_RE.exec(line.text);
    if (header && isSpeakerLabel(header[1] ?? '', seller)) {
      cur = { speaker: parseSpeaker(header[1] ?? '', seller), contentStart: line.end, lines: [], labelLine: line };
      turns.push(cur);
      continue;
    }
    // A LinkedIn paste may start with the sender's bare name on its own line.
    if (firstLineIsSpeaker && line.index === firstIdx && isSpeakerLabel(line.text.trim(), seller) && turns.length === 0) {
      cur = { speaker: parseSpeaker(line.text.trim(), seller), contentStart: line.end, lines: [], labelLine: line };
      turns.push(cur);
      continue;
    }
    const colon = COLON_TURN_RE.exec(line.text);
    if (colon && isSpeakerLabel(colon[2] ?? '', seller, (colon[1] ?? '').trim().length === 0)) {
      cur = { speaker: parseSpeaker(colon[2] ?? '', seller), contentStart: line.start + colon[0].length, lines: [line], labelLine: null };
      turns.push(cur);
      continue;
    }
    if (cur) cur.lines.push(line);
    else preamble.push(line);
  }
  return { preamble, turns };
}

/**
 * Roles for a chat or LinkedIn transcript. Labels and timestamps are headers; the seller's
 * agents and bots are `seller`; the newest outside speaker is the lead and any other outside
 * speaker is `other`. In a LinkedIn thread the only other party is our rep, so any speaker
 * besides the lead counts as the seller.
 */
export function parseChat(text: string, seller: SellerMatcher, kind: 'chat' | 'linkedin'): ParsedChat {
  const lines = splitLines(text);
  const { preamble, turns } = splitTurns(lines, seller, kind === 'linkedin');
  const builder = new SegmentBuilder(text.length);

  let leadKey: string | null = null;
  if (kind === 'linkedin') {
    leadKey = turns.find((t) => !t.speaker.isSeller)?.speaker.key ?? null;
  } else {
    for (let i = turns.length - 1; i >= 0; i--) {
      const t = turns[i];
      if (t && !t.speaker.isSeller) {
        leadKey = t.speaker.key;
        break;
      }
    }
  }
  const roleOf = (s: Speaker): SegmentRole => {
    if (s.key === leadKey) return 'lead';
    if (s.isSeller || kind === 'linkedin') return 'seller';
    return 'other';
  };

  const hints: ContactHints = {};
  // No turns at all (a LinkedIn message pasted without its header): all of it is the lead's.
  const bodyOnly = turns.length === 0;
  const preambleRole: SegmentRole = bodyOnly ? 'lead' : 'header';
  let leadText = '';
  const pushBody = (body: readonly Line[], role: SegmentRole, author: string | undefined, firstStart: number | null): void => {
    // The lead's closing "- Drew Callahan | Growth @ PostHog" is a signature.
    const sig = role === 'lead' ? findSignature(body) : null;
    body.forEach((line, i) => {
      const start = i === 0 && firstStart !== null ? firstStart : line.start;
      if (isBlank(line) && start === line.start) return;
      const inSig = sig !== null && i >= sig.from && i <= sig.to;
      builder.push(start, line.end, inSig ? 'signature' : role, author);
      if (role === 'lead' && !inSig) leadText += `${text.slice(start, line.end)}\n`;
    });
    if (sig && role === 'lead') {
      const d = signatureDetails(sig.detailLines, sig.name);
      hints.name ??= sig.name;
      hints.title ??= d.title ?? null;
      hints.company ??= d.company ?? null;
      hints.website ??= d.website ?? null;
      hints.phoneText ??= d.phoneText ?? null;
    }
  };

  pushBody(preamble, preambleRole, undefined, null);
  for (const t of turns) {
    const role = roleOf(t.speaker);
    const author = t.speaker.name ?? undefined;
    if (t.labelLine) builder.push(t.labelLine.start, t.labelLine.end, 'header');
    else if (t.lines[0]) builder.push(t.lines[0].start, t.contentStart, 'header');
    pushBody(t.lines, role, author, t.labelLine ? null : t.contentStart);
  }

  const leadSpeaker = turns.find((t) => t.speaker.key === leadKey)?.speaker;
  if (leadSpeaker) {
    // The most informative label wins: "Visitor (Ravi Menon, Eng Manager @ Kestrel Pay)".
    for (const t of turns) {
      if (t.speaker.key !== leadKey) continue;
      hints.name = hints.name ?? t.speaker.name;
      hints.title = hints.title ?? t.speaker.title;
      hints.company = hints.company ?? t.speaker.company;
    }
    if (!hints.name) hints.name = leadSpeaker.isVisitor ? null : leadSpeaker.name;
  }
  const email = EMAIL_IN_TEXT_RE.exec(leadText);
  hints.email = email ? email[0] : null;
  hints.leadText = leadText;
  return { segments: builder.finish(bodyOnly ? 'lead' : 'header'), contact: buildContact(hints, seller, leadText) };
}
