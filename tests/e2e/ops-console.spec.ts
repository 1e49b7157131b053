// The ops console's Breakers and Limits pages: an admin reaches them from the console
// home, sees the breakers (or the empty state: no model server is configured for the
// browser tests, so no breaker exists yet), the policy numbers and the decisions chart,
// and sets then clears a per-identity override through the confirm dialogs.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { openConsole } from './sign-in';

test.beforeEach(({ page }) => openConsole(page));

test('an admin opens the circuit breakers from the console', async ({ page }) => {
  await page.getByRole('link', { name: 'Breakers', exact: true }).click();
  await expect(page).toHaveURL(/\/ops\/breakers$/);
  await expect(page.getByRole('heading', { name: 'Circuit breakers', level: 1 })).toBeVisible();
  // Each breaker has its timeline chart; with none, the empty state says when they appear.
  await expect(page.getByTestId('breaker-timeline').first().or(page.getByTestId('breakers-empty'))).toBeVisible();
  const cards = await page.getByTestId('breaker').count();
  await expect(page.getByTestId('breaker-timeline')).toHaveCount(cards);
  if (cards > 0) await expect(page.getByTestId('breaker-timeline').first().locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  await expect(page.getByText(/updated \d\d:\d\d:\d\d IST, every 5 s/)).toBeVisible();
});

test('an admin sees the rate-limit policy and decisions, and sets and clears an override', async ({ page }) => {
  await page.getByRole('link', { name: 'Limits', exact: true }).click();
  await expect(page).toHaveURL(/\/ops\/limits$/);
  await expect(page.getByRole('heading', { name: 'Rate limits', level: 1 })).toBeVisible();

  // The defaults (RATE_LIMIT_* are not set for the browser tests).
  await expect(page.getByTestId('policy-per-key')).toHaveText('100 requests in a minute');
  await expect(page.getByTestId('policy-global')).toHaveText('10,000 requests in a minute');
  await expect(page.getByTestId('policy-window')).toHaveText('60 s, sliding');

  const chart = page.getByTestId('decisions-chart');
  await expect(chart).toBeVisible();
  await expect(chart.locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  await expect(chart.locator('.recharts-legend-wrapper')).toContainText('Rejected');

  const identity = `user:${randomUUID()}`;
  await page.getByRole('textbox', { name: 'Identity' }).fill(identity);
  await page.getByRole('spinbutton', { name: 'Limit in a minute' }).fill('25');
  await page.getByRole('button', { name: 'Set limit…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(identity);
  await dialog.getByRole('button', { name: 'Set limit' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${identity} may now make 25 requests in a minute` })).toBeVisible();
  const row = page.getByTestId('limit-overrides').getByRole('row').filter({ hasText: identity });
  await expect(row).toContainText('25');

  await row.getByRole('button', { name: `Clear the override of ${identity}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Clear override' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Override of ${identity} cleared` })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: identity })).toHaveCount(0);
});
