import {
  err,
  ok,
  type PublishCheck,
  type Result,
  type Ruleset,
  type RulesetVersionInfo,
} from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import * as rulesets from '../../store/rulesets.js';
import * as trace from '../../store/trace.js';
import { activeRuleset, TEAM_RULESET_ID } from '../active.js';
import { validateRuleset } from '../validate.js';
import { checkCases } from './corrections.js';
import { diffRulesets } from './diff.js';
import type { VersionedRuleset } from './replay.js';

// Versions live in the store's rulesets table; this module adds the workflow around it
// (validation, the saved-case check before publishing, rollback, and the audit trail).

export interface VersionRef {
  /** The ruleset id; one team ruleset per database by default. */
  id?: string;
}

const info = (r: rulesets.RulesetRow): RulesetVersionInfo => ({
  id: r.id,
  version: r.version,
  status: r.status,
  name: r.body.name,
  author: r.author,
  note: r.note,
  created_at: r.created_at,
  published_at: r.published_at,
});

/** Every kept version, newest first, with author, time and note. */
export function history(ctx: StoreContext, ref: VersionRef = {}): RulesetVersionInfo[] {
  return rulesets.listVersions(ctx, ref.id ?? TEAM_RULESET_ID).map(info);
}

/** One stored version. */
export function getVersion(ctx: StoreContext, version: number, ref: VersionRef = {}): Result<rulesets.RulesetRow> {
  const id = ref.id ?? TEAM_RULESET_ID;
  const row = rulesets.get(ctx, id, version);
  return row
    ? ok(row)
    : err('not_found', `Ruleset ${id} has no version ${version}; \`rules history\` lists the versions.`);
}

/** The published version (a new database publishes the reference policy as version 1). */
export function publishedVersion(ctx: StoreContext): VersionedRuleset {
  const a = activeRuleset(ctx);
  return { ruleset: a.ruleset, version: a.version, label: `${a.id}@${a.version}` };
}

/** Validates a ruleset document and keeps it as a new draft version. */
export function saveDraftVersion(
  ctx: StoreContext,
  input: { body: unknown; author?: string | null; note?: string | null } & VersionRef,
): Result<RulesetVersionInfo> {
  const rs = validateRuleset(input.body);
  if (!rs.ok) return rs;
  const id = input.id ?? TEAM_RULESET_ID;
  // Make sure version 1 is the policy decisions were made with before the first draft lands.
  if (id === TEAM_RULESET_ID) activeRuleset(ctx);
  const row = rulesets.saveDraft(ctx, { id, body: rs.value, author: input.author ?? null, note: input.note ?? null });
  trace.append(ctx, {
    type: 'rules.draft_saved',
    data: { ruleset_id: id, version: row.version, author: row.author, note: row.note },
  });
  return ok(info(row));
}

export interface PublishOptions extends VersionRef {
  /** The draft to publish; the newest draft when omitted. */
  version?: number;
  author?: string | null;
  /** Publish even though saved cases that pass now would fail. */
  confirm?: boolean;
}

export interface Published {
  version: RulesetVersionInfo;
  previous: number | null;
  check: PublishCheck;
  changes: number;
}

/**
 * Publishes a draft. The saved correction cases run first: if the draft breaks cases that
 * pass on the published version, it returns a `conflict` listing them unless `confirm` is set.
 */
