// The console's Queries, Indexes and Migrations pages: an admin's FIR-number search
// across all stations is captured by the server, the advisor suggests an index for it,
// the admin applies it (an online migration through the runner), sees it applied in the
// migration history, and rolls it back.
import { expect, test, type Page } from '@playwright/test';
import { topology } from '../../server/env';
import { seedDemo } from '../../server/fir/seed';

// Enough FIRs that a search by FIR number across all stations costs more than the
// advisor's floor (100) without an index led by the number's columns.
const FIRS = 8000;

async function signIn(page: Page, email: string, password = 'Demo@2026'): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await seedDemo({ primaryUrl: topology.primaryUrl, firs: FIRS });
});

test.beforeEach(async ({ page }) => {
  await page.goto('/login?next=/ops');
  await signIn(page, 'admin@afirgen.test');
  // Not toHaveURL(/\/ops$/): the login page's own URL (…?next=/ops) matches that too.
  await expect(page.getByRole('heading', { name: 'Ops console', level: 1 })).toBeVisible({ timeout: 30_000 });
});

test('an admin sees the captured statements, applies a suggested index, finds it in the history and rolls it back', async ({ page }) => {
  test.setTimeout(180_000);
  // The workload: a search by FIR number across every station (the admin's list).
  await page.goto('/?q=12%2F2025');
  await expect(page.getByRole('heading', { name: 'FIRs — all stations' })).toBeVisible({ timeout: 30_000 });

  await page.goto('/ops');
  await page.getByRole('link', { name: 'Queries' }).click();
  await expect(page).toHaveURL(/\/ops\/queries$/);
  const top = page.getByTestId('top-statements');
  await expect(top).toBeVisible();
  await expect(top).toContainText('fir_seq');
  await expect(page.getByTestId('top-chart').locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();

  await page.goto('/ops');
  await page.getByRole('link', { name: 'Indexes' }).click();
  await expect(page).toHaveURL(/\/ops\/indexes$/);
  await page.getByRole('button', { name: 'Analyse captured statements' }).click();
  const suggestion = page.locator('[data-testid="suggestion"][data-index^="advisor_fir_"]').filter({ hasText: 'fir_seq' }).first();
  await expect(suggestion).toBeVisible({ timeout: 60_000 });
  const indexName = await suggestion.getAttribute('data-index');
  // Which columns win depends on the seeded data's statistics; any advisor index on fir will do.
  expect(indexName).toMatch(/^advisor_fir_/);

  await suggestion.getByRole('button', { name: `Apply ${indexName}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('CREATE INDEX CONCURRENTLY');
  await dialog.getByRole('textbox', { name: 'Reason (for the audit log)' }).fill('FIR number search scans every station');
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
