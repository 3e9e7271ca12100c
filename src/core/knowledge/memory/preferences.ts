import { RepPreferencesSchema, type RepPreferences } from '../../../contract/index.js';
import { nowIso, type StoreContext } from '../../store/context.js';

/** A rep's saved preferences, or the defaults when the rep has saved none. */
export function getPreferences(ctx: StoreContext, rep: string): RepPreferences {
  const row = ctx.db.prepare('SELECT rep, brief_length, draft_language FROM rep_preferences WHERE rep = ?').get(rep);
  return RepPreferencesSchema.parse(row ?? { rep });
}

/** Saves (creates or replaces) a rep's preferences; fields not given keep their saved value. */
export function setPreferences(ctx: StoreContext, input: { rep: string } & Partial<Omit<RepPreferences, 'rep'>>): RepPreferences {
  const next = RepPreferencesSchema.parse({ ...getPreferences(ctx, input.rep), ...input });
  ctx.db
    .prepare(
      `INSERT INTO rep_preferences (rep, brief_length, draft_language, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(rep) DO UPDATE SET brief_length = excluded.brief_length, draft_language = excluded.draft_language, updated_at = excluded.updated_at`,
    )
    .run(next.rep, next.brief_length, next.draft_language, nowIso(ctx));
  return next;
}
