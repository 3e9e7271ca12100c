import { z } from 'zod';
import { method } from './define.js';

export const ProviderSettingsSchema = z.object({
  /** `embedded` needs no network; `openai_compatible` covers OpenAI, Azure, Ollama, LM Studio, vLLM, llama.cpp. */
  kind: z.enum(['embedded', 'openai_compatible']),
  base_url: z.string().url('a URL such as http://localhost:11434/v1').or(z.literal('')).default(''),
  model: z.string().max(200).default(''),
  /** Whether a key is stored; the key itself never crosses the wire back. */
  has_key: z.boolean().default(false),
});

export const RedactionSettingsSchema = z.object({
  /** Mask emails, phone numbers and card-like numbers before text goes to a model. */
  enabled: z.boolean(),
  emails: z.boolean(),
  phones: z.boolean(),
  numbers: z.boolean(),
});

export const SettingsSchema = z.object({
  provider: ProviderSettingsSchema,
  redaction: RedactionSettingsSchema,
  data_dir: z.string(),
  db_path: z.string(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const settingsApi = {
  'settings.get': method('Current settings (secrets excluded).', z.object({}), SettingsSchema),
  'settings.update': method(
    "Changes the provider or redaction settings; an API key given here is stored by the host's secret store, never in the database.",
    z.object({
      provider: ProviderSettingsSchema.omit({ has_key: true }).partial().optional(),
      api_key: z.string().max(500).optional(),
      redaction: RedactionSettingsSchema.partial().optional(),
    }),
    SettingsSchema,
  ),
  'settings.testConnection': method(
    'Calls the configured model endpoint once and reports what happened.',
    z.object({}),
    z.object({ ok: z.boolean(), message: z.string(), latency_ms: z.number().nullable() }),
  ),
  'settings.backup': method(
    'Writes a consistent copy of the database next to it (or to `dir`).',
    z.object({ dir: z.string().optional() }),
    z.object({ path: z.string(), bytes: z.number().int() }),
  ),
  'settings.export': method(
    'Exports leads with their latest class as CSV text.',
    z.object({}),
    z.object({ file_name: z.string(), csv: z.string(), rows: z.number().int() }),
  ),
} as const;
