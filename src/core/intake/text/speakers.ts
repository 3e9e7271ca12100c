import { isNameLike, cleanName } from './names.js';
import type { SellerMatcher } from './seller.js';

/** A chat speaker label split into its parts: "Visitor (Ravi Menon, Eng Manager @ Kestrel Pay)". */
export interface Speaker {
  /** Stable key: all "Visitor (...)" lines are one speaker, whatever the bracket says. */
  key: string;
  isSeller: boolean;
  /** True for generic visitor labels ("Visitor", "Guest", "Customer"). */
  isVisitor: boolean;
  name: string | null;
  title: string | null;
  company: string | null;
}

// Chat exports label turns in the widget's language: "Agente (Harbor)", "Conseiller", "Berater", "Atendente".
const SELLER_WORDS_RE = /^(?:agent|agente|atendente|asesor[a]?|consultor[a]?|conseill[eè]re?|berater(?:in)?|bot|assistant|support|soporte|suporte|operator|operador[a]?|op[ée]rat(?:eur|rice)|rep|sales|vendedor[a]?|system|host|admin|concierge)(?![\p{L}])/iu;
const VISITOR_WORDS_RE = /^(?:visitor|visitante|visiteu(?:r|se)|besucher(?:in)?|gast|invitado|guest|customer|kunde|kundin|cliente|user|usuario|usuário|utilisat(?:eur|rice)|client|prospect|interessent(?:in)?|lead|contact|contacto|contato|anonymous|anónimo|anonyme|me|you)(?![\p{L}])/iu;
const LABEL_RE = /^\s*([^()]+?)\s*(?:\(([^)]*)\))?\s*$/;
const AT_COMPANY_RE = /\s+(?:@|at)\s+/;

/**
 * True when `label` can be a speaker: a role word, a brand or a person's name. `strict` (no
 * timestamp before the label) refuses a lone capitalised word, since "Budget: 20k" inside a
 * message must not open a new turn.
 */
export function isSpeakerLabel(label: string, seller: SellerMatcher, strict = false): boolean {
  const m = LABEL_RE.exec(label);
  if (!m) return false;
  const base = (m[1] ?? '').trim();
  if (base.length === 0 || base.length > 40) return false;
  if (SELLER_WORDS_RE.test(base) || VISITOR_WORDS_RE.test(base) || seller.mentionsBrand(label)) return true;
  if (!isNameLike(base)) return false;
  return !strict || m[2] !== undefined || /\s/.test(base);
}

export function parseSpeaker(label: string, seller: SellerMatcher): Speaker {
  const m = LABEL_RE.exec(label);
  const base = (m?.[1] ?? label).trim();
  const paren = (m?.[2] ?? '').trim();
  const isSeller = SELLER_WORDS_RE.test(base) || seller.mentionsBrand(label);
  const isVisitor = VISITOR_WORDS_RE.test(base);
  let name: string | null = null;
  let title: string | null = null;
  let company: string | null = null;
  if (isVisitor || isSeller) {
    // "Visitor (Carla Nunes)", "Agent (Lena, Harbor)": the bracket carries name, title, company.
    const parts = paren.split(/\s*,\s*/);
    const first = parts[0] ?? '';
    if (isNameLike(first) && !seller.mentionsBrand(first)) name = cleanName(first);
    const rest = parts.slice(1).join(', ');
    if (rest && !seller.mentionsBrand(rest)) {
      const [t, c] = rest.split(AT_COMPANY_RE);
      title = t?.trim() || null;
      company = c?.trim() || null;
    }
  } else {
    name = cleanName(base);
  }
  const key = (isVisitor ? base.split(/\s+/)[0] ?? base : name ?? base).toLowerCase();
  return { key, isSeller, isVisitor, name, title, company };
}
