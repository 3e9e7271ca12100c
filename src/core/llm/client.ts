import OpenAI, { APIConnectionTimeoutError, APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Recovery, Usage } from '../../contract/agent.js';
import { err, ok, type AppError, type Result } from '../../contract/errors.js';
import { EnvSecretStore, type SecretStore } from '../secrets.js';
import type { LlmSettings } from './settings.js';
import { costOf } from './usage.js';

type ResponseFormat = ChatCompletionCreateParamsNonStreaming['response_format'];

/** One Chat Completions call. */
export interface ChatRequest {
  messages: ChatCompletionMessageParam[];
  responseFormat?: ResponseFormat;
  maxTokens?: number;
  /** Overrides the settings' timeout (the loop shortens it to fit the wall-time budget). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A tool call the model asked for, arguments still as the raw JSON text. */
export interface RawToolCall {
  name: string;
  arguments: string;
}

export interface ChatResponse {
  content: string | null;
  refusal: string | null;
  toolCalls: RawToolCall[];
  finishReason: string | null;
  usage: Usage;
  /** HTTP attempts, retries included. */
  attempts: number;
  durationMs: number;
  model: string;
}

/** A failed call: `kind` says which recovery the loop reports. */
export type LlmError = AppError & { kind: Recovery['code'] };

/** What the agent needs from a model; tests and the benchmark can provide their own. */
export interface LlmClient {
  readonly model: string;
  readonly settings: LlmSettings;
  chat(req: ChatRequest): Promise<Result<ChatResponse, LlmError>>;
}

export interface CreateClientOptions {
  secrets?: SecretStore;
  /** Replaces global fetch (tests count attempts; hosts may add a proxy). */
  fetch?: typeof fetch;
}

const fail = (kind: Recovery['code'], code: AppError['code'], message: string, details?: unknown): { ok: false; error: LlmError } => ({
  ok: false,
  error: { code, message, kind, ...(details === undefined ? {} : { details }) },
});

/** Turns an SDK exception into an error value a person can act on; the key never appears. */
export function toLlmError(e: unknown, timeoutMs: number): { ok: false; error: LlmError } {
  if (e instanceof APIConnectionTimeoutError) return fail('timeout', 'model_error', `The model did not answer within ${timeoutMs} ms; raise timeoutMs or check the server.`);
  if (e instanceof APIUserAbortError) return fail('timeout', 'model_error', 'The model call was cancelled (wall-time budget reached).');
  if (e instanceof APIConnectionError) return fail('network', 'model_error', `Cannot reach the model endpoint: ${e.message}. Check the base URL and that the server runs.`);
  if (e instanceof APIError) {
    const status = e.status ?? 0;
    if (status === 429) return fail('rate_limited', 'rate_limited', 'The model endpoint is rate limiting (429) after all retries; lower concurrency or wait.', { status });
    if (status === 401 || status === 403) return fail('http_error', 'model_error', `The model endpoint refused the API key (${status}); set OPENAI_API_KEY or store a key in settings.`, { status });
    return fail('http_error', 'model_error', `The model endpoint answered ${status}: ${e.message.slice(0, 200)}`, { status });
  }
  return fail('internal', 'model_error', `Model call failed: ${(e as Error)?.message ?? String(e)}`);
}

/**
 * Builds the Chat Completions client for the configured endpoint. Retries with backoff on
 * 408/409/429/5xx are the SDK's own; p-limit caps how many calls run at once.
 */
export async function createLlmClient(settings: LlmSettings, opts: CreateClientOptions = {}): Promise<Result<LlmClient>> {
  if (settings.provider !== 'openai' || !settings.baseUrl) return err('unsupported', 'The embedded provider has no model client; choose provider "openai" with a base URL.');
  const secrets = opts.secrets ?? new EnvSecretStore();
  const key = secrets.get(settings.apiKeySecret) ?? secrets.get('OPENAI_API_KEY');
  const host = new URL(settings.baseUrl).hostname;
  if (!key && host.endsWith('openai.com')) return err('invalid_input', 'No API key: set OPENAI_API_KEY or store one in the app settings.', { path: ['apiKey'] });
  // Local servers (Ollama, LM Studio, llama.cpp) ignore the key but the SDK requires one.
  const apiKey = key ?? 'not-needed';
  const attempts = new Map<string, number>();
  const baseFetch = opts.fetch ?? globalThis.fetch;
  const countingFetch: typeof fetch = (input, init) => {
    const id = new Headers(init?.headers).get('x-sc-call-id');
    if (id) attempts.set(id, (attempts.get(id) ?? 0) + 1);
    return baseFetch(input, init);
  };
  const sdk = new OpenAI({ apiKey, baseURL: settings.baseUrl, maxRetries: settings.maxRetries, timeout: settings.timeoutMs, fetch: countingFetch });
  const limit: LimitFunction = pLimit(settings.concurrency);
  let seq = 0;

  async function call(req: ChatRequest): Promise<Result<ChatResponse, LlmError>> {
    const callId = `c${++seq}`;
    const timeoutMs = req.timeoutMs ?? settings.timeoutMs;
    const started = performance.now();
    try {
      const body: ChatCompletionCreateParamsNonStreaming = {
        model: settings.model,
        messages: req.messages,
        temperature: 0,
        max_completion_tokens: req.maxTokens ?? settings.maxOutputTokens,
        ...(req.responseFormat ? { response_format: req.responseFormat } : {}),
      };
      const completion = await sdk.chat.completions.create(body, {
        timeout: timeoutMs,
        headers: { 'x-sc-call-id': callId },
        ...(req.signal ? { signal: req.signal } : {}),
      });
      const choice = completion.choices?.[0];
      const tokensIn = completion.usage?.prompt_tokens ?? 0;
      const tokensOut = completion.usage?.completion_tokens ?? 0;
      const content = choice?.message?.content ?? null;
      if (content !== null && content.length > settings.maxResponseChars) {
        return fail('oversized', 'model_error', `The model answered ${content.length} characters, over the ${settings.maxResponseChars} limit; the answer was discarded.`, {
          usage: { calls: 1, tokens_in: tokensIn, tokens_out: tokensOut, cost_usd: costOf(settings, tokensIn, tokensOut) },
        });
      }
      const toolCalls: RawToolCall[] = (choice?.message?.tool_calls ?? []).flatMap((t) =>
        t.type === 'function' ? [{ name: t.function.name, arguments: t.function.arguments }] : [],
      );
      return ok({
        content,
        refusal: choice?.message?.refusal ?? null,
        toolCalls,
        finishReason: choice?.finish_reason ?? null,
        usage: { calls: 1, tokens_in: tokensIn, tokens_out: tokensOut, cost_usd: costOf(settings, tokensIn, tokensOut) },
        attempts: attempts.get(callId) ?? 1,
        durationMs: performance.now() - started,
        model: completion.model || settings.model,
      });
    } catch (e) {
      const r = toLlmError(e, timeoutMs);
      r.error.details = { ...(r.error.details as object | undefined), attempts: attempts.get(callId) ?? 1 };
      return r;
    } finally {
      attempts.delete(callId);
    }
  }

  return ok({
    model: settings.model,
    settings,
    chat: (req) => limit(() => call(req)),
  });
}
