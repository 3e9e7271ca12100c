import OpenAI from 'openai';
import { z } from 'zod';
import { err, ok, type Result } from '../../../contract/index.js';

/** Turns texts into vectors; the OpenAI-compatible client below, or a fake in tests. */
export interface Embedder {
  /** Stored next to each vector so that a model change never mixes vector spaces. */
  model: string;
  embed(texts: string[]): Promise<Result<number[][]>>;
}

export const EmbeddingsSettingsSchema = z.object({
  baseURL: z.string().url(),
  apiKey: z.string().default('not-needed'),
  model: z.string().min(1),
  /** Texts per request; local servers often cap the batch size. */
  batch: z.number().int().min(1).max(2048).default(64),
});
export type EmbeddingsSettings = z.input<typeof EmbeddingsSettingsSchema>;

const ResponseSchema = z.object({ data: z.array(z.object({ index: z.number().int(), embedding: z.array(z.number()) })) });

/** An embedder for any OpenAI-compatible `/embeddings` endpoint (OpenAI, Ollama, LM Studio, vLLM ...). */
export function openAiEmbedder(settings: EmbeddingsSettings): Embedder {
  const s = EmbeddingsSettingsSchema.parse(settings);
  const client = new OpenAI({ baseURL: s.baseURL, apiKey: s.apiKey, maxRetries: 2 });
  return {
    model: s.model,
    async embed(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += s.batch) {
        const input = texts.slice(i, i + s.batch);
        let raw: unknown;
        try {
          raw = await client.embeddings.create({ model: s.model, input, encoding_format: 'float' });
        } catch (e) {
          return err('model_error', `The embeddings endpoint ${s.baseURL} failed: ${(e as Error).message}. Check the URL and model, or search with BM25 only.`);
        }
        const parsed = ResponseSchema.safeParse(raw);
        if (!parsed.success || parsed.data.data.length !== input.length) {
          return err('model_error', `The embeddings endpoint ${s.baseURL} returned an unexpected response for model ${s.model}.`);
        }
        for (const d of [...parsed.data.data].sort((a, b) => a.index - b.index)) out.push(d.embedding);
      }
      return ok(out);
    },
  };
}
