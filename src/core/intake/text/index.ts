import type { Channel, ParsedText } from '../../../contract/index.js';
import { parseCallNotes } from './callnotes.js';
import { detectChannel } from './channel.js';
import { parseChat } from './chat.js';
import { parseEmail } from './email.js';
import { parseForm } from './form.js';
import { splitLines } from './lines.js';
import { DEFAULT_SELLER, sellerMatcher, type SellerIdentity } from './seller.js';

export { DEFAULT_SELLER, type SellerIdentity } from './seller.js';
export { isFreeMailDomain } from './freemail.js';

export interface ParseTextOptions {
  /** YYYY-MM-DD the text was received; anchors dates without a year. */
  receivedAt?: string;
  /** The channel when the caller knows it; otherwise it is detected. */
  channel?: Channel;
  /** Who "we" are; defaults to Harbor Analytics. */
  seller?: SellerIdentity;
}

/**
 * Pasted text -> channel, role-tagged segments (offsets into the original text), the date of
 * the newest message and the lead's contact details.
 */
export function parseText(text: string, opts: ParseTextOptions = {}): ParsedText {
  const seller = sellerMatcher(opts.seller ?? DEFAULT_SELLER);
  const channel = opts.channel ?? detectChannel(splitLines(text));
  switch (channel) {
    case 'chat':
    case 'linkedin': {
      const r = parseChat(text, seller, channel);
      return { text, channel, sentAt: null, segments: r.segments, contact: r.contact };
    }
    case 'web_form': {
      const r = parseForm(text, seller);
      return { text, channel, sentAt: null, segments: r.segments, contact: r.contact };
    }
    case 'call_notes': {
      const r = parseCallNotes(text, seller);
      return { text, channel, sentAt: null, segments: r.segments, contact: r.contact };
    }
    default: {
      // Email, and rows from a table or CRM note, which read like a single message.
      const r = parseEmail(text, seller, opts.receivedAt);
      return { text, channel, sentAt: r.sentAt, segments: r.segments, contact: r.contact };
    }
  }
}
