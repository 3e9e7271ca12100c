import { FACT_NAMES, FactsSchema, type AppError, type FactName, type LeadListQuery } from '../../contract/index.js';
import type { leadsApi, FollowUpDraft, LeadDetail } from '../../contract/api/leads.js';
import type { Handlers, HandlerResult } from '../../transport/dispatch.js';
import { SAMPLE_INBOX } from '../demo/sampleInbox.js';
import { qualifyLead } from '../pipeline/qualifyLead.js';
import { appLlm, redactionEnabled } from './settings.js';
import { saveCorrectionCase } from '../rules/workbench/corrections.js';
import { ingestPath, listDocuments, SAMPLE_KB_DIR } from '../knowledge/index.js';
import { activeCompiled } from '../rules/active.js';
import * as decisions from '../store/decisions.js';
import * as factsRepo from '../store/facts.js';
import * as leads from '../store/leads.js';
import * as sources from '../store/sources.js';
import * as trace from '../store/trace.js';
import type { CoreContext } from './context.js';
import { currentFacts, factViews, redecide } from './facts.js';

const fail = (code: AppError['code'], message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message },
});

/** Assembles the lead screen's data; null when the lead does not exist. */
export function leadDetail(core: CoreContext, id: string): LeadDetail | null {
  const ctx = core.store;
  const lead = leads.get(ctx, id);
  if (!lead) return null;
  const rules = activeCompiled(ctx);
  const { facts, rows } = currentFacts(ctx, id);
  const d = decisions.latestForLead(ctx, id);
  const handoffs = trace.list(ctx, { lead_id: id, type: 'handoff' });
  const h = handoffs[handoffs.length - 1];
  return {
    lead,
    sources: sources
      .listForLead(ctx, id)
      .map((s) => ({ id: s.id, kind: s.kind, text: s.text, received_at: s.received_at, created_at: s.created_at })),
    facts: factViews(facts, rows, rules),
    decision: d
      ? {
          id: d.id,
          class: d.class,
          score: d.score,
          reasons: d.reasons,
          missing: d.missing,
          counterfactual: d.counterfactual,
          escalation: d.escalation,
          ruleset_version: d.ruleset_version,
          engine_version: d.engine_version,
          extractor_version: d.extractor_version,
          created_at: d.created_at,
        }
      : null,
    // An escalated lead goes to a person; a cheerful questionnaire would be the wrong reply.
    followup:
      d && d.missing.length && d.class !== 'disqualified' && !d.escalate
        ? draftFollowUp(
            lead.name,
            lead.email,
            d.missing.map((m) => m.question),
          )
        : null,
    handoff: h ? { at: h.at, to: String(h.data['to'] ?? ''), note: String(h.data['note'] ?? '') } : null,
  };
}

/** A plain follow-up that asks the decisive questions first; the rep edits and sends it themselves. */
export function draftFollowUp(name: string | null, email: string | null, questions: string[]): FollowUpDraft {
  const first = name?.split(/\s+/)[0];
  const body = [
    `Hi ${first ?? 'there'},`,
    '',
    'Thanks for reaching out. So that I can point you to the right plan, could you tell me:',
    '',
    ...questions.map((q, i) => `${i + 1}. ${q}`),
    '',
    'Happy to set up a short call if that is easier.',
    '',
    'Best regards,',
  ].join('\n');
  return { to: email, subject: 'A few questions before we talk', body };
}

const detailOr404 = (core: CoreContext, id: string): HandlerResult<LeadDetail> => {
  const d = leadDetail(core, id);
  return d ? { ok: true, value: d } : fail('not_found', `Lead ${id} does not exist.`);
};

/** Re-qualifies leads in the background, a slice per tick so the host stays responsive. */
function startBulk(core: CoreContext, ids: string[]) {
  const task = core.tasks.start('bulk_qualify', ids.length);
  const ctx = core.store;
  const rules = activeCompiled(ctx);
  let i = 0;
  const SLICE_MS = 30;
  const tick = async () => {
    if (task.cancelled) {
      task.finish('cancelled', `Stopped after ${i} of ${ids.length}.`);
      core.bus.emit('changed', { topic: 'leads', ids: [] });
      return;
    }
    const t0 = performance.now();
    try {
      while (i < ids.length && performance.now() - t0 < SLICE_MS) {
        const id = ids[i++]!;
        const src = sources.listForLead(ctx, id).at(-1);
        // A lead with its text is read again (extractor improvements apply); an imported row is re-decided.
        if (src && factsRepo.listForLead(ctx, id).length === 0) await qualifyLead(ctx, { text: src.text }, rules);
        else redecide(ctx, id, rules, 'bulk_qualify');
      }
    } catch (e) {
      task.finish('failed', (e as Error).message);
      return;
    }
    task.progress(i, `${i} of ${ids.length}`);
    if (i < ids.length) setImmediate(() => void tick());
    else {
      task.finish('done', `Qualified ${ids.length} leads.`);
      core.bus.emit('changed', { topic: 'leads', ids: [] });
    }
  };
  setImmediate(() => void tick());
  return task;
}

