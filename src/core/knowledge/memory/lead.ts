import { type Citation, type KbSearchResult, type Result } from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import * as decisions from '../../store/decisions.js';
import * as facts from '../../store/facts.js';
import * as proposals from '../../store/proposals.js';
import * as sources from '../../store/sources.js';
import { chunksOf, listDocuments, removeDocument } from '../documents.js';
import { docIdOf } from '../ids.js';
import { upsertDocument } from '../ingest/store.js';
import { searchKnowledgeSync } from '../search/index.js';

export type MemoryKind = 'message' | 'decision' | 'correction' | 'proposal';

/** One remembered thing about a lead, as the timeline shows it and the index stores it. */
export interface MemoryEntry {
  kind: MemoryKind;
  ref_id: string;
  at: string;
  /** The citation source: `lead:<lead id>/<kind>/<row id>`. */
  source: string;
  title: string;
  text: string;
}

export const leadScope = (leadId: string): string => `lead:${leadId}`;
const sourceOf = (leadId: string, kind: MemoryKind, id: string) => `${leadScope(leadId)}/${kind}/${id}`;

const show = (v: unknown): string => (v === null || v === undefined ? 'unknown' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * Everything the app remembers about a lead, oldest first, read from the store's own tables.
 * Messages are kept byte for byte so that evidence offsets and quotes still line up.
 */
export function leadMemoryEntries(ctx: StoreContext, leadId: string): MemoryEntry[] {
  const out: MemoryEntry[] = [];
  for (const s of sources.listForLead(ctx, leadId)) {
    out.push({ kind: 'message', ref_id: s.id, at: s.received_at ?? s.created_at, source: sourceOf(leadId, 'message', s.id), title: `${s.kind} ${s.received_at ?? s.created_at}`, text: s.text });
  }
  for (const d of decisions.listForLead(ctx, leadId)) {
    const missing = d.missing.map((m) => m.fact).join(', ') || 'nothing';
    const failed = d.reasons.filter((r) => r.status === 'failed').map((r) => `${r.label} (${r.actual ?? 'unknown'})`);
    const esc = d.escalation.reasons.map((r) => `${r.reason}: ${r.detail}`);
    const text = [
      `Classified ${d.class.replace('_', ' ')} with score ${d.score} (ruleset ${d.ruleset_id ?? 'default'} v${d.ruleset_version ?? '-'}).`,
      `Missing: ${missing}.`,
      failed.length ? `Failed rules: ${failed.join('; ')}.` : 'No rule failed.',
      esc.length ? `Escalations: ${esc.join('; ')}.` : 'No escalation.',
      d.counterfactual ?? '',
    ].filter(Boolean).join('\n');
    out.push({ kind: 'decision', ref_id: d.id, at: d.created_at, source: sourceOf(leadId, 'decision', d.id), title: `Decision ${d.created_at}`, text: `${text}\n` });
  }
  for (const f of facts.listForLead(ctx, leadId)) {
    if (f.source !== 'rep') continue;
    const text = `Rep correction by ${f.author ?? 'a rep'}: ${f.name} set to ${show(f.value)}.\n`;
    out.push({ kind: 'correction', ref_id: f.id, at: f.created_at, source: sourceOf(leadId, 'correction', f.id), title: `Correction ${f.created_at}`, text });
  }
  for (const p of proposals.list(ctx, { lead_id: leadId, limit: 1000 })) {
    const body = 'changes' in p.payload
      ? p.payload.changes.map((c) => `${c.field}: ${show(c.old)} -> ${show(c.new)} (${c.reason})`).join('\n')
      : [p.payload.draft.subject, p.payload.draft.body].filter(Boolean).join('\n');
    const text = `Proposal ${p.kind.replace('_', ' ')}, ${p.status}${p.decided_by ? ` by ${p.decided_by}` : ''}.\n${body}\n`;
    out.push({ kind: 'proposal', ref_id: p.id, at: p.created_at, source: sourceOf(leadId, 'proposal', p.id), title: `Proposal ${p.created_at}`, text });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.source.localeCompare(b.source));
}

/**
 * Brings the lead's memory index up to date. Unchanged entries are skipped by content hash,
 * so calling this before every brief or search costs little.
 */
export function syncLeadMemory(ctx: StoreContext, leadId: string): { entries: number; changed: number } {
  const scope = leadScope(leadId);
  const entries = leadMemoryEntries(ctx, leadId);
  let changed = 0;
  const live = new Set<string>();
  for (const e of entries) {
    live.add(docIdOf(scope, e.source));
    const r = upsertDocument(ctx, { scope, source: e.source, title: e.title, format: 'text', text: e.text, modified_at: e.at });
    if (r.ok && r.value.status !== 'unchanged') changed++;
  }
  for (const d of listDocuments(ctx, scope)) if (!live.has(d.id)) removeDocument(ctx, d.id);
  return { entries: entries.length, changed };
}

/** Searches one lead's memory with the knowledge-base search, after syncing it. */
export function searchLeadMemory(ctx: StoreContext, leadId: string, query: string, limit = 8): Result<KbSearchResult[]> {
  syncLeadMemory(ctx, leadId);
  return searchKnowledgeSync(ctx, { query, limit, scope: leadScope(leadId), mode: 'bm25' });
}

/** A citation of a lead's message: the memory chunk that holds `quote`, or null if none does. */
export function citeLeadMessage(ctx: StoreContext, leadId: string, sourceId: string, quote: string): Citation | null {
  const source = sourceOf(leadId, 'message', sourceId);
  const chunk = chunksOf(ctx, docIdOf(leadScope(leadId), source)).find((c) => c.text.includes(quote));
  return chunk ? { source, chunk_id: chunk.id, quote } : null;
}

/** Citations of a quote in any of the lead's messages (evidence does not always say which one). */
export function citeLeadQuote(ctx: StoreContext, leadId: string, quote: string): Citation | null {
  for (const s of sources.listForLead(ctx, leadId)) {
    if (!s.text.includes(quote)) continue;
    const c = citeLeadMessage(ctx, leadId, s.id, quote);
    if (c) return c;
  }
  return null;
}
