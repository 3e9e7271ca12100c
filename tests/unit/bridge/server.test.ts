import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBridge, type Bridge } from '../../../src/bridge/server.js';
import { RENDERER_CSP } from '../../../src/bridge/static.js';
import { tokenMatches, tokenOf } from '../../../src/bridge/token.js';
import { createCore, type Core } from '../../../src/core/createCore.js';

/** A raw request, so that headers like Host can be set the way an attacker would. */
function raw(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      if (opts.body) req.write(opts.body);
      req.end();
    },
  );
}

describe('bridge', () => {
  let dir: string;
  let core: Core;
  let bridge: Bridge;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sc-bridge-'));
    mkdirSync(join(dir, 'www', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'www', 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(dir, 'www', 'assets', 'a.js'), 'console.log(1)');
    core = createCore({ dbPath: join(dir, 'db.sqlite') });
    bridge = await startBridge({ core, staticDir: join(dir, 'www') });
  });
  afterAll(async () => {
    await bridge.close();
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 on a free port and prints a URL carrying the token', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.port).toBeGreaterThan(0);
    expect(bridge.openUrl).toBe(`${bridge.url}/?token=${bridge.token}`);
    expect(bridge.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses every request without the token with 401', async () => {
    for (const [method, path] of [
      ['POST', '/api/leads.list'],
      ['GET', '/'],
      ['GET', '/assets/a.js'],
      ['GET', '/api/events'],
    ] as const) {
      const r = await raw(bridge.port, { method, path, headers: { host: `127.0.0.1:${bridge.port}` } });
      expect(r.status, `${method} ${path}`).toBe(401);
    }
    const wrong = await raw(bridge.port, {
      method: 'POST',
      path: '/api/leads.list',
      headers: { host: `127.0.0.1:${bridge.port}`, authorization: 'Bearer x' },
    });
    expect(wrong.status).toBe(401);
  });

  it('answers the contract with the bearer token', async () => {
    const r = await raw(bridge.port, {
      method: 'POST',
      path: '/api/leads.list',
      headers: {
        host: `127.0.0.1:${bridge.port}`,
        authorization: `Bearer ${bridge.token}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, data: { items: [], total: 0 } });
  });

  it('returns expected failures as envelopes and unknown methods as 404', async () => {
    const h = { host: `127.0.0.1:${bridge.port}`, authorization: `Bearer ${bridge.token}` };
    const bad = await raw(bridge.port, { method: 'POST', path: '/api/leads.get', headers: h, body: '{}' });
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.body).error.code).toBe('invalid_input');
    const unknown = await raw(bridge.port, { method: 'POST', path: '/api/nope', headers: h, body: '{}' });
    expect(unknown.status).toBe(404);
    const notJson = await raw(bridge.port, { method: 'POST', path: '/api/leads.list', headers: h, body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const rebinding = await raw(bridge.port, {
      method: 'POST',
      path: `/api/leads.list?token=${bridge.token}`,
      headers: { host: 'evil.example:80' },
      body: '{}',
    });
    expect(rebinding.status).toBe(421);
    const cors = await raw(bridge.port, {
      method: 'POST',
      path: '/api/leads.list',
      headers: {
        host: `127.0.0.1:${bridge.port}`,
        authorization: `Bearer ${bridge.token}`,
        origin: 'http://evil.example',
      },
      body: '{}',
    });
    expect(cors.status).toBe(403);
  });

  it('serves the renderer with a strict CSP and continues the session with an HttpOnly cookie', async () => {
    const page = await raw(bridge.port, {
      path: `/?token=${bridge.token}`,
      headers: { host: `127.0.0.1:${bridge.port}` },
    });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toContain('unsafe');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const asset = await raw(bridge.port, {
      path: '/assets/a.js',
      headers: { host: `127.0.0.1:${bridge.port}`, cookie: cookie.split(';')[0]! },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await raw(bridge.port, {
      path: `/../db.sqlite?token=${bridge.token}`,
      headers: { host: `127.0.0.1:${bridge.port}` },
    });
    expect(r.body).not.toContain('SQLite format');
  });

  it('streams events to an authorised client', async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: bridge.port,
          path: `/api/events?token=${bridge.token}`,
          headers: { host: `127.0.0.1:${bridge.port}` },
        },
        (res) => {
          expect(res.headers['content-type']).toBe('text/event-stream');
          let buf = '';
          res.on('data', (c: Buffer) => {
            buf += c.toString();
            if (buf.includes('event: changed')) {
              req.destroy();
              resolve(buf);
            }
          });
          setTimeout(() => core.context.bus.emit('changed', { topic: 'leads', ids: ['x'] }), 50);
        },
      );
      req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    expect(got).toContain('data: {"topic":"leads","ids":["x"]}');
  });

  it('compares tokens in constant time and reads them from header, query or cookie', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', null)).toBe(false);
    const u = new URL('http://x/?token=q');
    expect(tokenOf({ authorization: 'Bearer h' }, u)).toBe('h');
    expect(tokenOf({}, u)).toBe('q');
    expect(tokenOf({ cookie: 'a=1; sc_token=c' }, new URL('http://x/'))).toBe('c');
  });
});
