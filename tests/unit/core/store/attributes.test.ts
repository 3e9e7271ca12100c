import { afterEach, describe, expect, it } from 'vitest';
import { emptyTester } from '../../../../src/core/intake/table/values.js';
import { columnAucs } from '../../../../src/core/rules/workbench/backtest.js';
import { loadFactTable } from '../../../../src/core/rules/workbench/factTable.js';
import { leadWhere } from '../../../../src/core/rules/workbench/filter.js';
import { decodeAttributes, encodeRowValues } from '../../../../src/core/store/attributes.js';
import type { StoreContext } from '../../../../src/core/store/context.js';
import * as imports from '../../../../src/core/store/imports.js';
import * as leads from '../../../../src/core/store/leads.js';
import { autoStore, cleanTmpStores, importOk } from './tmp-db.js';

afterEach(cleanTmpStores);
const store = autoStore;
const run = importOk;
const rawAttributes = (ctx: StoreContext, id: string) =>
  (ctx.db.prepare('SELECT attributes FROM leads WHERE id = ?').get(id) as { attributes: string }).attributes;
const idsWhere = (ctx: StoreContext, filter: Parameters<typeof leadWhere>[1]) => {
  const w = leadWhere(ctx, filter);
  return (ctx.db.prepare(`SELECT id FROM leads ${w.sql} ORDER BY rowid`).pluck().all(w.params) as string[]).sort();
};

