import type { BriefItem, BriefLength, BriefSection, Citation, RequiredFact } from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import { DEFAULT_RULESET } from '../../rules/defaultRuleset.js';
import { citeLeadMessage, citeLeadQuote } from '../memory/lead.js';
import { searchBm25, type RankedChunk } from '../search/bm25.js';
import { bestSentence, sentencesOf } from '../search/quote.js';
import type { BriefContext } from './context.js';
import { SECTION, SECTION_ORDER } from './sections.js';

/** How much of each section a brief length keeps. */
const SIZES: Record<BriefLength, { talking: number; perCompetitor: number; reasons: 'blocking' | 'all' }> = {
  short: { talking: 2, perCompetitor: 1, reasons: 'blocking' },
  standard: { talking: 4, perCompetitor: 2, reasons: 'all' },
  detailed: { talking: 6, perCompetitor: 3, reasons: 'all' },
};

// Words with which leads state what they want; those sentences are the needs to answer.
const NEED_CUE = /\b(need|needs|want|wants|looking for|interested|require|requires|must|help us|struggl\w*|problem|track|understand|improve|replace|migrat\w*|evaluat\w*|compar\w*|switch\w*|moving|currently use|using)\b/i;

const KNOWN_COMPETITORS = ['Mixpanel', 'Amplitude', 'Heap', 'Pendo', 'PostHog', 'Google Analytics'];

const item = (text: string, citations: Array<Citation | null> = []): BriefItem => ({
  text,
  citations: citations.filter((c): c is Citation => c !== null),
});

const kbCitation = (r: RankedChunk, query: string): Citation => ({ source: r.chunk.source, chunk_id: r.chunk.id, quote: bestSentence(r.chunk.text, query) });

const isBattlecard = (r: RankedChunk) => /^battlecard\b/i.test(r.chunk.heading_path[0] ?? '');

/** The lead's sentences that state a need, with the message they come from. */
function statedNeeds(bc: BriefContext, max: number): Array<{ sourceId: string; sentence: string }> {
  const out: Array<{ sourceId: string; sentence: string }> = [];
  const need = bc.facts['need'];
  for (const e of need?.evidence ?? []) if (need?.source_id) out.push({ sourceId: need.source_id, sentence: e.quote });
  for (const m of bc.messages) {
    for (const s of sentencesOf(m.text)) {
      if (s.text.length < 15 || s.text.length > 400 || !NEED_CUE.test(s.text)) continue;
      if (!out.some((o) => o.sentence.includes(s.text) || s.text.includes(o.sentence))) out.push({ sourceId: m.id, sentence: s.text });
    }
  }
  return out.slice(0, max);
}

/** Competitors from the fact, or named in the lead's messages when the extractor missed them. */
function namedCompetitors(bc: BriefContext): string[] {
  const names = new Set(bc.competitors);
  for (const m of bc.messages) for (const c of KNOWN_COMPETITORS) if (new RegExp(`\\b${c}\\b`, 'i').test(m.text)) names.add(c);
  return [...names];
}

function evidenceCitations(ctx: StoreContext, bc: BriefContext, name: string): Array<Citation | null> {
  const f = bc.facts[name];
  if (!f) return [];
  return f.evidence.slice(0, 2).map((e) => (f.source_id ? citeLeadMessage(ctx, bc.lead.id, f.source_id, e.quote) : null) ?? citeLeadQuote(ctx, bc.lead.id, e.quote));
}

function who(ctx: StoreContext, bc: BriefContext): BriefItem[] {
  const l = bc.lead;
  const items: BriefItem[] = [];
  const person = [l.name ?? 'Unknown contact', l.title, l.company ? `at ${l.company}` : null].filter(Boolean).join(', ').replace(', at', ' at');
  items.push(item(`${person}${l.email ? ` (${l.email})` : ''}.`));
  const c = bc.company;
  if (c) {
    const parts = [c.sector, c.employees ? `${c.employees.toLocaleString('en-US')} employees` : null, c.location, c.website ?? l.website].filter(Boolean);
    items.push(item(`${c.name}${parts.length ? `: ${parts.join(', ')}` : ''} (CRM record).`));
  } else if (l.website || l.domain) items.push(item(`Company website: ${l.website ?? l.domain}.`));
  if (bc.facts['company_size'] && bc.facts['company_size'].display !== 'unknown') {
    items.push(item(`Company size: ${bc.facts['company_size'].display}.`, evidenceCitations(ctx, bc, 'company_size')));
  }
  const first = bc.messages[0];
  const opening = first ? sentencesOf(first.text).find((s) => s.text.length >= 30 && NEED_CUE.test(s.text)) ?? sentencesOf(first.text).find((s) => s.text.length >= 30) : undefined;
  if (first && opening) items.push(item(`In their words: "${opening.text}"`, [citeLeadMessage(ctx, bc.lead.id, first.id, opening.text)]));
  return items;
}

