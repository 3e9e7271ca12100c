import type { Evidence } from '../../../contract/index.js';
import { evidence, type Scope } from './scope.js';

export interface InjectionFinding {
  evidence: Evidence[];
  detail: string;
}

// Text that addresses the assistant or its tools instead of a person. Any one of these is enough:
// legitimate buyers never write "SYSTEM:" lines, tool-call JSON or notes to "the AI".
const INJECTION = new RegExp(
  String.raw`(?:` +
    [
      String.raw`\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|previous\s+|prior\s+|above\s+|earlier\s+)*(?:instructions|rules|policy|policies|prompts?|guidelines|qualification\s+\w+|system\s+prompt)`,
      String.raw`\b(?:note|message|instructions?)\s+(?:to|for)\s+(?:any\s+|the\s+)?(?:ai|llm|assistant|bot|model|gpt|copilot)\b`,
      String.raw`\b(?:to|for|dear)\s+(?:the\s+|any\s+|your\s+)?(?:ai|llm|crm)\s*(?:lead\s+)?(?:assistant|bot|agent|model)\b`,
      String.raw`\byour\s+(?:crm\s+|ai\s+|lead\s+)?bot\b|\byour\s+(?:crm|ai|lead)\s+(?:assistant|agent)\b`,
      String.raw`(?:^|\n|>|\[|<[^>]*>)\s*(?:system|assistant|ai|admin)\s*:\s*`,
      String.raw`"tool_call"|"function_call"|"arguments"\s*:|\btool_call\b`,
      String.raw`\b(?:mark|classify|set|record|flag)\s+(?:this|the)\s+(?:lead|sender|contact|prospect|deal)\s+(?:as|to)\b`,
      String.raw`\bset\s+(?:budget|authority|class|stage)\s*=|\bset\s+(?:the\s+)?priority\s+to\b|\brecord\s+(?:the\s+)?(?:budget|class|authority)\s+as\b`,
      String.raw`\b(?:budget|authority|class|priority)\s*=\s*\S`,
      String.raw`\b(?:delete|remove|wipe)\s+(?:all\s+|the\s+)?(?:other\s+)?(?:leads|contacts|records|deals)\b`,
      String.raw`\b(?:forward|send|email|export)\s+(?:me\s+)?(?:the\s+)?(?:full\s+|entire\s+|whole\s+)?(?:lead\s+(?:list|export)|list of (?:your\s+)?(?:other\s+)?leads|crm\s+(?:contact\s+)?(?:list|export|data)|contact\s+list|customer\s+list)`,
      String.raw`\bdo not (?:mention|reveal|disclose) (?:this|these)\b`,
      String.raw`display\s*:\s*none`,
      String.raw`(?:^|\n)\s*#+\s*(?:instructions?|system|prompt)\s*:`,
      String.raw`\bas (?:the|an|a) (?:ai|assistant|language model|llm|bot)\b`,
      String.raw`\b(?:update|change|set|move|mark)\s+(?:the\s+)?(?:crm|deal|opportunity|lead|pipeline)(?:\s+(?:stage|status|record))?\s+(?:to|as)\b`,
      String.raw`\bassign (?:this|the) (?:deal|lead|opportunity) to me\b`,
      String.raw`<!--[\s\S]{0,300}?(?:assistant|ai|bot|export|ignore)`,
      // The same moves in Spanish, Portuguese, German and French: "ignora las instrucciones",
      // "ignoriere alle bisherigen Anweisungen", "oublie tes consignes", notes to the "KI-Assistent".
      String.raw`(?<![\p{L}])(?:ignor[ae]r?|ignore[zs]?|ignoriere?n?|olvida[rd]?|esque[cç]a|esquece|vergiss|vergesst|oublie[zs]?|desconsidera[r]?|omite)\s+(?:(?:todas?|todos|all[e]?|toutes?|tous|as|os|las|los|les|tes|vos|tus|suas|sus|die|deine|ihre|alle|bisherigen|vorherigen|anteriores|précédentes|pr[eé]c[eé]dentes|previas|prévias)\s+){0,4}(?:instrucciones|instruções|instrucoes|instructions|consignes|reglas|regras|règles|Anweisungen|Regeln|Vorgaben|indicaciones|orientações)`,
      String.raw`(?<![\p{L}])(?:KI|IA)[- ](?:Assistent\w*|assistente?|asistente|agent\w*|bot)|(?<![\p{L}])(?:assistant|agent) (?:IA|d'IA)(?![\p{L}])|(?<![\p{L}])(?:hinweis|nachricht|anweisung|nota|mensaje|mensagem|instrucci[oó]n|instru[cç][aã]o|note|message|consigne)\s+(?:an|para|al|a la|ao|à|pour|au)\s+(?:den\s+|die\s+|el\s+|la\s+|o\s+|a\s+|l')?(?:KI|IA|asistente|assistente|assistant|bot|modelo|Assistenten)(?![\p{L}])`,
      String.raw`(?<![\p{L}])(?:setze?n?|markiere?n?|marca|marque[zr]?|classe[zr]?|clasifica|classifica)\s+(?:diesen|den|este|esta|ce|cette|o|el|le)\s+(?:lead|kontakt|contacto|contato|contact|deal|prospect)\s+(?:auf|als|como|comme|en)(?![\p{L}])`,
      String.raw`(?<![\p{L}])(?:env[ií]a|envie|envoie[zr]?|exporta|exporte[zr]?|manda|schick\w*|sende|exportiere\w*)\s+(?:\S+\s+){0,3}?(?:lista\s+(?:completa\s+)?de\s+(?:clientes|contactos|contatos|leads)|liste\s+(?:compl[eè]te\s+)?des\s+(?:clients|contacts|leads)|tous\s+les\s+contacts|todos\s+los\s+contactos|todos\s+os\s+contatos|Kundenliste|Kontaktliste|alle\s+Kontakte|Leadliste)`,
    ].join('|') +
    `)`,
  'giu',
);