describe('array-encoded attributes', () => {
  it('round-trips cells, empties, repeated keys and characters JSON must escape', () => {
    const keys = ['A', null, 'B', 'C', 'D', 'E'];
    const cells = ['say "hi"', 'ignored', 'back\\slash', 'Select', 'tab\there\u0001 \ud83d\ude00 \ud800', ''];
    const text = encodeRowValues(cells, keys, emptyTester());
    // Empty and unkept cells are null; the trailing ones are not written at all.
    expect(text.startsWith('["say \\"hi\\"",null,')).toBe(true);
    expect(JSON.parse(text)).toHaveLength(5);
    expect(decodeAttributes(text, JSON.stringify(keys), 'test')).toEqual({
      A: 'say "hi"',
      B: 'back\\slash',
      D: 'tab\there\u0001 \ud83d\ude00 \ud800',
    });
    expect(decodeAttributes(encodeRowValues(['', 'x'], ['A', null], emptyTester()), '["A",null]', 't')).toEqual({});
    expect(decodeAttributes('{"Tier":"A"}', null, 't')).toEqual({ Tier: 'A' });
    expect(() => decodeAttributes('["a"]', null, 't')).toThrow(/no header list/);
    expect(() => decodeAttributes('["a","b"]', '["A"]', 't')).toThrow(/2 values for 1 columns/);
    expect(() => decodeAttributes('{"a":1}', null, 't')).toThrow(/not text/);
  });

  it('stores the header list once per import and only cells per lead; readers see the same record', async () => {
    const { ctx } = store();
    const csv = [
      'Name,Email,Country,Country,Notes "quoted",,Score',
      'Ana,ana@acme.io,UK,Wales,"says ""hi""",x,7',
      'Bo,bo@beta.io,Select,,,,',
    ].join('\n');
    const rep = await run(ctx, { text: csv });
    expect(rep.imported).toBe(2);
    const headers = ctx.db.prepare('SELECT headers FROM imports WHERE id = ?').pluck().get(rep.import_id) as string;
    expect(JSON.parse(headers)).toEqual(['Name', 'Email', 'Country', 'Country (2)', 'Notes "quoted"', null, 'Score']);
    const [ana, bo] = ctx.db.prepare('SELECT id FROM leads ORDER BY rowid').pluck().all() as string[];
    expect(rawAttributes(ctx, ana!)).toBe('["Ana","ana@acme.io","UK","Wales","says \\"hi\\"",null,"7"]');
    expect(rawAttributes(ctx, bo!)).toBe('["Bo","bo@beta.io"]');
    expect(leads.get(ctx, ana!)?.attributes).toEqual({
      Name: 'Ana',
      Email: 'ana@acme.io',
      Country: 'UK',
      'Country (2)': 'Wales',
      'Notes "quoted"': 'says "hi"',
      Score: '7',
    });
    expect(leads.get(ctx, bo!)?.attributes).toEqual({ Name: 'Bo', Email: 'bo@beta.io' });
    // The import row itself still reads as before.
    expect(imports.get(ctx, rep.import_id!)?.rows_imported).toBe(2);
    // A dry run previews the same record without writing anything.
    const dry = await run(ctx, { text: csv.replace(/acme|beta/g, 'other'), dryRun: true });
    expect(dry.preview?.[0]).toMatchObject({ attributes: { Country: 'UK', 'Country (2)': 'Wales', Score: '7' } });
  });

  it('reads old object rows and new array rows side by side: get, update, filters, fact table and back-test columns', async () => {
    const { ctx } = store();
    const pasted = leads.insert(ctx, {
      name: 'Old',
      source: 'paste',
      attributes: { 'Lead Source': 'Google', Converted: '1', Visits: '3' },
    });
    // Two imports with the columns in different orders: each lead is read with its own header list.
    await run(ctx, { text: 'Name,Lead Source,Visits,Converted\nNew1,Google,5,0\nNew2,Referral,9,1\n' });
    await run(ctx, { text: 'Converted,Visits,Name,Lead Source\n1,2,New3,Google\n' });
    const all = ctx.db.prepare('SELECT id, name FROM leads ORDER BY rowid').all() as Array<{
      id: string;
      name: string;
    }>;
    const id = (n: string) => all.find((l) => l.name === n)!.id;
    expect(rawAttributes(ctx, id('New1')).startsWith('[')).toBe(true);
    expect(rawAttributes(ctx, pasted.id).startsWith('{')).toBe(true);
    expect(leads.get(ctx, id('New3'))?.attributes).toEqual({
      Converted: '1',
      Visits: '2',
      Name: 'New3',
      'Lead Source': 'Google',
    });

    // An edit rewrites an imported lead's attributes as an object; it reads the same.
    const edited = leads.update(ctx, id('New2'), {
      attributes: { ...leads.get(ctx, id('New2'))!.attributes, Visits: '10' },
    });
    expect(edited?.attributes).toEqual({ Name: 'New2', 'Lead Source': 'Referral', Visits: '10', Converted: '1' });
    expect(rawAttributes(ctx, id('New2')).startsWith('{')).toBe(true);

    // SQL readers: the attribute filter finds leads of every encoding and import.
    expect(idsWhere(ctx, { attribute: { 'Lead Source': 'Google' } })).toEqual(
      [pasted.id, id('New1'), id('New3')].sort(),
    );
    expect(idsWhere(ctx, { attribute: { Visits: '10' } })).toEqual([id('New2')]);
    expect(idsWhere(ctx, { attribute: { 'No Such Column': 'x' } })).toEqual([]);

    const table = loadFactTable(ctx, {
      rulesets: [{ custom_facts: [{ name: 'visits', label: 'Visits', column: 'Visits', type: 'number' }] }],
      outcomeColumn: 'Converted',
    });
    const col = table.custom.get('number:Visits')!;
    const visits = table.ids.map((_, i) => (col.codes[i]! < 0 ? null : col.values[col.codes[i]!]));
    const byId = Object.fromEntries(table.ids.map((x, i) => [x, { visits: visits[i], outcome: table.outcome[i] }]));
    expect(byId).toEqual({
      [pasted.id]: { visits: 3, outcome: '1' },
      [id('New1')]: { visits: 5, outcome: '0' },
      [id('New2')]: { visits: 10, outcome: '1' },
      [id('New3')]: { visits: 2, outcome: '1' },
    });
    const aucs = columnAucs(ctx, { outcome: 'Converted', columns: [{ column: 'Visits', type: 'number' }] });
    expect(aucs[0]?.auc).not.toBeNull();
  });

  it('re-importing the same file finds every row as a duplicate of the first import', async () => {
    const { ctx } = store();
    const csv =
      'Prospect ID,Lead Source,Converted,City\np-1,Google,1,Mumbai\np-2,Olark Chat,0,Select\np-1,Google,1,Thane\n';
    const first = await run(ctx, { text: csv });
    expect(first.imported).toBe(2);
    expect(first.duplicates).toEqual([expect.objectContaining({ row: 4, by: 'external_id', in_file: true })]);
    const again = await run(ctx, { text: csv });
    expect(again.previous_import_id).toBe(first.import_id);
    expect(again.imported).toBe(0);
    expect(again.duplicates.map((d) => [d.row, d.by, d.in_file])).toEqual([
      [2, 'external_id', false],
      [3, 'external_id', false],
      [4, 'external_id', false],
    ]);
    expect(leads.count(ctx)).toBe(2);
    const stored = ctx.db.prepare('SELECT id FROM leads ORDER BY rowid').pluck().all() as string[];
    expect(stored.map((x) => leads.get(ctx, x)?.attributes)).toEqual([
      { 'Prospect ID': 'p-1', 'Lead Source': 'Google', Converted: '1', City: 'Mumbai' },
      { 'Prospect ID': 'p-2', 'Lead Source': 'Olark Chat', Converted: '0' },
    ]);
  });
});