function qualification(ctx: StoreContext, bc: BriefContext, length: BriefLength): BriefItem[] {
  const d = bc.decision;
  if (!d) return [item('Not qualified yet: run the qualification on this lead before the meeting.')];
  const items = [item(`Class: ${d.class.replace('_', ' ')}, score ${d.score}/100.${d.counterfactual ? ` ${d.counterfactual}` : ''}`)];
  const factOfRule: Record<string, string> = { budget_annual: 'budget', timeline_months: 'timeline', company_size: 'company_size', authority: 'authority', need: 'need' };
  for (const r of d.reasons) {
    if (SIZES[length].reasons === 'blocking' && r.status === 'passed') continue;
    const fact = factOfRule[r.rule.replace(/_(min|max|floor|stated)$/, '')] ?? r.rule;
    const cites = r.evidence.slice(0, 2).map((e) => citeLeadQuote(ctx, bc.lead.id, e.quote));
    items.push(item(`${r.label}: ${r.status}${r.actual ? ` (${r.actual})` : ''}.`, cites.length ? cites : evidenceCitations(ctx, bc, fact)));
  }
  items.push(item(d.missing.length ? `Missing: ${d.missing.map((m) => m.fact.replace('_', ' ')).join(', ')}.` : 'Nothing required is missing.'));
  return items;
}

function questions(ctx: StoreContext, bc: BriefContext, competitors: string[]): BriefItem[] {
  const missing: Array<{ fact: RequiredFact; question: string }> = bc.decision
    ? bc.decision.missing
    : DEFAULT_RULESET.required.map((f) => ({ fact: f, question: DEFAULT_RULESET.questions[f] ?? `What is the ${f}?` }));
  const items = missing.map((m) => item(`${m.fact.replace('_', ' ')}: ${m.question}`));
  for (const c of competitors) {
    const hit = searchBm25(ctx, `discovery questions ${c}`, { limit: 10 }).find((r) => r.chunk.heading_path.some((h) => /discovery questions/i.test(h) && h.toLowerCase().includes(c.toLowerCase())));
    if (hit) {
      const cite = kbCitation(hit, `ask ${c}`);
      items.push(item(`Because ${c} is in the deal: ${cite.quote}`, [cite]));
    }
  }
  return items;
}

function talkingPoints(ctx: StoreContext, bc: BriefContext, max: number): BriefItem[] {
  const items: BriefItem[] = [];
  const usedChunks = new Set<string>();
  for (const need of statedNeeds(bc, 8)) {
    const hits = searchBm25(ctx, need.sentence, { limit: 6 }).filter((r) => !isBattlecard(r) && !usedChunks.has(r.chunk.id));
    const hit = hits[0];
    if (!hit) continue;
    usedChunks.add(hit.chunk.id);
    const kb = kbCitation(hit, need.sentence);
    const topic = hit.chunk.heading_path[hit.chunk.heading_path.length - 1] ?? hit.chunk.source;
    items.push(item(`${topic}: ${kb.quote}`, [kb, citeLeadMessage(ctx, bc.lead.id, need.sourceId, need.sentence)]));
    if (items.length >= max) break;
  }
  return items;
}

function competitorNotes(ctx: StoreContext, competitors: string[], per: number): { items: BriefItem[]; uncovered: string[] } {
  const items: BriefItem[] = [];
  const uncovered: string[] = [];
  for (const c of competitors) {
    const hits = searchBm25(ctx, `${c} Harbor wins pricing comparison`, { limit: 12 }).filter(
      (r) => (r.chunk.heading_path[0] ?? '').toLowerCase().includes(c.toLowerCase()) && !r.chunk.heading_path.some((h) => /discovery questions/i.test(h)),
    );
    if (!hits.length) {
      uncovered.push(c);
      continue;
    }
    for (const h of hits.slice(0, per)) {
      const cite = kbCitation(h, `Harbor ${c} wins`);
      items.push(item(`vs ${c}: ${cite.quote}`, [cite]));
    }
  }
  return { items, uncovered };
}

