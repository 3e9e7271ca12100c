import {
  createClient,
  httpInvoke,
  sseSubscribe,
  type ApiClient,
  type PreloadBridge,
} from '../../src/contract/api/index.js';

declare global {
  interface Window {
    salesCopilot?: PreloadBridge;
  }
}

const TOKEN_KEY = 'sales-copilot.token';

/**
 * The one transport the renderer uses: IPC when the Electron preload is present, otherwise the
 * loopback HTTP bridge with the token from the launch URL (kept for the session, then removed
 * from the address bar so it does not end up in screenshots or history).
 */
export function createTransport(): ApiClient {
  const bridge = window.salesCopilot;
  if (bridge)
    return createClient(
      (n, i) => bridge.invoke(n, i),
      (e, l) => bridge.on(e, l),
    );
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
  const sse = sseSubscribe(window.location.origin, token, (u) => new EventSource(u));
  return createClient(httpInvoke(window.location.origin, token), sse.subscribe, sse.close);
}
