import type { Channel } from '../../../contract/index.js';
import { HEADER_TURN_RE } from './chat.js';
import { FORM_FIELD_RE } from './form.js';
import { isBlank, type Line } from './lines.js';
import { isNameLike } from './names.js';

const CHAT_TURN_RE =
  /^\s*(?:\[[^\]\n]{0,20}\d{1,2}:\d{2}[^\]\n]{0,12}\]\s*[^:\n]{1,80}:|(?:visitor|visitante|visiteur|visiteuse|besucher|besucherin|kunde|kundin|cliente|agent|agente|atendente|asesora?|conseill[eè]re?|berater|guest|customer|bot|operator|support|user)(?![\p{L}])[^:\n]{0,80}:)/iu;
const EMAIL_MARK_RE =
  /^\s*(?:>|(?:from|to|cc|subject|sent|date|von|an|betreff|gesendet|objet|asunto)\s*:|-{2,}\s*(?:forwarded|original)|-----ursprüngliche|on .{4,200}wrote:|begin forwarded message)/i;
const FORM_KEY_RE =
  /^(?:(?:full |first |last |your |contact )?name|e-?mail|work email|business email|phone|company(?: name| size)?|job title|title|role|employees|number of employees|country|message|budget|annual budget|timeline|website|how can we help\??|comments?)$/i;
const CALL_TITLE_RE = /\b(?:call|disco|discovery|meeting|qbr|notes)\b/i;
const BULLET_RE = /^\s*[-*•]\s+/;
const LINKEDIN_HINT_RE = /\b(?:thanks for (?:the )?connect(?:ing)?|connection request|saw your (?:post|profile)|inmail)\b/i;

/** Guesses the channel when the caller does not say: cheap line tests, strongest signal first. */
export function detectChannel(lines: readonly Line[]): Channel {
  let chatTurns = 0;
  let emailMarks = 0;
  let formKeys = 0;
  let bullets = 0;
  let nonBlank = 0;
  let first: Line | null = null;
  for (const line of lines) {
    if (isBlank(line)) continue;
    nonBlank++;
    first ??= line;
    if (CHAT_TURN_RE.test(line.text)) chatTurns++;
    if (EMAIL_MARK_RE.test(line.text)) emailMarks++;
    if (BULLET_RE.test(line.text)) bullets++;
    const f = FORM_FIELD_RE.exec(line.text);
    if (f && FORM_KEY_RE.test((f[1] ?? '').trim())) formKeys++;
  }
  if (!first) return 'email';
  if (chatTurns >= 2) return 'chat';
  if (CALL_TITLE_RE.test(first.text) && bullets >= 2) return 'call_notes';
  if (formKeys >= 3 && formKeys * 2 >= nonBlank - 2 && emailMarks === 0) return 'web_form';
  if (HEADER_TURN_RE.test(first.text)) return 'linkedin';
  if (emailMarks > 0) return 'email';
  if (bullets >= 3) return 'call_notes';
  if (LINKEDIN_HINT_RE.test(lines.map((l) => l.text).join('\n'))) return 'linkedin';
  if (isNameLike(first.text) && first.text.trim().includes(' ') && nonBlank >= 2) return 'linkedin';
  return 'email';
}
