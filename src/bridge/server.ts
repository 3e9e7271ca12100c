import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API } from '../contract/api/index.js';
import type { Envelope } from '../contract/api/define.js';
import type { Core } from '../core/createCore.js';
import { dispatch } from '../transport/dispatch.js';
import { serveStatic } from './static.js';
import { newToken, tokenMatches, tokenOf } from './token.js';

export interface BridgeOptions {
  core: Pick<Core, 'handlers' | 'events'>;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The built renderer (dist/renderer); without it only the API is served. */
  staticDir?: string | null;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
  maxBodyBytes?: number;
}

export interface Bridge {
  url: string;
  /** The URL to open: carries the token once; the page keeps it. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function sendJson(res: ServerResponse, status: number, env: Envelope): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(env));
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The browser-mode host: the contract over loopback HTTP. Binds 127.0.0.1 only, checks the Host
 * header (DNS rebinding) and requires the per-launch token on every request.
 */
export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? newToken();
  const limit = opts.maxBodyBytes ?? 256 * 1024 * 1024;
  const sockets = new Set<import('node:net').Socket>();
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const host = req.headers.host ?? '';
    if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) {
      return sendJson(res, 421, { ok: false, error: { code: 'invalid_input', message: 'Unexpected Host header.' } });
    }
    if (!tokenMatches(token, tokenOf(req.headers, url))) {
      return sendJson(res, 401, {
        ok: false,
        error: { code: 'crm_auth', message: 'Missing or wrong token: open the URL printed by `serve`.' },
      });
    }
    const origin = req.headers.origin;
    if (origin && origin !== `http://${host}`) {
      return sendJson(res, 403, {
        ok: false,
        error: { code: 'invalid_input', message: 'Cross-origin requests are refused.' },
      });
    }

    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      const off = opts.core.events.subscribeAll((event, payload) =>
        res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`),
      );
      const beat = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        off();
        clearInterval(beat);
        streams.delete(res);
      });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST')
        return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use POST for API calls.' } });
      const name = decodeURIComponent(url.pathname.slice(5));
      const text = await readBody(req, limit);
      if (text === null)
        return sendJson(res, 413, {
          ok: false,
          error: { code: 'invalid_input', message: 'The request is too large.' },
        });
      let input: unknown = {};
      try {
        input = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return sendJson(res, 400, {
          ok: false,
          error: { code: 'invalid_input', message: 'The body is not valid JSON.' },
        });
      }
      const env = await dispatch(API, opts.core.handlers, name, input);
      // Expected failures are still 200: the envelope carries them; only transport problems use HTTP codes.
      return sendJson(res, Object.hasOwn(API, name) ? 200 : 404, env);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Method not allowed.' } });
    if (!opts.staticDir)
      return sendJson(res, 404, {
        ok: false,
        error: { code: 'not_found', message: 'No renderer is served by this bridge.' },
      });
    if (url.searchParams.has('token')) {
      // The page's own assets cannot send a header, so the session continues with a strict cookie.
      res.setHeader('set-cookie', `sc_token=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`);
    }
    serveStatic(opts.staticDir, url.pathname, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${port}`;
  return {
    url,
    openUrl: `${url}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
