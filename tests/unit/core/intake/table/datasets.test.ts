import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { importTable } from '../../../../../src/core/intake/table/import.js';
import * as leads from '../../../../../src/core/store/leads.js';
import * as companies from '../../../../../src/core/store/companies.js';
import { tmpStore } from '../../store/tmp-db.js';

// The shared public datasets live next to the repository (../shared/data); they are test data only.
const DATA = fileURLToPath(new URL('../../../../../../shared/data/', import.meta.url));
const LEADS = `${DATA}x-education-leads/Leads.csv`;
const MAVEN = `${DATA}maven-crm/`;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe.skipIf(!existsSync(LEADS))('X Education Leads.csv (skipped when ../shared/data/x-education-leads is absent)', () => {
  it('imports all 9,240 rows keyed by Prospect ID, Converted kept as the outcome', async () => {
    const s = tmpStore();
    cleanups.push(s.cleanup);
    const r = await importTable(s.ctx, { path: LEADS });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ rows_total: 9240, imported: 9240, invalid: [], duplicates: [] });
    expect(leads.count(s.ctx)).toBe(9240);
    const converted = s.ctx.db.prepare("SELECT count(*) AS n FROM leads WHERE outcome = '1'").get() as { n: number };
    expect(converted.n).toBe(3561);
    const one = leads.get(s.ctx, leads.list(s.ctx, { search: '7927b2df-8bba-4d29-b9a2-b6e0beafe620' }).items[0]!.id);
    expect(one).toMatchObject({ lead_source: 'Olark Chat', outcome: '0' });
    // `Select` means "not chosen": it is not stored as a value.
    expect(one?.attributes['Specialization']).toBeUndefined();
    expect(one?.attributes['Lead Number']).toBe('660737');
    const again = await importTable(s.ctx, { path: LEADS });
    expect(again.ok && again.value.imported).toBe(0);
    expect(leads.count(s.ctx)).toBe(9240);
  });
});

describe.skipIf(!existsSync(MAVEN))('maven-crm (skipped when ../shared/data/maven-crm is absent)', () => {
  it('imports accounts and the pipeline; open deals without an account are warnings', async () => {
    const s = tmpStore();
    cleanups.push(s.cleanup);
    const acc = await importTable(s.ctx, { path: `${MAVEN}accounts.csv` });
    expect(acc.ok && acc.value).toMatchObject({ kind: 'companies', imported: 85 });
    expect(companies.findByName(s.ctx, 'Acme Corporation')?.sector).toBe('technolgy');
    const pipe = await importTable(s.ctx, { path: `${MAVEN}sales_pipeline.csv` });
    if (!pipe.ok) throw new Error(pipe.error.message);
    expect(pipe.value).toMatchObject({ kind: 'leads', rows_total: 8800, imported: 8800, invalid: [] });
    expect(pipe.value.warnings.filter((w) => w.reason.startsWith('no account'))).toHaveLength(1425);
    const outcomes = s.ctx.db.prepare('SELECT outcome, count(*) AS n FROM leads GROUP BY outcome ORDER BY outcome').all();
    expect(outcomes).toEqual([
      { outcome: null, n: 2089 },
      { outcome: 'Lost', n: 2473 },
      { outcome: 'Won', n: 4238 },
    ]);
    const linked = s.ctx.db.prepare('SELECT count(*) AS n FROM leads WHERE company_id IS NOT NULL').get() as { n: number };
    expect(linked.n).toBe(8800 - 1425);
  });
});
