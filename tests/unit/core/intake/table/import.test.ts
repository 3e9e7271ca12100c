import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importTable } from '../../../../../src/core/intake/table/import.js';
import * as leads from '../../../../../src/core/store/leads.js';
import * as imports from '../../../../../src/core/store/imports.js';
import { leadWhere } from '../../../../../src/core/rules/workbench/filter.js';
import * as sources from '../../../../../src/core/store/sources.js';
import type { StoreContext } from '../../../../../src/core/store/context.js';
import { autoStore, cleanTmpStores, importOk } from '../../store/tmp-db.js';

afterEach(cleanTmpStores);
const store = autoStore;
const run = importOk;
const count = (ctx: StoreContext) => leads.count(ctx);

const MIXED = [
  'Name,Email,Phone,Company,Create Date,Notes,Country',
  'Ana Diaz,ana@acme.io,+44 20 7946 0958,Acme,2024-03-05,"Needs 20 seats,\nbudget 30k",UK', // line 2-3
  'Bad Email,not-an-email,,Beta,,,', // line 4
  'Bad Phone,bo@beta.io,+1 abc,Beta,,,', // line 5
  'Bad Date,cy@gamma.io,,Gamma,2024-13-45,,', // line 6
  ',,,,,,Select', // line 7: no identity
  'Dan,dan@delta.io,,Delta,N/A,-,Select', // line 8
].join('\n');

