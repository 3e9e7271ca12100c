import { SAMPLE_INBOX } from '../../src/core/demo/sampleInbox.js';
import { InboxPage } from './pages/inbox.js';
import { LeadPage } from './pages/lead.js';
import { expect, must, test } from './support/app.js';

// One screenshot per screen, saved under test-results/screenshots/ for review.
test('every screen renders with its data and is saved as a screenshot', async ({ page, app }) => {
  await must(app.api.call('leads.loadSample', {}));
  const inbox = new InboxPage(page);
  await inbox.open(app.bridge.openUrl);
  await expect(inbox.row(/Hannah Okafor/)).toBeVisible();
  await inbox.screenshot('01-inbox');

  await inbox.row(/Priscila Santos/).click();
  const lead = new LeadPage(page);
  await expect(lead.qualification()).toBeVisible();
  await lead.screenshot('02-lead-detail');

  await lead.go('Approvals');
  await lead.screenshot('03-approvals');
  await lead.go('Rules');
  await expect(page.getByRole('group', { name: /Rule Budget of at least/ })).toBeVisible();
  await lead.screenshot('04-rules');
  await lead.go('Meeting prep');
  const first = await must(app.api.call('leads.list', { search: 'Hannah' }));
  await page.getByRole('combobox', { name: /^Lead/ }).selectOption(first.items[0]!.id);
  await expect(page.getByRole('heading', { name: 'Questions to ask' })).toBeVisible();
  await lead.screenshot('05-meeting-prep');
  await lead.go('Metrics');
  await expect(page.getByRole('list', { name: 'Totals' })).toBeVisible();
  await lead.screenshot('06-metrics');
  await lead.go('Settings');
  await expect(page.getByRole('button', { name: 'Test connection' })).toBeVisible();
  await lead.screenshot('07-settings');
  expect(SAMPLE_INBOX.length).toBeGreaterThan(0);
});

test('dark mode follows the OS', async ({ page, app }) => {
  await must(app.api.call('leads.loadSample', {}));
  await page.emulateMedia({ colorScheme: 'dark' });
  const inbox = new InboxPage(page);
  await inbox.open(app.bridge.openUrl);
  await expect(inbox.row(/Hannah Okafor/)).toBeVisible();
  const bg = await page.evaluate('getComputedStyle(document.body).backgroundColor');
  expect(bg).toBe('rgb(17, 20, 24)');
  await inbox.screenshot('08-inbox-dark');
  await inbox.row(/Raj Patel/).click();
  await expect(new LeadPage(page).escalation()).toBeVisible();
  await inbox.screenshot('09-lead-dark');
});

test('an empty inbox explains what to do', async ({ page, app }) => {
  const inbox = new InboxPage(page);
  await inbox.open(app.bridge.openUrl);
  await expect(page.getByText('No leads yet')).toBeVisible();
  await inbox.screenshot('10-inbox-empty');
});
