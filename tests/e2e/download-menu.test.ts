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

describe('the download menu of a technique page', () => {
  it("makes the page's workbook across its sets, and per set its STIX bundle and YAML document", async () => {
    const { page, close } = await t1046();
    const all = page.locator('section.downloads tr', { hasText: 'All 2 sets' });
    const [workbook] = await Promise.all([page.waitForEvent('download'), all.getByRole('link', { name: 'Excel' }).click()]);
    expect(workbook.suggestedFilename()).toBe('T1046_all-sets.xlsx');
    expect((await readFile((await workbook.path())!)).subarray(0, 2).toString()).toBe('PK');
    const azure = page.locator('section.downloads tr', { hasText: 'Microsoft Azure' });
    const [stix] = await Promise.all([page.waitForEvent('download'), azure.getByRole('link', { name: 'STIX' }).click()]);
    expect(stix.suggestedFilename()).toBe(`${AZURE}_T1046_stix.json`);
    const bundle = JSON.parse(await readFile((await stix.path())!, 'utf8'));
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.filter((o: { type: string }) => o.type === 'relationship')).toHaveLength(6);
    const [yaml] = await Promise.all([page.waitForEvent('download'), azure.getByRole('link', { name: 'YAML' }).click()]);
    expect(yaml.suggestedFilename()).toBe(`${AZURE}_T1046.yaml`);
    expect(parseYaml(await readFile((await yaml.path())!, 'utf8')).mapping_objects).toHaveLength(6);
    await close();
  });

  it('says what each format is for, visibly, and every link is reachable with Tab and works with Enter', async () => {
    const { page, close } = await t1046();
    const lines = page.locator('.download-formats dd');
    await expect(lines.count()).resolves.toBe(6);
    for (const dd of await lines.all()) expect(await dd.isVisible()).toBe(true);
    // Tab from the table's caption onwards until the workbook link has the focus.
    await page.locator('section.downloads h2').click();
    let reached = false;
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Excel');
    }
    expect(reached).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('T1046_all-sets.xlsx');
    await close();
  });

  it('says so on the page, and saves nothing, when a set file fails to load', async () => {
    const { page, close } = await t1046();
    await page.route(`**/downloads/${AZURE}_rows.json`, (route) => route.fulfill({ status: 404, body: 'gone' }));
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.locator('section.downloads tr', { hasText: 'Microsoft Azure' }).getByRole('link', { name: 'STIX' }).click();
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
    await page.locator('section.downloads tr', { hasText: 'Microsoft Azure' }).getByRole('link', { name: 'YAML' }).click();
    await page.waitForFunction(() => /Could not make/.test(document.querySelector('section.downloads [role="status"]')?.textContent ?? ''));
    expect(await status(page).innerText()).toMatch(/the set files hold none of this page's mappings \(technique:T1046\)/);
    await page.waitForTimeout(500);
    expect(downloads).toEqual([]);
    await close();
  });
});
