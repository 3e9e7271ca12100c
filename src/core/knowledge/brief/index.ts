import { err, MeetingBriefSchema, ok, type BriefLength, type BriefSection, type MeetingBrief, type Result } from '../../../contract/index.js';
import type { LlmClient } from '../../llm/client.js';
import { nowIso, type StoreContext } from '../../store/context.js';
import * as trace from '../../store/trace.js';
import { verifySections } from '../citations.js';
import { syncLeadMemory } from '../memory/lead.js';
import { getPreferences } from '../memory/preferences.js';
import { composeEmbedded } from './compose.js';
import { loadBriefContext } from './context.js';
import { draftWithModel } from './model.js';
import { EMBEDDED_CITATION_REQUIRED, MODEL_CITATION_REQUIRED, SECTION_ORDER } from './sections.js';

export const EMBEDDED_COMPOSER = 'embedded@1';

export interface BriefOptions {
  /** With a client, the model drafts the narrative sections; without one, templates do. */
  llm?: LlmClient | null;
  /** Whose preferences (length, language) apply; defaults to the lead's owner. */
  rep?: string | null;
  length?: BriefLength;
  run_id?: string | null;
}

/**
 * Composes a lead's meeting brief and verifies every citation in it. Unsupported statements are
 * dropped and traced; a failing model falls back to the embedded brief (also traced).
 */
export async function composeBrief(ctx: StoreContext, leadId: string, opts: BriefOptions = {}): Promise<Result<MeetingBrief>> {
  const bc = loadBriefContext(ctx, leadId);
  if (!bc) return err('not_found', `Lead ${leadId} does not exist; list leads with \`leads list\`.`);
  syncLeadMemory(ctx, leadId);
  const prefs = getPreferences(ctx, opts.rep ?? bc.lead.owner ?? 'default');
  const length = opts.length ?? prefs.brief_length;
  const embedded = composeEmbedded(ctx, bc, length);
  const traceTo = { lead_id: leadId, run_id: opts.run_id ?? null };

  let composer = EMBEDDED_COMPOSER;
  let sections: BriefSection[];
  let dropped = 0;
  const first = verifySections(ctx, embedded, { citationRequired: EMBEDDED_CITATION_REQUIRED }, { ...traceTo, composer });
  sections = first.sections;
  dropped += first.dropped.length;
  if (opts.llm) {
    const draft = await draftWithModel(ctx, opts.llm, bc, { language: prefs.draft_language });
    if (draft.ok) {
      composer = `model:${opts.llm.model}`;
      const checked = verifySections(ctx, draft.value, { citationRequired: MODEL_CITATION_REQUIRED }, { ...traceTo, composer });
      dropped += checked.dropped.length;
      const drafted = new Map(checked.sections.map((s) => [s.title, s]));
      // Model sections replace template ones only when something of them survived verification.
      sections = sections.map((s) => {
        const m = drafted.get(s.title);
        return m && m.items.length ? m : s;
      });
    } else {
      trace.append(ctx, { ...traceTo, type: 'brief_model_failed', data: { code: draft.error.code, message: draft.error.message } });
    }
  }
  const ordered = SECTION_ORDER.map((t) => sections.find((s) => s.title === t) ?? { title: t, items: [] });
  const brief = MeetingBriefSchema.parse({ lead_id: leadId, generated_at: nowIso(ctx), composer, sections: ordered, dropped });
  trace.append(ctx, { ...traceTo, type: 'brief_composed', data: { composer, dropped, items: ordered.reduce((n, s) => n + s.items.length, 0) } });
  return ok(brief);
}
