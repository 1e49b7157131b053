import { expect, test } from '@playwright/test';

test('an officer creates a draft FIR and sees it listed', async ({ page }) => {
  // A unique name, so the test finds its own row among whatever else is there.
  const name = `E2E Complainant ${Date.now().toString(36)}`;
  const narrative = 'My bicycle was stolen from outside the post office between 2 pm and 3 pm today.';

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'New FIR' })).toBeVisible();

  await page.getByLabel('Complainant name').fill(name);
  await page.getByLabel('Complaint narrative').fill(narrative);
  await page.getByRole('button', { name: 'Save draft FIR' }).click();

  await expect(page.getByRole('status')).toHaveText('Saved.');
  const row = page.getByTestId('fir-list').getByRole('row', { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expect(row).toContainText('draft');

  // And it is really stored: a fresh page load (server-rendered) still shows it.
  await page.reload();
  await expect(page.getByTestId('fir-list').getByRole('row', { name: new RegExp(name) })).toBeVisible();
});

test('the form refuses a narrative that is too short, and nothing is saved', async ({ page }) => {
  const name = `E2E Short ${Date.now().toString(36)}`;
  await page.goto('/');
  await page.getByLabel('Complainant name').fill(name);
  // Bypass the browser's own minLength check to exercise the server's validation.
  await page.getByLabel('Complaint narrative').evaluate((el) => el.removeAttribute('minlength'));
  await page.getByLabel('Complaint narrative').fill('too short');
  await page.getByRole('button', { name: 'Save draft FIR' }).click();
  await expect(page.locator('.error').first()).toBeVisible();
  await page.reload();
  await expect(page.getByText(name)).toHaveCount(0);
});
