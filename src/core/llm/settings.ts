import { z } from 'zod';

/**
 * The model provider a host configured. `embedded` needs no network and no key; `openai` is any
 * OpenAI-compatible Chat Completions endpoint (OpenAI, Azure, Ollama, LM Studio, vLLM, llama.cpp).
 * The API key is not part of the settings: it is resolved from a SecretStore at call time so
 * that settings can be stored, printed and traced without leaking it.
 */
export const LlmSettingsSchema = z
  .object({
    provider: z.enum(['embedded', 'openai']).default('embedded').describe('embedded = offline, openai = an OpenAI-compatible endpoint'),
    baseUrl: z.string().url('a URL such as http://localhost:11434/v1').optional().describe('endpoint base URL, ending in /v1 for most servers'),
    model: z.string().min(1).default('gpt-4o-mini'),
    timeoutMs: z.number().int().min(100).max(600_000).default(30_000).describe('per call, each retry included separately'),
    maxRetries: z.number().int().min(0).max(10).default(2).describe('SDK retries with backoff on 408/409/429/5xx'),
    concurrency: z.number().int().min(1).max(64).default(4).describe('model calls in flight at once for bulk work'),
    redact: z.boolean().default(true).describe('mask emails, phones, card and bank numbers before text leaves the machine'),
    pricePer1kIn: z.number().min(0).default(0).describe('USD per 1,000 prompt tokens'),
    pricePer1kOut: z.number().min(0).default(0).describe('USD per 1,000 completion tokens'),
    /** Name of the secret holding the key; `OPENAI_API_KEY` in the environment also works. */
    apiKeySecret: z.string().default('openai_api_key'),
    /** Answers longer than this are refused as oversized before they are parsed. */
    maxResponseChars: z.number().int().min(1000).default(200_000),
    /** Completion tokens asked for per call. */
    maxOutputTokens: z.number().int().min(64).default(2048),
  })
  .superRefine((s, ctx) => {
    if (s.provider === 'openai' && !s.baseUrl) {
      ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'the openai provider needs a base URL (https://api.openai.com/v1 for OpenAI)' });
    }
  });
export type LlmSettings = z.infer<typeof LlmSettingsSchema>;
export type LlmSettingsInput = z.input<typeof LlmSettingsSchema>;

/** The settings with the key removed, safe to log or trace. */
export function describeSettings(s: LlmSettings): Record<string, unknown> {
  return { provider: s.provider, baseUrl: s.baseUrl ?? null, model: s.model, timeoutMs: s.timeoutMs, maxRetries: s.maxRetries, concurrency: s.concurrency, redact: s.redact };
}
