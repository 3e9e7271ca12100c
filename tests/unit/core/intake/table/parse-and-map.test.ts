import { describe, expect, it } from 'vitest';
import { mapColumns, detectKind } from '../../../../../src/core/intake/table/mapping.js';
import { parseTable, readRows } from '../../../../../src/core/intake/table/parse.js';
import { parseDate } from '../../../../../src/core/intake/table/dates.js';

const parse = (text: string) => {
  const r = parseTable(text);
  if (!r.ok) throw new Error(r.error.message);
  return { ...r.value, rows: readRows(r.value) };
};
const fieldOf = (headers: string[], col: string) => mapColumns(headers).find((m) => m.column === col);

describe('parseTable', () => {
  it('skips a preamble and finds the header row', () => {
    const t = parse('Exported from HubSpot on 2024-05-01\nAll contacts\n\nFirst Name,Last Name,Email\nAna,Diaz,ana@acme.io\n');
    expect(t.headers).toEqual(['First Name', 'Last Name', 'Email']);
    expect(t.headerLine).toBe(4);
    expect(t.rows).toEqual([{ cells: ['Ana', 'Diaz', 'ana@acme.io'], line: 5 }]);
  });

  it('detects TSV, strips a BOM and keeps the trailing empty column harmless', () => {
    const t = parse('\uFEFFName\tEmail\tCompany\nAna\tana@acme.io\tAcme\n');
    expect(t.delimiter).toBe('\t');
    expect(t.headers[0]).toBe('Name');
    const l = parse('Prospect ID,Converted,\r\nabc,1,\r\n');
    expect(l.headers).toEqual(['Prospect ID', 'Converted', '']);
    expect(l.rows[0]?.cells).toEqual(['abc', '1', '']);
    expect(fieldOf(l.headers, '')?.field).toBe('ignore');
  });

  it('handles quoted newlines and still reports file line numbers', () => {
    const t = parse('Name,Notes,Email\r\nAna,"line one\r\nline two, with comma",a@x.io\r\n\r\nBen,"x",b@x.io\r\n');
    expect(t.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(t.rows[0]?.cells[1]).toBe('line one\r\nline two, with comma');
  });

  it('an empty paste is an error a person can act on', () => {
    const r = parseTable('   \n');
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('mapColumns', () => {
  it('maps HubSpot export headers', () => {
    const h = ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Job Title', 'Company Name', 'Website URL', 'Contact owner', 'Lead Status', 'Create Date', 'Original Source'];
    expect(mapColumns(h).map((m) => m.field)).toEqual(['external_id', 'first_name', 'last_name', 'email', 'phone', 'title', 'company', 'website', 'owner', 'status', 'created_at', 'lead_source']);
    expect(mapColumns(h).every((m) => m.confidence === 1 && m.via === 'alias')).toBe(true);
  });

  it('maps Salesforce export headers', () => {
    const h = ['Lead ID', 'First Name', 'Last Name', 'Title', 'Company / Account', 'Email', 'Phone', 'Lead Source', 'Lead Owner', 'Rating', 'Description'];
    expect(mapColumns(h).map((m) => m.field)).toEqual(['external_id', 'first_name', 'last_name', 'title', 'company', 'email', 'phone', 'lead_source', 'owner', 'attribute', 'notes']);
  });

  it('maps Pipedrive export headers; "Lead - Title" names the deal, not a job', () => {
    const h = ['Lead - ID', 'Lead - Title', 'Person - Name', 'Person - Email', 'Person - Phone', 'Person - Job title', 'Organization - Name', 'Deal - Owner'];
    expect(mapColumns(h).map((m) => m.field)).toEqual(['external_id', 'attribute', 'name', 'email', 'phone', 'title', 'company', 'owner']);
  });

  it("maps X Education's Leads.csv without false friends", () => {
    const h = ['Prospect ID', 'Lead Number', 'Lead Origin', 'Lead Source', 'Do Not Email', 'Do Not Call', 'Converted', 'Total Time Spent on Website', 'Country', ''];
    expect(Object.fromEntries(mapColumns(h).map((m) => [m.column, m.field]))).toEqual({
      'Prospect ID': 'external_id',
      'Lead Number': 'attribute',
      'Lead Origin': 'attribute',
      'Lead Source': 'lead_source',
      'Do Not Email': 'attribute',
      'Do Not Call': 'attribute',
      Converted: 'outcome',
      'Total Time Spent on Website': 'attribute',
      Country: 'attribute',
      '': 'ignore',
    });
  });

  it('maps maven-crm and detects an accounts file', () => {
    const p = ['opportunity_id', 'sales_agent', 'product', 'account', 'deal_stage', 'engage_date', 'close_date', 'close_value'];
    expect(mapColumns(p).map((m) => m.field)).toEqual(['external_id', 'owner', 'attribute', 'company', 'outcome', 'created_at', 'attribute', 'attribute']);
    const a = ['account', 'sector', 'year_established', 'revenue', 'employees', 'office_location', 'subsidiary_of'];
    expect(detectKind(a)).toBe('companies');
    expect(detectKind(p)).toBe('leads');
    expect(mapColumns(a, {}, 'companies').map((m) => m.field)).toEqual(['name', 'sector', 'year_established', 'revenue', 'employees', 'location', 'parent_name']);
  });

  it('a manual override wins, and a second claim on a field becomes an attribute', () => {
    const h = ['Email', 'Work email', 'Notes'];
    const auto = mapColumns(h);
    expect(auto.map((m) => m.field)).toEqual(['email', 'attribute', 'notes']);
    const forced = mapColumns(h, { 'Work email': 'email', Notes: 'ignore' });
    expect(forced.map((m) => [m.field, m.via])).toEqual([
      ['attribute', 'none'],
      ['email', 'override'],
      ['ignore', 'override'],
    ]);
  });

  it('gives fuzzy hits a lower confidence', () => {
    expect(fieldOf(['Contact Email 2'], 'Contact Email 2')).toMatchObject({ field: 'email', confidence: 0.5, via: 'fuzzy' });
  });
});

describe('parseDate', () => {
  it('reads ISO, US, European and written dates; rejects impossible ones', () => {
    expect(parseDate('2024-03-05')).toBe('2024-03-05T00:00:00.000Z');
    expect(parseDate('2024-03-05 14:30')).toBe('2024-03-05T14:30:00.000Z');
    expect(parseDate('3/5/2024')).toBe('2024-03-05T00:00:00.000Z');
    expect(parseDate('25/12/2024')).toBe('2024-12-25T00:00:00.000Z');
    expect(parseDate('05.03.2024')).toBe('2024-03-05T00:00:00.000Z');
    expect(parseDate('5 March 2024')).toMatch(/^2024-03-05/);
    expect(parseDate('2023-02-30')).toBeNull();
    expect(parseDate('soon')).toBeNull();
  });
});
