import * as crmStore from '../../src/core/store/crm.js';
import * as proposalsStore from '../../src/core/store/proposals.js';
import { SAMPLE_INBOX } from '../../src/core/demo/sampleInbox.js';
import { InboxPage } from './pages/inbox.js';
import { LeadPage } from './pages/lead.js';
import { RulesPage } from './pages/rules.js';
import { clearQueue, expect, must, test } from './support/app.js';

const HANNAH = SAMPLE_INBOX[0]!.text;
const RAJ = SAMPLE_INBOX.find((s) => s.text.includes('Raj Patel'))!.text;

test('paste a lead: it is qualified with its reasons and the evidence is highlighted', async ({ page, app }) => {
  const inbox = new InboxPage(page);
  await inbox.open(app.bridge.openUrl);
  await inbox.paste(HANNAH);
  const lead = new LeadPage(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Hannah Okafor' })).toBeVisible();
  await expect(lead.qualification()).toContainText('Qualified');
  await expect(lead.rules().getByRole('row', { name: /Budget of at least USD 10,000 a year/ })).toContainText(
    /passed/i,
  );
  await expect(lead.rules().getByRole('row')).toHaveCount(7); // header + six rules
  // The budget's quote is marked in the source, and hovering the fact highlights it.
  const budgetMark = lead.source().locator('mark[data-facts~="budget"]');
  await expect(budgetMark.first()).toContainText('45,000');
  await expect(budgetMark.first()).toHaveAttribute('title', /Budget: “.*45,000/);
  await lead.factRow('Budget').hover();
  await expect(budgetMark.first()).toHaveClass(/is-active/);
  await lead.screenshot('11-journey-paste-qualified');
});

test('import a CSV with bad rows: good rows go in, bad rows are listed', async ({ page, app }) => {
  const csv = [
    'Name,Email,Company,Title',
    'Ada Lovelace,ada@analytical.io,Analytical Engines,CTO',
    'Grace Hopper,grace@navy.mil,US Navy,Rear Admiral',
    'Bad Email,not-an-email,Nowhere Inc,Analyst',
    ',,,',
    'Linus Torvalds,linus@kernel.org,Linux Foundation,Fellow',
    ',,,Lonely Title',
  ].join('\n');
  const inbox = new InboxPage(page);
  await inbox.open(app.bridge.openUrl);
  await inbox.openImport();
  await inbox.chooseCsv('leads.csv', csv);
  await expect(inbox.mappingTable().getByRole('combobox', { name: 'Field for column Email' })).toHaveValue('email');
  await expect(inbox.rejectedRows()).toContainText('not-an-email');
  await inbox.screenshot('12-journey-import-preview');
  await inbox.importButton().click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('Imported 3 of');
  await expect(inbox.rejectedRows().getByRole('row')).toHaveCount(4); // header + three bad rows (the empty line included)
  await expect(inbox.rejectedRows()).toContainText('no identity');
  await expect(inbox.row(/Ada Lovelace/)).toBeVisible();
  await expect(inbox.row(/Bad Email/)).toHaveCount(0);
  await inbox.screenshot('13-journey-import-done');
});

test('approve one field, edit one, reject one: only approved and edited values reach the local CRM', async ({
  page,
  app,
}) => {
  const q = await must(app.api.call('leads.qualify', { text: HANNAH }));
  await clearQueue(app);
  const ctx = app.core.context.store;
  crmStore.createRecord(ctx, { lead_id: q.lead.id, fields: { lifecycle_stage: 'lead', budget: null, employees: 400 } });
  proposalsStore.create(ctx, {
    lead_id: q.lead.id,
    kind: 'crm_update',
    payload: {
      changes: [
        {
          field: 'lifecycle_stage',
          old: 'lead',
          new: 'sales_qualified_lead',
          reason: 'Qualified by the rules',
          evidence: [],
        },
        { field: 'budget', old: null, new: 45000, reason: 'Stated budget', evidence: [] },
        { field: 'employees', old: 400, new: 420, reason: 'Stated company size', evidence: [] },
      ],
    },
  });
  await page.goto(`${app.bridge.openUrl}#/approvals`);
  const approvals = page.getByRole('list', { name: 'Approval queue' });
  await expect(approvals.getByRole('article')).toHaveCount(1);
  await approvals.getByRole('button', { name: 'Approve Lifecycle stage' }).click();
  await expect(page.getByRole('group', { name: 'Field Lifecycle stage' })).toContainText('Approved');
  await approvals.getByRole('button', { name: 'Edit Budget' }).click();
  await page.getByRole('textbox', { name: 'New value for Budget' }).fill('40000');
  await page.getByRole('button', { name: 'Save edit' }).click();
  await expect(page.getByRole('group', { name: 'Field Budget' })).toContainText('Edited');
  await page.screenshot({ path: 'test-results/screenshots/14-journey-approvals-partial.png', fullPage: true });
  await approvals.getByRole('button', { name: 'Reject Employees' }).click();
  await expect(page.getByText('Nothing to review')).toBeVisible();

  const rec = await must(app.api.call('crm.record', { lead_id: q.lead.id }));
  expect(rec?.fields).toEqual({ lifecycle_stage: 'sales_qualified_lead', budget: 40000, employees: 400 });

  await page.goto(`${app.bridge.openUrl}#/lead/${q.lead.id}`);
  const lead = new LeadPage(page);
  await expect(lead.timeline()).toContainText('Proposal approved');
  await expect(lead.timeline()).toContainText('Proposal edited');
  await expect(lead.timeline()).toContainText('Proposal rejected');
  await expect(lead.timeline()).toContainText('Writeback');
  await lead.screenshot('15-journey-approvals-trace');
});

test('edit a rule, see the what-if count, publish, and see the leads re-classified', async ({ page, app }) => {
  await must(app.api.call('leads.loadSample', {}));
  const rules = new RulesPage(page);
  await page.goto(`${app.bridge.openUrl}#/rules`);
  const label = 'Budget of at least USD 10,000 a year';
  await rules.ruleValue(label).fill('50000');
  await rules.ruleValue(label).press('Enter');
  await rules.whatIfButton().click();
  await expect(rules.whatIfResult()).toContainText('1 of 7 leads would change class');
  await expect(rules.whatIfResult()).toContainText('Hannah Okafor');
  await rules.screenshot('16-journey-rules-whatif');
  await page.getByLabel('Note for the audit log').fill('Raise the budget floor');
  await rules.publishButton().click();
  await expect(page.getByRole('status').filter({ hasText: 'Published v2' })).toContainText('1 of 7 leads');
  await expect(rules.history().getByRole('row', { name: /v2/ })).toContainText('published');
  await rules.screenshot('17-journey-rules-published');

  await rules.go('Inbox');
  const inbox = new InboxPage(page);
  await expect(inbox.row(/Hannah Okafor/)).toContainText('Nurture');
  const trace = await must(app.api.call('leads.list', { search: 'Hannah' }));
  expect(trace.items[0]?.latest_class).toBe('nurture');
});

test('an escalated lead shows its banner and can be handed off', async ({ page, app }) => {
  const inbox = new InboxPage(page);
  await inbox.open(app.bridge.openUrl);
  await inbox.paste(RAJ);
  const lead = new LeadPage(page);
  await expect(lead.escalation()).toContainText('Cancellation');
  await expect(lead.escalation()).toContainText('Refund');
  await page.getByRole('textbox', { name: 'Hand off to' }).fill('Dana (Customer Success)');
  await lead.handOffButton().click();
  await expect(lead.escalation()).toContainText('Handed off to Dana (Customer Success)');
  await expect(lead.timeline()).toContainText('Handoff');
  await lead.screenshot('18-journey-escalation-handoff');
});

test('a fact correction is logged and re-runs the decision', async ({ page, app }) => {
  const q = await must(app.api.call('leads.qualify', { text: SAMPLE_INBOX[1]!.text }));
  await page.goto(`${app.bridge.openUrl}#/lead/${q.lead.id}`);
  const lead = new LeadPage(page);
  await expect(lead.qualification()).toContainText('Needs info');
  await page.getByRole('button', { name: 'Correct Budget' }).click();
  await page.getByRole('spinbutton', { name: 'Budget amount' }).fill('60000');
  await page.getByRole('button', { name: 'Save correction' }).click();
  await expect(lead.factRow('Budget')).toContainText('corrected');
  await expect(lead.timeline()).toContainText('Fact corrected');
});

test('the bridge refuses a request without its token', async ({ app, request }) => {
  const noToken = await request.post(`${app.bridge.url}/api/leads.list`, { data: {} });
  expect(noToken.status()).toBe(401);
  const wrong = await request.post(`${app.bridge.url}/api/leads.list`, {
    data: {},
    headers: { authorization: 'Bearer nope' },
  });
  expect(wrong.status()).toBe(401);
  const page = await request.get(`${app.bridge.url}/`);
  expect(page.status()).toBe(401);
  const ok = await request.post(`${app.bridge.url}/api/leads.list`, {
    data: {},
    headers: { authorization: `Bearer ${app.bridge.token}` },
  });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).ok).toBe(true);
});
