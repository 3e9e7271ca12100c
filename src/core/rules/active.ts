import type { Ruleset } from '../../contract/index.js';
import type { StoreContext } from '../store/context.js';
import * as rulesets from '../store/rulesets.js';
import { DEFAULT_RULESET } from './defaultRuleset.js';
import { compileRuleset, type CompiledRuleset } from './evaluate.js';

/** The id of the team's ruleset; one team per database. */
export const TEAM_RULESET_ID = 'default';

export interface ActiveRuleset {
  id: string;
  version: number;
  ruleset: Ruleset;
}

/**
 * The published ruleset decisions are made with. A new database starts with the reference
 * policy published as version 1, so every decision names a stored version it can be replayed on.
 */
export function activeRuleset(ctx: StoreContext): ActiveRuleset {
  const published = rulesets.getPublished(ctx, TEAM_RULESET_ID);
  if (published) return { id: published.id, version: published.version, ruleset: published.body };
  return ctx.db.transaction(() => {
    const again = rulesets.getPublished(ctx, TEAM_RULESET_ID);
    if (again) return { id: again.id, version: again.version, ruleset: again.body };
    const draft = rulesets.saveDraft(ctx, { id: TEAM_RULESET_ID, body: DEFAULT_RULESET, author: 'system', note: 'reference policy' });
    const r = rulesets.publish(ctx, TEAM_RULESET_ID, draft.version);
    if (!r.ok) throw new Error(`cannot publish the default ruleset: ${r.error.message}`);
    return { id: TEAM_RULESET_ID, version: r.value.version, ruleset: r.value.body };
  })();
}

/** The active ruleset, compiled, remembering which stored version it is. */
export function activeCompiled(ctx: StoreContext): CompiledRuleset & { rulesetId: string } {
  const a = activeRuleset(ctx);
  return Object.assign(compileRuleset(a.ruleset, a.version), { rulesetId: a.id });
}
