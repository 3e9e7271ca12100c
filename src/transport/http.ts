import { createClient, httpInvoke, sseSubscribe } from '../contract/api/client.js';
import type { ApiClient } from '../contract/api/index.js';

export interface HttpClientOptions {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
}

/** A client for the loopback bridge (Node side: tests, scripts); events need a global EventSource. */
export function httpClient(opts: HttpClientOptions): ApiClient {
  const ES = (
    globalThis as {
      EventSource?: new (url: string) => {
        addEventListener(t: string, l: (ev: { data: string }) => void): void;
        close(): void;
      };
    }
  ).EventSource;
  const sse = ES
    ? sseSubscribe(opts.baseUrl, opts.token, (u) => new ES(u))
    : { subscribe: () => () => undefined, close: () => undefined };
  return createClient(httpInvoke(opts.baseUrl, opts.token, opts.fetch ?? fetch), sse.subscribe, sse.close);
}