export function publishVersion(ctx: StoreContext, opts: PublishOptions = {}): Result<Published> {
  const id = opts.id ?? TEAM_RULESET_ID;
  if (id === TEAM_RULESET_ID) activeRuleset(ctx);
  const version = opts.version ?? rulesets.listVersions(ctx, id).find((r) => r.status === 'draft')?.version;
  if (version === undefined)
    return err('not_found', `Ruleset ${id} has no draft to publish; save one with \`rules draft FILE\`.`);
  const row = rulesets.get(ctx, id, version);
  if (!row) return err('not_found', `Ruleset ${id} has no version ${version}; \`rules history\` lists the versions.`);
  if (row.status !== 'draft')
    return err(
      'conflict',
      `Version ${version} is ${row.status}; only a draft can be published (use \`rules rollback ${version}\` to go back to it).`,
    );
  const current = rulesets.getPublished(ctx, id);
  const check = checkCases(ctx, current?.body ?? null, row.body);
  if (check.needs_confirmation && !opts.confirm) {
    trace.append(ctx, {
      type: 'rules.publish_blocked',
      data: { ruleset_id: id, version, author: opts.author ?? null, broken: check.broken.map((b) => b.case_id) },
    });
    const list = check.broken
      .map((b) => `  ${b.case_id}: expected ${b.expected}, would be ${b.got} (${b.detail})`)
      .join('\n');
    return err(
      'conflict',
      `Version ${version} breaks ${check.broken.length} saved case(s) that pass now; publish again with confirmation (--yes) to accept:\n${list}`,
      {
        details: check,
      },
    );
  }
  const r = rulesets.publish(ctx, id, version);
  if (!r.ok) return r;
  const changes = current
    ? diffRulesets(current.body, row.body, `v${current.version}`, `v${version}`).changes.length
    : 0;
  trace.append(ctx, {
    type: 'rules.published',
    data: {
      ruleset_id: id,
      version,
      previous: current?.version ?? null,
      author: opts.author ?? row.author,
      note: row.note,
      changes,
      cases: check.cases,
      broken_confirmed: check.broken.map((b) => b.case_id),
    },
  });
  return ok({ version: info(r.value), previous: current?.version ?? null, check, changes });
}

/**
 * Goes back to an older version. Published versions are frozen, so the old body is kept as a
 * new version ("rollback to vN") and published: history stays linear and nothing is rewritten.
 */
export function rollback(
  ctx: StoreContext,
  opts: { version: number; author?: string | null; note?: string | null; confirm?: boolean } & VersionRef,
): Result<Published> {
  const id = opts.id ?? TEAM_RULESET_ID;
  const target = rulesets.get(ctx, id, opts.version);
  if (!target)
    return err('not_found', `Ruleset ${id} has no version ${opts.version}; \`rules history\` lists the versions.`);
  const current = rulesets.getPublished(ctx, id);
  if (current && current.version === opts.version)
    return err('conflict', `Version ${opts.version} is already the published one.`);
  // Check before writing so that a refused rollback leaves no stray draft behind.
  const check = checkCases(ctx, current?.body ?? null, target.body);
  if (check.needs_confirmation && !opts.confirm) {
    trace.append(ctx, {
      type: 'rules.rollback_blocked',
      data: {
        ruleset_id: id,
        to: opts.version,
        author: opts.author ?? null,
        broken: check.broken.map((b) => b.case_id),
      },
    });
    const list = check.broken
      .map((b) => `  ${b.case_id}: expected ${b.expected}, would be ${b.got} (${b.detail})`)
      .join('\n');
    return err(
      'conflict',
      `Rolling back to version ${opts.version} breaks ${check.broken.length} saved case(s) that pass now; confirm (--yes) to accept:\n${list}`,
      { details: check },
    );
  }
  return ctx.db.transaction((): Result<Published> => {
    const draft = rulesets.saveDraft(ctx, {
      id,
      body: target.body,
      author: opts.author ?? null,
      note: opts.note ?? `rollback to version ${opts.version}`,
    });
    const pub = publishVersion(ctx, { id, version: draft.version, author: opts.author ?? null, confirm: true });
    if (pub.ok) {
      trace.append(ctx, {
        type: 'rules.rolled_back',
        data: {
          ruleset_id: id,
          to: opts.version,
          as_version: draft.version,
          from: current?.version ?? null,
          author: opts.author ?? null,
        },
      });
    }
    return pub;
  })();
}

/** Resolves `A`/`B` of `rules diff`: a version number, `published`, or `default` (the built-in). */
export function resolveRuleset(
  ctx: StoreContext,
  ref: string,
  defaults: { builtin: Ruleset },
): Result<VersionedRuleset> {
  if (ref === 'published' || ref === 'current') return ok(publishedVersion(ctx));
  if (ref === 'default' || ref === 'builtin')
    return ok({ ruleset: defaults.builtin, version: null, label: 'built-in default' });
  const v = Number(ref.replace(/^v/, ''));
  if (!Number.isInteger(v) || v < 1)
    return err('invalid_input', `"${ref}" is not a version; use a number (3 or v3), "published" or "default".`);
  const row = getVersion(ctx, v);
  return row.ok ? ok({ ruleset: row.value.body, version: v, label: `${row.value.id}@${v}` }) : row;
}
