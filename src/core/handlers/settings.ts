import { createLlmClient, type LlmClient } from '../llm/client.js';
import { LlmSettingsSchema } from '../llm/settings.js';
import OpenAI from 'openai';
import Papa from 'papaparse';
import { mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import {
  ProviderSettingsSchema,
  RedactionSettingsSchema,
  type Settings,
  type settingsApi,
} from '../../contract/api/settings.js';
import type { Handlers } from '../../transport/dispatch.js';
import * as trace from '../store/trace.js';
import type { CoreContext } from './context.js';

const StoredProvider = ProviderSettingsSchema.omit({ has_key: true });
const DEFAULT_PROVIDER: z.infer<typeof StoredProvider> = { kind: 'embedded', base_url: '', model: '' };
const DEFAULT_REDACTION: z.infer<typeof RedactionSettingsSchema> = {
  enabled: true,
  emails: true,
  phones: true,
  numbers: false,
};
export const API_KEY_SECRET = 'llm.api_key';

function readSetting<T>(core: CoreContext, key: string, schema: z.ZodType<T>, fallback: T): T {
  const row = core.store.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  if (!row) return fallback;
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : fallback;
}

function writeSetting(core: CoreContext, key: string, value: unknown): void {
  core.store.db
    .prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    )
    .run(key, JSON.stringify(value), core.store.clock().toISOString());
}

/** Whether redaction is on, for the qualification pipeline. */
export function redactionEnabled(core: CoreContext): boolean {
  return readSetting(core, 'redaction', RedactionSettingsSchema, DEFAULT_REDACTION).enabled;
}

/**
 * The model client the Settings screen configured, or null for the embedded default. A broken
 * configuration also gives null: qualification then runs embedded rather than failing the rep.
 */
export async function appLlm(core: CoreContext): Promise<LlmClient | null> {
  const p = providerSettings(core);
  if (p.kind !== 'openai_compatible' || !p.base_url) return null;
  const settings = LlmSettingsSchema.safeParse({
    provider: 'openai',
    baseUrl: p.base_url,
    model: p.model || 'gpt-4o-mini',
    redact: redactionEnabled(core),
    apiKeySecret: API_KEY_SECRET,
  });
  if (!settings.success) return null;
  const c = await createLlmClient(settings.data, { secrets: core.secrets });
  return c.ok ? c.value : null;
}

/** The provider settings with the key looked up in the secret store. */
export function providerSettings(core: CoreContext) {
  return {
    ...readSetting(core, 'llm.provider', StoredProvider, DEFAULT_PROVIDER),
    has_key: core.secrets.get(API_KEY_SECRET) !== null,
  };
}

function current(core: CoreContext): Settings {
  return {
    provider: providerSettings(core),
    redaction: readSetting(core, 'redaction', RedactionSettingsSchema, DEFAULT_REDACTION),
    data_dir: core.dbPath === ':memory:' ? '(in memory)' : dirname(core.dbPath),
    db_path: core.dbPath,
  };
}

/** Handlers for Settings: provider, redaction, backup and export. */
export function settingsHandlers(core: CoreContext): Handlers<typeof settingsApi> {
  return {
    'settings.get': () => ({ ok: true, value: current(core) }),
    'settings.update': ({ provider, api_key, redaction }) => {
      if (provider)
        writeSetting(core, 'llm.provider', {
          ...readSetting(core, 'llm.provider', StoredProvider, DEFAULT_PROVIDER),
          ...provider,
        });
      if (redaction)
        writeSetting(core, 'redaction', {
          ...readSetting(core, 'redaction', RedactionSettingsSchema, DEFAULT_REDACTION),
          ...redaction,
        });
      if (api_key !== undefined) {
        if (api_key === '') core.secrets.delete(API_KEY_SECRET);
        else core.secrets.set(API_KEY_SECRET, api_key);
      }
      trace.append(core.store, {
        type: 'settings.changed',
        data: {
          provider: provider ? Object.keys(provider) : [],
          redaction: redaction ? Object.keys(redaction) : [],
          api_key: api_key !== undefined,
        },
      });
      core.bus.emit('changed', { topic: 'settings', ids: [] });
      return { ok: true, value: current(core) };
    },
    'settings.testConnection': async () => {
      const p = providerSettings(core);
      if (p.kind === 'embedded')
        return {
          ok: true,
          value: { ok: true, message: 'The embedded extractor runs locally and needs no connection.', latency_ms: 0 },
        };
      if (!p.base_url)
        return { ok: true, value: { ok: false, message: 'Set the endpoint URL first.', latency_ms: null } };
      const client = new OpenAI({
        baseURL: p.base_url,
        apiKey: core.secrets.get(API_KEY_SECRET) ?? 'not-needed',
        timeout: 8000,
        maxRetries: 0,
      });
      const t0 = performance.now();
      try {
        const models = await client.models.list();
        const ids = models.data.map((m) => m.id);
        const latency = Math.round(performance.now() - t0);
        const hasModel = !p.model || ids.includes(p.model);
        return {
          ok: true,
          value: {
            ok: hasModel,
            message: hasModel
              ? `Connected: ${ids.length} model${ids.length === 1 ? '' : 's'} available.`
              : `Connected, but the endpoint does not list "${p.model}".`,
            latency_ms: latency,
          },
        };
      } catch (e) {
        return {
          ok: true,
          value: { ok: false, message: `Could not connect: ${(e as Error).message}`, latency_ms: null },
        };
      }
    },
    'settings.backup': async ({ dir }) => {
      if (core.dbPath === ':memory:')
        return { ok: false, error: { code: 'unsupported', message: 'An in-memory database cannot be backed up.' } };
      const stamp = core.store.clock().toISOString().replace(/[:.]/g, '-');
      const path = join(dir ?? join(dirname(core.dbPath), 'backups'), `${basename(core.dbPath, '.db')}-${stamp}.db`);
      mkdirSync(dirname(path), { recursive: true });
      // SQLite's online backup gives a consistent copy while the app keeps writing.
      await core.store.db.backup(path);
      return { ok: true, value: { path, bytes: statSync(path).size } };
    },
    'settings.export': () => {
      const rows = core.store.db
        .prepare(
          `SELECT id, name, email, company, title, owner, source, lead_source, status, latest_class AS class, latest_score AS score,
             latest_escalate AS escalated, created_at, decided_at FROM leads ORDER BY created_at`,
        )
        .all() as Array<Record<string, unknown>>;
      const csv = Papa.unparse(
        rows.map((r) => ({ ...r, escalated: r['escalated'] === 1 ? 'yes' : r['escalated'] === 0 ? 'no' : '' })),
      );
      return {
        ok: true,
        value: { file_name: `leads-${core.store.clock().toISOString().slice(0, 10)}.csv`, csv, rows: rows.length },
      };
    },
  };
}