/** The enclosing block of an injection: a [...] or (...) block, an HTML span or comment, or its line. */
function blockAround(text: string, pos: number): [number, number] {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const nl = text.indexOf('\n', pos);
  const lineEnd = nl < 0 ? text.length : nl;
  const openers: Array<[string, string]> = [
    ['[', ']'],
    ['<!--', '-->'],
    ['<span', '</span>'],
    ['<div', '</div>'],
  ];
  for (const [open, close] of openers) {
    const o = text.lastIndexOf(open, pos);
    if (o < 0 || pos - o > 600) continue;
    const c = text.indexOf(close, pos);
    const between = text.slice(o, pos);
    if (c >= 0 && c - pos < 600 && !between.includes(close)) return [o, c + close.length];
  }
  return [lineStart, lineEnd];
}

/**
 * Detects prompt injection anywhere in the text (quoted parts included, since that is where
 * it hides) and masks its block so that its numbers never become facts.
 */
export function findInjection(scope: Scope): InjectionFinding | null {
  const text = scope.text;
  const evs: Evidence[] = [];
  INJECTION.lastIndex = 0;
  let covered = -1;
  for (let m = INJECTION.exec(text); m; m = INJECTION.exec(text)) {
    // Patterns may start on the newline before the instruction; the block is the instruction's own.
    const at = m.index + (m[0].length - m[0].replace(/^[\s>#[]+/, '').length);
    if (at < covered) continue;
    const [s, e] = blockAround(text, at);
    scope.addMask(s, e);
    covered = e;
    const ev = evidence(text, s, Math.min(e, s + 400));
    if (ev.quote.length > 0) evs.push(ev);
    INJECTION.lastIndex = Math.max(INJECTION.lastIndex, e);
  }
  if (evs.length === 0) return null;
  return { evidence: evs, detail: 'text addresses the assistant or its tools (possible prompt injection); ignored as data' };
}
