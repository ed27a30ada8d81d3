import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

// The download menu of a page (issue 22): every format, made on click with the build's writers,
// reachable from the keyboard; bad input gives a message on the page, never a file.

const AZURE = 'azure-06.29.2021_attack-8.2-enterprise';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function t1046(): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${inject('siteUrl')}techniques/T1046/`);
  return { page, close: () => context.close() };
}

const status = (page: Page) => page.locator('section.downloads [role="status"]');
const menu = (page: Page) => page.locator('section.downloads');
const scope = (page: Page) => menu(page).getByLabel('Mappings of');
const format = (page: Page, name: string) => menu(page).getByRole('button', { name, exact: true });

describe('the download menu of a technique page', () => {
  it("makes the page's workbook across its sets, and for a set picked its STIX bundle and YAML document", async () => {
    const { page, close } = await t1046();
    await expect(scope(page).inputValue()).resolves.toBe('');
    const [workbook] = await Promise.all([page.waitForEvent('download'), format(page, 'Excel workbook').click()]);
    expect(workbook.suggestedFilename()).toBe('T1046_all-sets.xlsx');
    expect((await readFile((await workbook.path())!)).subarray(0, 2).toString()).toBe('PK');
    await scope(page).selectOption({ label: 'Microsoft Azure 06/29/2021 @ 8.2 (6 mappings)' });
    const stixLine = menu(page)
      .locator('.format-lines li')
      .filter({ has: page.getByRole('button', { name: 'STIX 2.1 bundle' }) });
    await expect(stixLine.locator('span').innerText()).resolves.toBe('6 mappings');
    const [stix] = await Promise.all([page.waitForEvent('download'), format(page, 'STIX 2.1 bundle').click()]);
    expect(stix.suggestedFilename()).toBe(`${AZURE}_T1046_stix.json`);
    const bundle = JSON.parse(await readFile((await stix.path())!, 'utf8'));
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.filter((o: { type: string }) => o.type === 'relationship')).toHaveLength(6);
    const [yaml] = await Promise.all([page.waitForEvent('download'), format(page, 'YAML').click()]);
    expect(yaml.suggestedFilename()).toBe(`${AZURE}_T1046.yaml`);
    expect(parseYaml(await readFile((await yaml.path())!, 'utf8')).mapping_objects).toHaveLength(6);
    await close();
  });

  it('says for each format what it is for and how many mappings its file holds, as the scope changes', async () => {
    const { page, close } = await t1046();
    const lines = menu(page).locator('.format-lines li');
    await expect(lines.count()).resolves.toBe(6);
    for (const line of await lines.all()) expect(await line.locator('small').isVisible()).toBe(true);
    const counts = () => lines.locator('span').allInnerTexts();
    await expect(counts()).resolves.toEqual(['17 mappings', '17 mappings', 'one set per file', 'one set per file', 'one set per file', 'one set per file']);
    await scope(page).selectOption({ label: 'NIST SP 800-53 rev5 @ 8.2 (11 mappings)' });
    await expect(counts()).resolves.toEqual(Array(6).fill('11 mappings'));
    await expect(format(page, 'JSON').getAttribute('aria-disabled')).resolves.toBeNull();
    await close();
  });

  it('is reachable with Tab: the select, then every format button, which works with Enter', async () => {
    const { page, close } = await t1046();
    await menu(page).locator('h2').click();
    const reached: string[] = [];
    for (let i = 0; i < 200 && reached.length < 7; i++) {
      await page.keyboard.press('Tab');
      const now = await page.evaluate(() => {
        const e = document.activeElement;
        return e?.closest('section.downloads') ? (e.tagName === 'SELECT' ? 'select' : (e.textContent?.trim() ?? '')) : null;
      });
      if (now && !reached.includes(now)) reached.push(now);
    }
    expect(reached).toEqual(['select', 'CSV', 'Excel workbook', 'JSON', 'YAML', 'Navigator layer', 'STIX 2.1 bundle']);
    // Choose a set with the keyboard, then make its layer with Enter.
    await scope(page).focus();
    await page.keyboard.press('ArrowDown');
    await expect(scope(page).inputValue()).resolves.toBe(AZURE);
    await format(page, 'Navigator layer').focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe(`${AZURE}_T1046_layer.json`);
    await close();
  });

  it('says a format of one set a file needs a set, and saves nothing, while all sets are chosen', async () => {
    const { page, close } = await t1046();
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    // Still focusable and clickable (aria-disabled, which Playwright's click declines: the keyboard does it).
    await format(page, 'JSON').focus();
    await page.keyboard.press('Enter');
    await expect(status(page).innerText()).resolves.toBe('A JSON file holds one set: choose a set under “Mappings of”.');
    await page.waitForTimeout(300);
    expect(downloads).toEqual([]);
    await close();
  });

  it('says so on the page, and saves nothing, when a set file fails to load', async () => {
    const { page, close } = await t1046();
    await page.route(`**/downloads/${AZURE}_rows.json`, (route) => route.fulfill({ status: 404, body: 'gone' }));
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await scope(page).selectOption(AZURE);
    await format(page, 'STIX 2.1 bundle').click();
    await page.waitForFunction(() => /Could not make/.test(document.querySelector('section.downloads [role="status"]')?.textContent ?? ''));
    const message = await status(page).innerText();
    expect(message).toMatch(
      new RegExp(`^Could not make ${AZURE}_T1046_stix\\.json: the files of set ${AZURE} did not load \\(.*HTTP 404\\)\\. No file was saved`),
    );
    expect(await status(page).isVisible()).toBe(true);
    expect(await status(page).evaluate((e) => getComputedStyle(e).fontWeight)).toBe('600');
    await page.waitForTimeout(500);
    expect(downloads).toEqual([]);
    await close();
  });

  it("says so on the page, and saves no empty file, when the set files hold none of the page's mappings", async () => {
    const { page, close } = await t1046();
    // A rows file of another build: the same objects, but none on this page.
    await page.route(`**/downloads/${AZURE}_rows.json`, async (route) => {
      const rows = await (await route.fetch()).json();
      rows.scopes = rows.scopes.map((s: string) => (s === 'technique:T1046' ? 'technique:T0000' : s));
      await route.fulfill({ json: rows });
    });
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await scope(page).selectOption(AZURE);
    await format(page, 'YAML').click();
    await page.waitForFunction(() => /Could not make/.test(document.querySelector('section.downloads [role="status"]')?.textContent ?? ''));
    expect(await status(page).innerText()).toMatch(/the set files hold none of this page's mappings \(technique:T1046\)/);
    await page.waitForTimeout(500);
    expect(downloads).toEqual([]);
    await close();
  });

  it('fits a phone: no horizontal overflow in the downloads section at 390 px', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${inject('largeSiteUrl')}techniques/T1046/`);
    const section = menu(page);
    await expect(section.locator('.download-menu').isVisible()).resolves.toBe(true);
    const widths = await section.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth, page: document.documentElement.scrollWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(widths.page).toBeLessThanOrEqual(390);
    const select = await scope(page).boundingBox();
    expect(select!.x + select!.width).toBeLessThanOrEqual(390);
    await context.close();
  });
});
