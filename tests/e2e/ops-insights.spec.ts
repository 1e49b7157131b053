// The console's Queries, Indexes and Migrations pages: an admin's search of one day's
// FIRs across all stations is captured by the server, the advisor suggests an index for it,
// the admin applies it (an online migration through the runner), sees it applied in the
// migration history, and rolls it back.
import { expect, test } from '@playwright/test';
import { openConsole } from './sign-in';
import { topology } from '../../server/env';
import { seedDemo } from '../../server/fir/seed';
import { analyze } from './db';

// Enough FIRs that a search by date across all stations costs well over the advisor's
// floor (100) with no index on reported_at (about 1,200 against about 35 with one).
// (A FIR-number search is not the workload: with a handful of stations the planner
// serves it from the unique (station, year, seq) index, one probe per station.)
const FIRS = 8000;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await seedDemo({ primaryUrl: topology.primaryUrl, firs: FIRS });
  await analyze(); // estimates from the data just added
});

test.beforeEach(({ page }) => openConsole(page));

test('an admin sees the captured statements, applies a suggested index, finds it in the history and rolls it back', async ({ page }) => {
  test.setTimeout(180_000);
  // The workload: one day's FIRs across every station (the admin's list).
  await page.goto('/?from=2025-03-01&to=2025-03-01');
  await expect(page.getByRole('heading', { name: 'FIRs — all stations' })).toBeVisible({ timeout: 30_000 });

  await page.goto('/ops');
  await page.getByRole('link', { name: 'Queries', exact: true }).click();
  await expect(page).toHaveURL(/\/ops\/queries$/);
  const top = page.getByTestId('top-statements');
  await expect(top).toBeVisible();
  await expect(top).toContainText('reported_at');
  await expect(page.getByTestId('top-chart').locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();

  await page.goto('/ops');
  await page.getByRole('link', { name: 'Indexes', exact: true }).click();
  await expect(page).toHaveURL(/\/ops\/indexes$/);
  await page.getByRole('button', { name: 'Analyse captured statements' }).click();
  const suggestion = page.locator('[data-testid="suggestion"][data-index^="advisor_fir_"]').filter({ hasText: 'reported_at' }).first();
  await expect(suggestion).toBeVisible({ timeout: 60_000 });
  const indexName = await suggestion.getAttribute('data-index');
  expect(indexName).toMatch(/^advisor_fir_reported_at/);

  await suggestion.getByRole('button', { name: `Apply ${indexName}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('CREATE INDEX CONCURRENTLY');
  await dialog.getByRole('textbox', { name: 'Reason (for the audit log)' }).fill('searching by date scans every FIR');
  await dialog.getByRole('button', { name: 'Build the index' }).click();
  const applied = page.getByTestId('applied');
  await expect(applied).toBeVisible({ timeout: 60_000 });
  await expect(applied).toContainText(indexName!);
  const migration = (await applied.locator('code').first().textContent())!;
  expect(migration).toMatch(/^online_\d{14}_advisor_fir_/);

  await applied.getByRole('link', { name: 'see the history' }).click();
  await expect(page).toHaveURL(/\/ops\/migrations$/);
  const row = page.locator(`tr[data-migration="${migration}"]`);
  await expect(row).toHaveAttribute('data-state', 'applied');
  await expect(row).toContainText('online · index-advisor');

  await row.getByRole('button', { name: `SQL of ${migration}` }).click();
  await expect(page.getByTestId('dry-up')).toContainText(`CREATE INDEX CONCURRENTLY "${indexName}"`);
  await expect(page.getByTestId('dry-down')).toContainText(`DROP INDEX CONCURRENTLY IF EXISTS public."${indexName}"`);

  await row.getByRole('button', { name: `Roll back ${migration}` }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByRole('textbox', { name: 'Reason (for the audit log)' }).fill('browser test: undo');
  await confirm.getByRole('button', { name: 'Roll back' }).click();
  await expect(page.getByTestId('migration-done')).toContainText(`Rolled back ${migration}`);
  await expect(page.locator(`tr[data-migration="${migration}"]`)).toHaveCount(0);
  await expect(page.locator('tr[data-migration="0004_query_insights"]')).toHaveAttribute('data-state', 'applied');
});
