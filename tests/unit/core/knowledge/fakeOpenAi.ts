import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenAI-compatible server on loopback for these tests, until the shared scripted
 * server (tests/fixtures/scripted-openai/) lands: chat completions answer with scripted
 * contents in order; embeddings are hashed bags of words, so similar texts are close.
 */
export interface FakeOpenAi {
  baseUrl: string;
  requests: Array<{ path: string; body: unknown }>;
  close(): Promise<void>;
}

export function bagOfWordsVector(text: string, dim = 256): number[] {
  const v = new Array<number>(dim).fill(0);
  for (const w of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const stem = w.replace(/(ing|es|s)$/, '');
    let h = 2166136261;
    for (let i = 0; i < stem.length; i++) h = Math.imul(h ^ stem.charCodeAt(i), 16777619);
    v[(h >>> 0) % dim]! += 1;
  }
  return v;
}

export async function startFakeOpenAi(chatContents: string[] = []): Promise<FakeOpenAi> {
  const requests: FakeOpenAi['requests'] = [];
  const queue = [...chatContents];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as { input?: string | string[]; model?: string };
      requests.push({ path: req.url ?? '', body });
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/embeddings')) {
        const inputs = Array.isArray(body.input) ? body.input : [body.input ?? ''];
        res.end(JSON.stringify({ object: 'list', model: body.model, data: inputs.map((t, index) => ({ object: 'embedding', index, embedding: bagOfWordsVector(t) })), usage: { prompt_tokens: 1, total_tokens: 1 } }));
        return;
      }
      if (req.url?.endsWith('/chat/completions')) {
        const content = queue.shift() ?? '{}';
        res.end(JSON.stringify({ id: 'c1', object: 'chat.completion', created: 0, model: body.model, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } }));
        return;
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise((r) => server.close(() => r())) };
}
