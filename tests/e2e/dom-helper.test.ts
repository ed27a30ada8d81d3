/**
 * Markup in the data is shown as the text it is: the coverage builder of the hostile site
 * (tests/fixtures/hostile/), whose capabilities are named `<script>…</script>` and
 * `"><svg onload=…>` and map a technique named `<img src=x onerror=…>`, shows those names
 * letter for letter in its options, its selection and its result table, as text nodes, and
 * nothing of them becomes an element or runs (src/client/elements/dom.ts builds every node).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const SCRIPT_ID = '<script>alert(8)</script>';
const SCRIPT_NAME = "<script>alert('xss-script')</script>";
const SVG_NAME = `"><svg onload=alert('xss-svg')>`;
const IMG_TECHNIQUE = `<img src=x onerror="alert('xss-img')">`;

const startingWith = (text: string) => expect.stringMatching(new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

/** What the page ran that it should not have: dialogs, errors. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** Whether every given element holds only text: one text node, no element. */
const onlyText = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((elements) => elements.map((el) => el.childNodes.length === 1 && el.firstChild!.nodeType === Node.TEXT_NODE));

describe('markup in the data, in the coverage builder', () => {
  it('shows capability and technique names written as markup as visible text, never as elements', async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    await page.goto(`${inject('hostileSiteUrl')}coverage/`);
    await page.waitForSelector('coverage-builder[data-render-ms]');
    const find = page.getByRole('combobox', { name: 'Find a capability by id or name' });

    // The option says the id and name as typed in the file.
    await find.fill('<script>alert(8');
    const option = page.locator('#coverage-find-options [role="option"]').first();
    await expect(option.innerText()).resolves.toBe(`${SCRIPT_ID} ${SCRIPT_NAME} hostile`);
    await expect(option.isVisible()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await find.fill('passwd');
    await expect(option.innerText()).resolves.toBe(`../../etc/passwd ${SVG_NAME} hostile`);
    await page.keyboard.press('Enter');

    // The selection lists both by id and name, and their remove buttons say their ids.
    const entries = page.locator('.coverage-chosen > li');
    await expect.poll(() => entries.count()).toBe(2);
    const texts = await entries.evaluateAll((items) => items.map((li) => (li as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    expect(texts).toHaveLength(2);
    expect(texts).toEqual(expect.arrayContaining([startingWith(`../../etc/passwd ${SVG_NAME} (`), startingWith(`${SCRIPT_ID} ${SCRIPT_NAME} (`)]));
    await expect(page.getByRole('button', { name: `Remove ${SCRIPT_ID}`, exact: true }).isVisible()).resolves.toBe(true);

    // The result table: the technique named <img …> and the capability whose id is <script>…, as written.
    await page.locator('details[data-table="covered"] > summary').click();
    const rows = page.locator('details[data-table="covered"] tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((cell) => cell.innerText)));
    expect(cells).toContainEqual(['T1999', IMG_TECHNIQUE, '1', '../../etc/passwd', '—']);
    expect(cells).toContainEqual(['T1999.001', SCRIPT_NAME, '1', SCRIPT_ID, '—']);
    await expect(page.getByRole('link', { name: SCRIPT_ID, exact: true }).first().isVisible()).resolves.toBe(true);

    // Each of those names is one text node; nothing it spells exists as an element, nothing ran.
    expect(await onlyText(page, '.coverage-chosen strong, details[data-table="covered"] td:nth-child(2), details[data-table="covered"] td a')).not.toContain(
      false,
    );
    expect(
      await page.evaluate(
        () => document.querySelectorAll('coverage-builder img, coverage-builder svg, coverage-builder script, coverage-builder iframe').length,
      ),
    ).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
