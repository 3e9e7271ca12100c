import type { StoreContext } from '../store/context.js';
import { normEmail } from '../store/identity.js';

/** An earlier lead this text belongs to: the very same text, or a message from the same address. */
export function findExistingLead(ctx: StoreContext, sha256: string, email: string | null): { leadId: string; by: 'same_text' | 'email' } | null {
  const same = ctx.db.prepare('SELECT lead_id FROM sources WHERE sha256 = ? ORDER BY created_at LIMIT 1').get(sha256) as { lead_id: string } | undefined;
  if (same) return { leadId: same.lead_id, by: 'same_text' };
  const norm = normEmail(email);
  if (!norm) return null;
  const byEmail = ctx.db.prepare('SELECT id FROM leads WHERE email_norm = ? ORDER BY created_at LIMIT 1').get(norm) as { id: string } | undefined;
  return byEmail ? { leadId: byEmail.id, by: 'email' } : null;
}

/** The stored source with exactly this text for this lead, if any (a re-qualification). */
export function findSource(ctx: StoreContext, leadId: string, sha256: string): string | null {
  const r = ctx.db.prepare('SELECT id FROM sources WHERE lead_id = ? AND sha256 = ? LIMIT 1').get(leadId, sha256) as { id: string } | undefined;
  return r?.id ?? null;
}
