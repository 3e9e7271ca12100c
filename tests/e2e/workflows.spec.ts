import * as proposalsStore from '../../src/core/store/proposals.js';
import { SAMPLE_INBOX } from '../../src/core/demo/sampleInbox.js';
import { InboxPage } from './pages/inbox.js';
import { RulesPage } from './pages/rules.js';
import { clearQueue, expect, must, test } from './support/app.js';

test('approvals: j/k move, a approves, r rejects, batch approve clears the rest; stale ones are marked', async ({
  page,
  app,
}) => {
  const ids: string[] = [];
  const qualified = [];
  for (const s of SAMPLE_INBOX.slice(0, 4)) qualified.push(await must(app.api.call('leads.qualify', { text: s.text })));
  await clearQueue(app);
  for (const q of qualified) {
    const p = proposalsStore.create(app.core.context.store, {
      lead_id: q.lead.id,
      kind: 'crm_update',
      payload: { changes: [{ field: 'lifecycle_stage', old: null, new: 'lead', reason: 'New lead', evidence: [] }] },
    });
    ids.push(p.id);
  }
  proposalsStore.transition(app.core.context.store, ids[3]!, { to: 'stale', reason: 'CRM changed' });
  await page.goto(`${app.bridge.openUrl}#/approvals`);
  const queue = page.getByRole('list', { name: 'Approval queue' });
  await expect(queue.getByRole('article')).toHaveCount(4);
  await expect(queue.getByText('Stale: the CRM changed, review again')).toHaveCount(1);
  await page.keyboard.press('j');
  await expect(queue.getByRole('article').nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('a');
  await expect(queue.getByRole('article')).toHaveCount(3);
  await page.keyboard.press('k');
  await page.keyboard.press('r');
  await expect(queue.getByRole('article')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/screenshots/19-approvals-queue.png', fullPage: true });
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByRole('button', { name: /Approve selected \(2\)/ }).click();
  await expect(page.getByText('Nothing to review')).toBeVisible();
  const all = await must(app.api.call('proposals.list', { status: 'all' }));
  expect(
    all
      .filter((p) => ids.includes(p.id))
      .map((p) => p.status)
      .sort(),
  ).toEqual(['applied', 'applied', 'applied', 'rejected']);
});

test('rules: a bad value is flagged next to its field and blocks publishing', async ({ page, app }) => {
  await page.goto(`${app.bridge.openUrl}#/rules`);
  const rules = new RulesPage(page);
  const weight = page.getByRole('spinbutton', { name: 'Weight of Budget of at least USD 10,000 a year' });
  await weight.fill('250');
  await expect(weight).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('group', { name: /Rule Budget of at least/ }).getByRole('alert')).toContainText('100');
  await expect(rules.publishButton()).toBeDisabled();
  await rules.screenshot('21-rules-validation');
  await page.getByRole('tab', { name: 'JSON' }).click();
  await page.getByLabel('Ruleset JSON').fill('{ "name": ');
  await expect(page.getByRole('alert').filter({ hasText: 'Not valid JSON' })).toBeVisible();
});

test('bulk qualify shows progress and finishes', async ({ page, app }) => {
  await must(app.api.call('leads.loadSample', {}));
  const inbox = new InboxPage(page);
  await inbox.open(app.bridge.openUrl);
  await page.getByRole('button', { name: /Qualify all 7 shown/ }).click();
  await expect(page.getByRole('progressbar', { name: 'Bulk qualify progress' })).toBeVisible();
  await expect(page.getByText(/7 \/ 7 · done/)).toBeVisible();
  await inbox.screenshot('22-inbox-bulk-done');
});

test('meeting prep: the brief exports to Markdown and goes to the CRM only as a proposal', async ({ page, app }) => {
  const q = await must(
    app.api.call('leads.qualify', { text: SAMPLE_INBOX[0]!.text, received_at: SAMPLE_INBOX[0]!.receivedAt }),
  );
  await clearQueue(app);
  await page.goto(`${app.bridge.openUrl}#/prep/${q.lead.id}`);
  const actions = page.getByRole('group', { name: 'Brief actions' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    actions.getByRole('button', { name: 'Export Markdown' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^brief-.*\.md$/);
  await actions.getByRole('button', { name: 'Add to CRM' }).click();
  await expect(actions.getByText('Proposed as a meeting note')).toBeVisible();
  const open = await must(app.api.call('proposals.list', { status: 'open' }));
  expect(open.map((p) => p.kind)).toEqual(['meeting_brief']);
  await page.screenshot({ path: 'test-results/screenshots/23-meeting-prep-actions.png', fullPage: true });
});