function risks(ctx: StoreContext, bc: BriefContext, uncovered: string[]): BriefItem[] {
  const items: BriefItem[] = [];
  // A claim about a competitor with no battlecard would be unsupported; say so instead.
  for (const c of uncovered) items.push(item(`${c} is in the deal and the knowledge base has no battlecard for it: do not improvise claims.`));
  const d = bc.decision;
  for (const e of d?.escalation.reasons ?? []) {
    items.push(item(`Open escalation (${e.reason}): ${e.detail}. A person must handle this before any commitment.`, e.evidence.slice(0, 2).map((ev) => citeLeadQuote(ctx, bc.lead.id, ev.quote))));
  }
  for (const r of d?.reasons ?? []) {
    if (r.status !== 'failed') continue;
    items.push(item(`Fails "${r.label}" (${r.actual ?? 'unknown'}); expect this to come up.`, r.evidence.slice(0, 1).map((ev) => citeLeadQuote(ctx, bc.lead.id, ev.quote))));
    if (r.rule.startsWith('budget')) {
      const hit = searchBm25(ctx, 'objection too expensive price budget', { limit: 5 }).find((h) => /objection/i.test(h.chunk.heading_path[0] ?? ''));
      if (hit) {
        const cite = kbCitation(hit, 'Starter costs smaller team');
        items.push(item(`If price comes up: ${cite.quote}`, [cite]));
      }
    }
  }
  if (d?.escalation.reasons.some((e) => e.reason === 'discount')) {
    const hit = searchBm25(ctx, 'discount above 15% approval sales director', { limit: 3 })[0];
    if (hit) {
      const cite = kbCitation(hit, 'discount above 15% approved sales director');
      items.push(item(`Discount policy: ${cite.quote}`, [cite]));
    }
  }
  if (bc.pendingProposals) items.push(item(`${bc.pendingProposals} proposal${bc.pendingProposals === 1 ? '' : 's'} for this lead still await approval.`));
  if (!items.length) items.push(item('No open escalations and no failed rules.'));
  return items;
}

function agenda(bc: BriefContext, talking: BriefItem[], competitors: string[]): BriefItem[] {
  const who = bc.lead.company ?? bc.lead.name ?? 'the lead';
  const items = [item(`Introductions and the goals of ${who} (5 min).`)];
  const missing = bc.decision?.missing.map((m) => m.fact.replace('_', ' ')) ?? ['budget', 'timeline', 'authority', 'company size', 'need'];
  if (missing.length) items.push(item(`Discovery: ${missing.join(', ')} (10 min).`));
  const topics = [...new Set(talking.map((t) => t.text.split(':')[0]!))].slice(0, 3);
  if (topics.length) items.push(item(`Show how Harbor answers their needs: ${topics.join(', ')} (15 min).`, talking[0]?.citations.slice(0, 1) ?? []));
  if (competitors.length) items.push(item(`Position Harbor against ${competitors.join(', ')} (5 min).`));
  items.push(item('Agree on the next step and owners (5 min).'));
  return items;
}

function nextStep(ctx: StoreContext, bc: BriefContext): BriefItem[] {
  const d = bc.decision;
  if (d?.escalation.escalate) return [item(`Hand the lead to a person first: ${d.escalation.reasons.map((r) => r.reason).join(', ')} must be resolved before sales steps.`)];
  switch (d?.class) {
    case 'qualified': {
      const hit = searchBm25(ctx, 'free trial paid pilot Enterprise evaluation', { limit: 3 })[0];
      const cite = hit ? kbCitation(hit, 'free trial pilot 14-day 60 days') : null;
      return [item(`Propose a scoped evaluation with a mutual plan and a decision date${cite ? `: ${cite.quote}` : '.'}`, [cite])];
    }
    case 'nurture':
      return [item('Keep in touch: add to nurture, share a relevant case study and check back when budget or timing changes.')];
    case 'disqualified':
      return [item('Close politely; no sales follow-up.')];
    default:
      return [item(`Send a follow-up that asks for the missing facts (${d?.missing.map((m) => m.fact.replace('_', ' ')).join(', ') ?? 'all required facts'}) and propose a second call.`)];
  }
}

/**
 * The embedded composer: templates, the lead's facts and knowledge-base search, no model.
 * Product statements are sentences quoted from the knowledge base, so they verify by design;
 * the caller still verifies them like any other draft.
 */
export function composeEmbedded(ctx: StoreContext, bc: BriefContext, length: BriefLength = 'standard'): BriefSection[] {
  const size = SIZES[length];
  const competitors = namedCompetitors(bc);
  const talking = talkingPoints(ctx, bc, size.talking);
  const notes = competitorNotes(ctx, competitors, size.perCompetitor);
  const byTitle: Record<string, BriefItem[]> = {
    [SECTION.who]: who(ctx, bc),
    [SECTION.qualification]: qualification(ctx, bc, length),
    [SECTION.agenda]: agenda(bc, talking, competitors),
    [SECTION.questions]: questions(ctx, bc, competitors),
    [SECTION.talking]: talking,
    [SECTION.competitors]: notes.items,
    [SECTION.risks]: risks(ctx, bc, notes.uncovered),
    [SECTION.next]: nextStep(ctx, bc),
  };
  return SECTION_ORDER.map((title) => ({ title, items: byTitle[title] ?? [] }));
}

export { namedCompetitors, statedNeeds };
