// An officer's day: a complaint → the drafter's findings and section suggestions →
// the full form → save → register (a number) → find it again from the list → its
// timeline. Each run makes its own FIR, marked with a unique word, so it finds its
// own row among whatever else is in the database.
import { expect, test } from '@playwright/test';
import { signInTo } from './sign-in';

/** A word that occurs nowhere else: letters then base-36 digits, one token for full-text search. */
const uniqueWord = () => `zq${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

test('an officer files a FIR from a complaint, registers it and finds it again', async ({ page }) => {
  const word = uniqueWord();
  // Markup and SQL in a complaint are text, nothing more.
  const narrative =
    `Yesterday at about 9 pm near the bus stand on MG Road two men on a motorcycle snatched my mobile phone ` +
    `worth Rs 18,000 and threatened to kill me if I shouted. Reference ${word}. <img src=x onerror=alert(1)> '); DROP TABLE fir; --`;

  await signInTo(page, 'officer@afirgen.test');
  await expect(page.getByTestId('whoami')).toContainText('Ravi Prakash');
  await expect(page.getByTestId('whoami')).toContainText('Koramangala');

  await page.goto('/firs/new');
  await page.getByLabel('Complainant name').fill(`Meera Iyer ${word}`);
  await page.getByLabel('Complaint narrative').fill(narrative);
  await page.getByRole('button', { name: 'Draft from complaint' }).click();

  // Step 2: findings and suggestions.
  const suggestions = page.getByTestId('suggested-sections');
  await expect(suggestions.getByRole('listitem').first()).toBeVisible();
  await expect(page.getByTestId('highlighted-narrative').locator('mark').first()).toBeVisible();
  await suggestions.getByRole('button', { name: /^Add / }).first().click();
  await expect(suggestions.getByText('Added ✓').first()).toBeVisible();

  // Any other section, from the knowledge base search.
  await page.getByLabel('Find a BNS section to add').fill('criminal intimidation');
  const results = page.getByTestId('section-search-results');
  await results.getByRole('button', { name: /^Add BNS/ }).first().click();
  await expect(results.getByRole('button', { name: /added$/ }).first()).toBeVisible();
  const chosen = page.getByRole('group', { name: 'Sections on this FIR' });
  await expect(chosen.getByRole('button', { name: /^Remove section/ })).toHaveCount(2);

  // Step 3: the full form, prefilled; save, then register.
  await page.getByRole('button', { name: 'Continue to the full form →' }).click();
  await expect(page.getByLabel('Complaint narrative *')).toHaveValue(narrative);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Draft saved ✓')).toBeVisible();
  await page.getByRole('button', { name: 'Register FIR' }).click();
  const numberEl = page.getByTestId('fir-number');
  await expect(numberEl).toHaveText(/^\d{4}\/\d{4}$/);
  const number = (await numberEl.textContent())!;

  // Find it from the list by text search (the filter goes into the URL).
  await page.goto('/');
  await page.getByLabel('Search', { exact: true }).fill(word);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`));
  const rows = page.getByTestId('fir-list').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(number);
  await expect(rows.first()).toContainText('Registered');

  // The URL is shareable: a reload shows the same result.
  await page.reload();
  await expect(page.getByTestId('fir-list').locator('tbody tr')).toHaveCount(1);

  await rows.first().getByRole('link', { name: number }).click();
  await expect(page).toHaveURL(/\/firs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`FIR No. ${number}`);
  await expect(page.getByTestId('narrative')).toHaveText(narrative);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('Created as a draft');
  await expect(timeline).toContainText(`Registered as FIR No. ${number}`);
  await expect(timeline).toContainText('Ravi Prakash');

  // The next legal status only, confirmed, with a note that lands in the timeline.
  await expect(page.getByRole('button', { name: 'Close FIR' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Start investigation' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Note (optional)').fill(`Taken up ${word}`);
  await dialog.getByRole('button', { name: 'Start investigation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Status changed to Under investigation' })).toBeVisible();
  await expect(timeline).toContainText('Registered → Under investigation');
  await expect(timeline).toContainText(`Taken up ${word}`);
  await expect(page.getByRole('button', { name: 'Close FIR' })).toBeVisible();
});

test('the form shows the server’s refusal next to the field, and registering needs a section', async ({ page }) => {
  const word = uniqueWord();
  await signInTo(page, 'officer2@afirgen.test');
  await page.goto('/firs/new');
  await page.getByLabel('Complainant name').fill(`Farah Khan ${word}`);
  await page.getByLabel('Complaint narrative').fill(`Someone keeps calling me at night and abusing me. Reference ${word}.`);
  await page.getByRole('button', { name: 'Skip: fill in the form myself' }).click();

  await page.getByLabel('Phone').fill('not a phone');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('a phone number')).toBeVisible();
  await expect(page.getByLabel('Phone')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Phone').fill('+91 98200 12345');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Draft saved ✓')).toBeVisible();
  await page.getByRole('button', { name: 'Register FIR' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Add at least one section' }).first()).toBeVisible();

  // Add one, save the change (an update of the same draft), then registering works.
  await page.getByLabel('Find a BNS section to add').fill('351(2)');
  await page.getByTestId('section-search-results').getByRole('button', { name: 'Add BNS 351(2)' }).click();
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Register FIR' })).toBeDisabled();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Draft saved ✓')).toBeVisible();
  await page.getByRole('button', { name: 'Register FIR' }).click();
  await expect(page.getByTestId('fir-number')).toHaveText(/^\d{4}\/\d{4}$/);
  await page.getByRole('link', { name: /^Open FIR/ }).click();
  await expect(page.getByTestId('timeline')).toContainText('Draft edited');
  await expect(page.getByTestId('timeline')).toContainText('Sections:');
});
