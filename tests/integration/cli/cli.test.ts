import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QualifyResultSchema } from '../../../src/contract/index.js';
import { DEFAULT_RULESET } from '../../../src/core/rules/defaultRuleset.js';
import { runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sales-copilot-cli-'));
const db = join(dir, 'cli.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LEAD = `Subject: Analytics for our checkout

Hi, I'm the Head of Growth at Cartwheel (about 180 employees, e-commerce). We lose users in checkout
and need funnels. We have $2,000 per month for this and want to start next month.

Dana Ortiz
Head of Growth, Cartwheel`;

describe('the CLI', async () => {
  it('qualify --json prints the documented shape and stores the lead', async () => {
    const r = await runCli(['qualify', '-', '--json', '--db', db, '--received-at', '2026-03-02'], { input: LEAD });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = QualifyResultSchema.parse(JSON.parse(r.stdout));
    expect(out.facts['budget']?.value).toEqual({ amount: 2000, currency: 'USD', period: 'month' });
    // Proposals wait for a person: nothing is applied by qualifying.
    expect(out.proposals.length).toBeGreaterThan(0);
    for (const p of out.proposals) expect(p).toMatchObject({ status: 'pending' });
    expect(out.blocked).toEqual([]);
    expect(out.next_action?.kind).toBe('propose');
    expect(out.reply).toMatch(/^Hi Dana/);
    expect(out.trace_id).toMatch(/^run_/);
    const list = await runCli(['leads', 'list', '--json', '--db', db]);
    expect(JSON.parse(list.stdout).total).toBe(1);
    const show = await runCli(['leads', 'show', out.lead.id, '--db', db]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Decision:');
  });

  it('qualify prints a readable explanation', async () => {
    const r = await runCli(['qualify', '-', '--db', db, '--received-at', '2026-03-02'], { input: LEAD });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/QUALIFIED|NEEDS INFO|NURTURE/);
    expect(r.stdout).toContain('Budget of at least USD 10,000 a year');
  });

  it('rules validate names the path and problem of a bad ruleset and exits 2', async () => {
    const bad = { ...DEFAULT_RULESET, rules: [{ ...DEFAULT_RULESET.rules[1], op: 'in' }] };
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = await runCli(['rules', 'validate', file, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rules.0.value: op "in" needs a list of values');
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(DEFAULT_RULESET));
    expect((await runCli(['rules', 'validate', good, '--db', db])).code).toBe(0);
  });

  it('rules show prints the published ruleset version', async () => {
    const r = await runCli(['rules', 'show', '--json', '--db', db]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).version).toBe(1);
  });

  it('reports a missing file as an error, not a crash', async () => {
    const r = await runCli(['qualify', join(dir, 'nope.txt'), '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error \(not_found\): Cannot read/);
  });
});