/** Handlers for the inbox and the lead screen. */
export function leadsHandlers(core: CoreContext): Handlers<typeof leadsApi> {
  const ctx = core.store;
  return {
    'leads.list': (q) => ({ ok: true, value: leads.list(ctx, q as LeadListQuery) }),
    'leads.get': ({ id }) => detailOr404(core, id),
    'leads.qualify': async (input) => {
      const r = await qualifyLead(ctx, input, activeCompiled(ctx), {
        llm: await appLlm(core),
        redact: redactionEnabled(core),
      });
      core.bus.emit('changed', { topic: 'leads', ids: [r.lead.id] });
      return { ok: true, value: r };
    },
    'leads.correctFact': (input) => {
      if (!(FACT_NAMES as readonly string[]).includes(input.name))
        return fail('invalid_input', `"${input.name}" is not a fact that can be corrected.`);
      const checked = FactsSchema.shape[input.name as FactName].shape.value.safeParse(input.value);
      if (!checked.success)
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: `${input.name}: ${checked.error.issues.map((i) => i.message).join('; ')}`,
            path: ['value'],
          },
        };
      if (!leads.get(ctx, input.lead_id)) return fail('not_found', `Lead ${input.lead_id} does not exist.`);
      const before = factsRepo.current(ctx, input.lead_id)[input.name];
      ctx.db.transaction(() => {
        const row = factsRepo.insert(ctx, {
          lead_id: input.lead_id,
          name: input.name,
          value: checked.data,
          evidence: [],
          source: 'rep',
          author: input.author,
        });
        if (before) factsRepo.supersede(ctx, before.id, row.id);
        trace.append(ctx, {
          lead_id: input.lead_id,
          type: 'fact_corrected',
          data: {
            name: input.name,
            before: before?.value ?? null,
            after: checked.data,
            note: input.note,
            author: input.author,
          },
        });
      })();
      redecide(ctx, input.lead_id, activeCompiled(ctx), 'correction', { fact: input.name });
      // Every correction becomes an evaluation case, so publishing a ruleset that breaks it asks first.
      const saved = saveCorrectionCase(ctx, {
        lead_id: input.lead_id,
        author: input.author,
        note: input.note ?? null,
        corrections: { [input.name]: checked.data },
      });
      if (saved.ok)
        trace.append(ctx, {
          lead_id: input.lead_id,
          type: 'correction_case_saved',
          data: { case_id: saved.value.id, fact: input.name },
        });
      core.bus.emit('changed', { topic: 'leads', ids: [input.lead_id] });
      return detailOr404(core, input.lead_id);
    },
    'leads.handOff': ({ id, to, note }) => {
      const lead = leads.get(ctx, id);
      if (!lead) return fail('not_found', `Lead ${id} does not exist.`);
      const d = decisions.latestForLead(ctx, id);
      ctx.db.transaction(() => {
        // The context travels in the event so the person taking over sees why.
        trace.append(ctx, {
          lead_id: id,
          type: 'handoff',
          data: {
            to,
            note,
            class: d?.class ?? null,
            reasons: d?.escalation.reasons.map((r) => r.reason) ?? [],
            decision_id: d?.id ?? null,
          },
        });
        leads.update(ctx, id, { status: 'handed_off', owner: to });
      })();
      core.bus.emit('changed', { topic: 'leads', ids: [id] });
      return detailOr404(core, id);
    },
    // The lead's long-term memory on one timeline: every message it sent, then every event.
    'leads.trace': ({ id }) => {
      const messages = sources.listForLead(ctx, id).map((src, i) => ({
        seq: -(i + 1),
        run_id: null,
        at: src.created_at,
        type: 'message',
        step: null,
        data: { kind: src.kind, received_at: src.received_at, preview: src.text.replace(/\s+/g, ' ').slice(0, 160) },
      }));
      const events = trace
        .list(ctx, { lead_id: id, limit: 5000 })
        .map((e) => ({ seq: e.seq, run_id: e.run_id, at: e.at, type: e.type, step: e.step, data: e.data }));
      return { ok: true, value: [...messages, ...events].sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq) };
    },
    'leads.owners': () => ({
      ok: true,
      value: (
        ctx.db
          .prepare('SELECT DISTINCT owner FROM leads WHERE owner IS NOT NULL ORDER BY owner COLLATE NOCASE LIMIT 500')
          .all() as Array<{ owner: string }>
      ).map((r) => r.owner),
    }),
    'leads.bulkQualify': ({ ids, filter }) => {
      let list = ids;
      if (!list.length) {
        const all: string[] = [];
        for (let offset = 0; ; offset += 1000) {
          const page = leads.list(ctx, { ...(filter ?? {}), limit: 1000, offset, sort: 'created_at', dir: 'asc' });
          all.push(...page.items.map((l) => l.id));
          if (page.items.length < 1000) break;
        }
        list = all;
      }
      const task = startBulk(core, list);
      return { ok: true, value: { task_id: task.id, total: list.length } };
    },
    'leads.loadSample': async () => {
      // The sample seller's knowledge base comes with the sample inbox, so briefs cite something.
      if (!listDocuments(ctx).length) await ingestPath(ctx, SAMPLE_KB_DIR);
      const rules = activeCompiled(ctx);
      let added = 0;
      for (const s of SAMPLE_INBOX) {
        const r = await qualifyLead(ctx, { text: s.text, channel: s.channel, received_at: s.receivedAt }, rules);
        if (!r.matched_by) added++;
      }
      core.bus.emit('changed', { topic: 'leads', ids: [] });
      return { ok: true, value: { added } };
    },
  };
}
