import type { CompanyField, LeadField } from '../../../contract/store.js';

/** Header folded for lookup: "Company / Account" -> "companyaccount", "opportunity_id" -> "opportunityid". */
export const headerKey = (h: string): string => h.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Known headers per lead field, from HubSpot, Salesforce, Pipedrive, X Education's Leads.csv,
 * maven-crm and common hand-made sheets. Earlier entries win when two columns claim a field
 * (e.g. "Prospect ID" beats "Lead Number" for the external id).
 */
export const LEAD_ALIASES: Record<LeadField, readonly string[]> = {
  name: ['Name', 'Full Name', 'Contact Name', 'Person - Name', 'Lead Name', 'Contact', 'Person', 'Customer Name', 'Client Name'],
  first_name: ['First Name', 'Firstname', 'Given Name', 'Person - First name', 'First'],
  last_name: ['Last Name', 'Lastname', 'Surname', 'Family Name', 'Person - Last name', 'Last'],
  email: ['Email', 'E-mail', 'Email Address', 'E-mail Address', 'Person - Email', 'Work Email', 'Business Email', 'Email 1', 'Primary Email', 'Person - Email - Work'],
  phone: ['Phone', 'Phone Number', 'Mobile', 'Mobile Phone', 'Mobile Phone Number', 'Person - Phone', 'Telephone', 'Tel', 'Work Phone', 'Person - Phone - Work', 'Phone 1'],
  title: ['Job Title', 'Title', 'Position', 'Role', 'Person - Job title', 'Designation', 'Job Role'],
  company: ['Company', 'Company Name', 'Company / Account', 'Account', 'Account Name', 'Organization', 'Organisation', 'Organization - Name', 'Organization Name', 'Associated Company', 'Employer'],
  website: ['Website', 'Website URL', 'URL', 'Company Domain Name', 'Domain', 'Web', 'Organization - Website', 'Company Website', 'Homepage'],
  owner: ['Owner', 'Contact owner', 'Lead Owner', 'Deal - Owner', 'Lead - Owner', 'Person - Owner', 'sales_agent', 'Sales Agent', 'Account Owner', 'Assigned To', 'Sales Rep', 'Rep', 'HubSpot Owner'],
  lead_source: ['Lead Source', 'Original Source', 'Source', 'Lead - Source', 'Deal - Source', 'Person - Source', 'UTM Source', 'Lead Source Detail', 'Channel'],
  external_id: ['Prospect ID', 'Record ID', 'Lead ID', 'Contact ID', 'opportunity_id', 'Opportunity ID', 'Deal - ID', 'Lead - ID', 'Person - ID', 'External ID', 'CRM ID', 'ID'],
  created_at: ['Create Date', 'Created Date', 'Created', 'Created At', 'Date Created', 'Created Time', 'engage_date', 'Lead - Created', 'Deal - Deal created', 'Person - Person created', 'Lead - Add time', 'Person - Add time', 'Date'],
  notes: ['Notes', 'Note', 'Description', 'Message', 'Comments', 'Comment', 'Inquiry', 'Enquiry', 'Details', 'Lead - Notes', 'Deal - Notes', 'Body', 'Request'],
  outcome: ['Converted', 'Outcome', 'deal_stage', 'Deal Stage', 'Deal - Status', 'Won', 'Is Won', 'Result', 'Closed Won'],
  status: ['Lead Status', 'Status', 'Lead - Status', 'Contact Status', 'Lifecycle Stage'],
};

/** Known headers per company field (maven-crm accounts.csv, CRM company exports). */
export const COMPANY_ALIASES: Record<CompanyField, readonly string[]> = {
  name: ['account', 'Account Name', 'Company', 'Company Name', 'Organization', 'Organization - Name', 'Name'],
  sector: ['sector', 'Industry', 'Organization - Industry', 'Vertical'],
  year_established: ['year_established', 'Year Founded', 'Founded', 'Founded Year'],
  revenue: ['revenue', 'Annual Revenue', 'Organization - Annual revenue', 'Revenue (M)'],
  employees: ['employees', 'Number of Employees', 'Employee Count', 'Employees', 'Company Size', 'Organization - Number of employees'],
  location: ['office_location', 'Country', 'Location', 'HQ', 'Country/Region', 'Headquarters'],
  parent_name: ['subsidiary_of', 'Parent Company', 'Parent Account', 'Parent'],
  website: ['Website', 'Website URL', 'Domain', 'Company Domain Name', 'URL'],
};

export interface AliasHit<F extends string> {
  field: F;
  /** Position in the field's alias list; lower is a stronger claim. */
  rank: number;
}

/** header key -> field, built once per dictionary. */
export function aliasIndex<F extends string>(dict: Record<F, readonly string[]>): Map<string, AliasHit<F>> {
  const out = new Map<string, AliasHit<F>>();
  for (const field of Object.keys(dict) as F[]) {
    dict[field].forEach((alias, rank) => {
      const k = headerKey(alias);
      if (!out.has(k)) out.set(k, { field, rank });
    });
  }
  return out;
}

/**
 * Headers that mean nothing on their own but contain a telling word ("Contact Email 2",
 * "Direct phone"). Order matters: the first pattern that matches wins.
 */
export const LEAD_FUZZY: ReadonlyArray<readonly [RegExp, LeadField]> = [
  [/e-?mail/i, 'email'],
  [/phone|mobile|\btel\b/i, 'phone'],
  [/first.?name/i, 'first_name'],
  [/last.?name|surname/i, 'last_name'],
  [/job|position/i, 'title'],
  [/owner|sales.?rep|agent/i, 'owner'],
  [/company|organi[sz]ation|account/i, 'company'],
  [/website|\burl\b|domain/i, 'website'],
  [/note|message|comment|description/i, 'notes'],
];

/** Words that make a fuzzy hit wrong ("Do Not Email", "Total Time Spent on Website"). */
export const FUZZY_BLOCK = /\b(not|no|opt|opted|unsubscribe\w*|bounce\w*|count|time|views?|visits?|spent|number|score|index|type)\b/i;
/** Fuzzy matching only applies to short headers; long ones are questions or metrics. */
export const FUZZY_MAX_WORDS = 3;

/** Leads.csv and some CRM headers look like lead fields but are not (documented on purpose). */
export const NOT_A_LEAD_FIELD = new Set(['leadtitle', 'leadnumber', 'leadorigin', 'dealtitle', 'rating'].map(headerKey));