describe('importTable', () => {
  it('imports good rows and lists bad rows with their line and reason', async () => {
    const { ctx } = store();
    const rep = await run(ctx, { text: MIXED, fileName: 'mixed.csv' });
    expect(rep.rows_total).toBe(6);
    expect(rep.imported).toBe(2);
    expect(rep.invalid).toEqual([
      { row: 4, column: 'Email', reason: '"not-an-email" is not an email address' },
      { row: 5, column: 'Phone', reason: '"+1 abc" is not a phone number' },
      { row: 6, column: 'Create Date', reason: '"2024-13-45" is not a date (use YYYY-MM-DD)' },
      { row: 7, column: null, reason: 'row has no identity: it needs an email, a name, a company or an id' },
    ]);
    expect(count(ctx)).toBe(2);
    const ana = leads.list(ctx, { search: 'ana' }).items[0];
    const full = leads.get(ctx, ana!.id);
    expect(full).toMatchObject({
      phone: '+442079460958',
      created_at: '2024-03-05T00:00:00.000Z',
      source: 'import',
      domain: 'acme.io',
    });
    expect(full?.attributes).toMatchObject({ Country: 'UK', Name: 'Ana Diaz' });
    expect(sources.listForLead(ctx, ana!.id)[0]?.text).toBe('Needs 20 seats,\nbudget 30k');
  });

  it('turns Select, N/A, - and blanks into empty values', async () => {
    const { ctx } = store();
    await run(ctx, { text: MIXED });
    const dan = leads.get(ctx, leads.list(ctx, { search: 'dan' }).items[0]!.id);
    expect(dan?.attributes).toEqual({ Name: 'Dan', Email: 'dan@delta.io', Company: 'Delta' });
    expect(sources.listForLead(ctx, dan!.id)).toEqual([]);
    const custom = await run(ctx, { text: 'Name,Tier\nZed,unknown\n', emptyValues: ['', 'unknown'] });
    expect(custom.imported).toBe(1);
    const zed = leads.get(ctx, leads.list(ctx, { search: 'zed' }).items[0]!.id);
    expect(zed?.attributes).toEqual({ Name: 'Zed' });
  });

  it('reports duplicates within the file and against stored leads, never merging silently', async () => {
    const { ctx } = store();
    const existing = leads.insert(ctx, { name: 'Old', email: 'John.Doe@gmail.com', source: 'paste' });
    const text = [
      'First Name,Last Name,Email,Website,Record ID',
      'John,Doe,johndoe+x@gmail.com,,', // 2: email match (gmail rules)
      'Mia,Lee,mia@acme.io,,', // 3
      'Mia,Lee,mia.lee@acme.io,https://www.acme.io,', // 4: domain + name match of row 3
      'Kai,Ro,,,HS-1', // 5
      'Kai,Ro,,,HS-1', // 6: external id
    ].join('\n');
    const rep = await run(ctx, { text });
    expect(rep.imported).toBe(2);
    const rows = leads.list(ctx, { search: 'mia' }).items;
    expect(rep.duplicates).toEqual([
      { row: 2, matched_lead_id: existing.id, by: 'email', in_file: false },
      { row: 4, matched_lead_id: rows[0]!.id, by: 'domain_name', in_file: true },
      { row: 6, matched_lead_id: expect.any(String), by: 'external_id', in_file: true },
    ]);
  });

  it('re-importing the same file adds nothing and says so', async () => {
    const { ctx, dir } = store();
    const path = join(dir, 'contacts.csv');
    writeFileSync(path, MIXED);
    const first = await run(ctx, { path });
    expect(first.file_name).toBe('contacts.csv');
    const second = await run(ctx, { path });
    expect(second.imported).toBe(0);
    expect(second.duplicates).toHaveLength(first.imported);
    expect(second.previous_import_id).toBe(first.import_id);
    expect(count(ctx)).toBe(2);
  });

  it("finds an import's leads, and only them, by the import (CLI --qualify, workbench filter import=)", async () => {
    const { ctx, tick } = store();
    const a = await run(ctx, { text: 'Name,Email\nAna,ana@a.io\nBo,bo@b.io', fileName: 'a.csv' });
    tick();
    const pasted = leads.insert(ctx, { name: 'Pasted', source: 'paste' });
    const b = await run(ctx, { text: 'Name,Email\nCy,cy@c.io\nAna,ana@a.io\nDi,di@d.io', fileName: 'b.csv' });
    const none = await run(ctx, { text: 'Name,Email\nAna,ana@a.io', fileName: 'c.csv' });
    const names = (ids: string[]) => ids.map((id) => leads.get(ctx, id)?.name);
    expect(names(imports.leadIds(ctx, a.import_id!))).toEqual(['Ana', 'Bo']);
    expect(names(imports.leadIds(ctx, b.import_id!))).toEqual(['Cy', 'Di']);
    expect(imports.leadIds(ctx, none.import_id!)).toEqual([]);
    const { sql, params } = leadWhere(ctx, { import_id: b.import_id! });
    expect(ctx.db.prepare(`SELECT name FROM leads ${sql} ORDER BY name`).pluck().all(params)).toEqual(['Cy', 'Di']);
    // A lead of the import that was deleted is simply gone from it.
    ctx.db.prepare('DELETE FROM leads WHERE id = ?').run(imports.leadIds(ctx, b.import_id!)[0]);
    expect(names(imports.leadIds(ctx, b.import_id!))).toEqual(['Di']);
    expect(imports.leadIds(ctx, a.import_id!)).not.toContain(pasted.id);
  });

  it('a manual mapping override wins; a wrong one is a clear error', async () => {
    const { ctx } = store();
    const text = 'Kontakt,Mail,Firma\nAna,ana@acme.io,Acme\n';
    const rep = await run(ctx, { text, mapping: { Kontakt: 'name', Mail: 'email', Firma: 'ignore' } });
    expect(rep.imported).toBe(1);
    const l = leads.get(ctx, leads.list(ctx).items[0]!.id);
    expect(l).toMatchObject({
      name: 'Ana',
      email: 'ana@acme.io',
      company: null,
      attributes: { Kontakt: 'Ana', Mail: 'ana@acme.io' },
    });
    expect(await importTable(ctx, { text, mapping: { Kontakt: 'nmae' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', path: ['mapping', 'Kontakt'] },
    });
    expect(await importTable(ctx, { text, mapping: { Nope: 'name' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('refuses a table where no column identifies a lead', async () => {
    const { ctx } = store();
    const r = await importTable(ctx, { text: 'Foo,Bar\n1,2\n' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a dry run previews the mapping, rows and errors without writing', async () => {
    const { ctx } = store();
    const rep = await run(ctx, { text: MIXED, dryRun: true });
    expect(rep).toMatchObject({ dry_run: true, import_id: null, imported: 2 });
    expect(rep.preview?.[0]).toMatchObject({ row: 2, result: 'import', name: 'Ana Diaz' });
    expect(rep.invalid).toHaveLength(4);
    expect(count(ctx)).toBe(0);
  });

  it('imports TSV with quoted newlines', async () => {
    const { ctx } = store();
    const rep = await run(ctx, { text: 'Name\tEmail\tMessage\nAna\tana@acme.io\t"Hello\nworld"\nBen\tnot-mail\t\n' });
    expect(rep.delimiter).toBe('\t');
    expect(rep.imported).toBe(1);
    expect(rep.invalid).toEqual([{ row: 4, column: 'Email', reason: '"not-mail" is not an email address' }]);
  });

  it('keeps deal stages as outcome (Won/Lost) or status (open), links accounts, warns on missing ones', async () => {
    const { ctx } = store();
    await run(ctx, {
      text: 'account,sector,year_established,revenue,employees,office_location,subsidiary_of\nAcme Corporation,technolgy,1996,1100.04,2822,United States,\n',
    });
    const rep = await run(ctx, {
      text: [
        'opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value',
        'O1,Moses,GTXPro,Acme Corporation,Won,2016-10-20,2017-03-01,1054',
        'O2,Moses,GTX Basic,,Engaging,2016-10-25,,',
        'O3,Moses,GTX Basic,Nobody Inc,Lost,2016-10-25,2017-01-01,0',
      ].join('\n'),
    });
    expect(rep.imported).toBe(3);
    expect(rep.warnings).toEqual([
      { row: 3, column: 'account', reason: 'no account: the row is imported without a company link' },
      { row: 4, column: 'account', reason: 'account "Nobody Inc" is not among the imported companies' },
    ]);
    const byExt = Object.fromEntries(leads.list(ctx).items.map((l) => [l.external_id, l]));
    expect(byExt['O1']).toMatchObject({ outcome: 'Won', owner: 'Moses' });
    expect(byExt['O2']).toMatchObject({ outcome: null, status: 'Engaging' });
    expect(leads.get(ctx, byExt['O1']!.id)?.company_id).toMatch(/^co_/);
  });
});
