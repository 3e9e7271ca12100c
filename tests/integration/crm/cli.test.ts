import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerCrm } from '../../../src/cli/commands/crm.js';
import { seedSynthetic } from '../../fixtures/hubspot-server/seed.js';
import { startHubSpotServer, type HubSpotTestServer } from '../../fixtures/hubspot-server/server.js';

let server: HubSpotTestServer;
let dir: string;
beforeAll(async () => {
  server = await startHubSpotServer();
  seedSynthetic(server.data, 30, 3);
  dir = mkdtempSync(join(tmpdir(), 'crm-cli-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    const p = new Command().option('--db <path>').exitOverride();
    registerCrm(p);
    await p.parseAsync(['node', 'cli', '--db', join(dir, 'x.db'), ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return { out: out.join(''), err: err.join('') };
}

describe('crm CLI', () => {
  it('connects, syncs with --limit then incrementally, shows status and pending; the token never leaves the secret file', async () => {
    const bad = await run('crm', 'connect', 'hubspot', '--token', 'pat-wrong-token', '--base-url', server.url);
    expect(bad.err).toMatch(/crm_auth/);
    expect(bad.err).not.toContain('pat-wrong-token');
    process.exitCode = 0;
    expect((await run('crm', 'connect', 'hubspot', '--token', server.token, '--base-url', server.url)).out).toMatch(
      /Connected/,
    );
    expect((await run('crm', 'sync', '--limit', '20', '--no-qualify')).out).toMatch(/Synced 20 records/);
    expect((await run('crm', 'sync', '--no-qualify')).out).toMatch(/Synced 10 records/);
    const status = JSON.parse((await run('crm', 'status', '--json')).out) as { kind: string; records_synced: number };
    expect(status).toMatchObject({ kind: 'hubspot', records_synced: 30 });
    expect((await run('crm', 'pending')).out).toMatch(/Nothing pending/);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    for (const f of readdirSync(dir).filter((f) => f.startsWith('x.db')))
      expect(readFileSync(join(dir, f)).includes(server.token)).toBe(false);
  });
});
