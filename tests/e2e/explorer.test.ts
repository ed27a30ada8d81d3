import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const t1046 = () => `${inject('siteUrl')}techniques/T1046/`;

/** The id of the T1046 row of an Azure capability with a score category. */
async function azureRowId(page: import('playwright-core').Page, capability: string, category: string): Promise<string> {
  const ids = await page
    .locator('#table-azure tbody tr')
    .evaluateAll(
      (rows, [cap, cat]) => rows.filter((tr) => tr.querySelector('th')!.textContent!.trim() === cap && tr.textContent!.includes(cat!)).map((tr) => tr.id),
      [capability, category],
    );
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

describe('deep links to a mapping row', () => {
  it('opens the page at the row and highlights it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(t1046());
    const id = await azureRowId(page, 'azure_sentinel', 'Detect');
    await page.goto(`${t1046()}#${id}`);
    const row = page.locator(`tr[id="${id}"]`);
    await expect(page.evaluate(() => document.querySelector(':target')?.id)).resolves.toBe(id);
    const [highlighted, normal] = await Promise.all([
      row
        .locator('td')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor),
      page
        .locator('#table-azure tbody tr:not(:target) td')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor),
    ]);
    expect(highlighted).not.toBe(normal);
    expect(highlighted).not.toBe('rgba(0, 0, 0, 0)');
    const box = await row.boundingBox();
    expect(box!.y).toBeGreaterThan(-2);
    expect(box!.y).toBeLessThan(720);
    await page.close();
  });

  it('copies the full URL of a row with the copy-link control', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(t1046()).origin });
    const page = await context.newPage();
    await page.goto(t1046());
    const id = await azureRowId(page, 'network_security_groups', 'Protect');
    const rowLink = page.locator(`tr[id="${id}"]`).getByRole('link', { name: 'Link to row network_security_groups (protect)', exact: true });
    await expect(rowLink.innerText()).resolves.toBe('#');
    await rowLink.click();
    await expect(page.locator(`tr[id="${id}"] .toast`).innerText()).resolves.toBe('Link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${t1046()}#${id}`);
    expect(new URL(page.url()).hash).toBe(`#${id}`);
    await page.waitForFunction(() => document.querySelector('body > [role="status"]')?.textContent === 'Link to this row copied');
    await context.close();
  });
});

describe('narrowing a page to one set', () => {
  it('works without JavaScript through one anchor per set', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(t1046());
    await page.getByRole('link', { name: /NIST SP 800-53 rev5 @ 8\.2/ }).click();
    expect(page.url()).toBe(`${t1046()}#set-nist_800_53-rev5_attack-8.2-enterprise`);
    await expect(page.locator('#table-azure').isVisible()).resolves.toBe(false);
    await expect(page.locator('#table-nist_800_53 tbody tr:visible').count()).resolves.toBe(11);
    await page.getByRole('link', { name: 'All 2 sets' }).click();
    await expect(page.locator('#table-azure tbody tr:visible').count()).resolves.toBe(6);
    await context.close();
  });
});

describe('filtering a long table', () => {
  it('narrows rows as you type and says how many match', async () => {
    const page = await browser.newPage();
    await page.goto(`${inject('largeSiteUrl')}frameworks/nist_800_53/capabilities/sc-10/`);
    const table = page.locator('#table-techniques');
    const total = await table.locator('tbody tr').count();
    expect(total).toBeGreaterThan(30);
    const box = page.getByRole('searchbox', { name: 'Filter rows' }).last();
    await box.fill('t1059  rev5');
    const expected = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.filter((r) => /t1059/i.test(r.textContent!) && /rev5/i.test(r.textContent!)).map((r) => r.id));
    expect(expected.length).toBeGreaterThan(0);
    const visibleIds = () => table.locator('tbody tr').evaluateAll((rows) => rows.filter((r) => r.checkVisibility()).map((r) => r.id));
    expect(await visibleIds()).toEqual(expected);
    await expect(page.locator(`tr[id="${expected[0]}"] th`).innerText()).resolves.toMatch(/^T1059/i);
    await expect(page.locator('.table-tools output').last().innerText()).resolves.toBe(`${expected.length} of ${total} rows`);
    await box.fill('');
    expect(await visibleIds()).toHaveLength(total);
    await page.close();
  });
});

describe('a large capability group', () => {
  it("leads with its capabilities and their counts, each count leading to that capability's rows with their notes", async () => {
    const page = await browser.newPage();
    await page.goto(`${inject('largeSiteUrl')}frameworks/nist_800_53/groups/sc/`);
    await expect(page.locator('#table-mappings').count()).resolves.toBe(0);
    await expect(page.locator('main').innerText()).resolves.toMatch(/[\d,]+ mappings over \d+ capabilities: each capability's page lists its mappings/);
    const count = page.getByRole('link', { name: /^[\d,]+ mappings of SC-7$/ });
    const rows = Number((await count.innerText()).replace(/,/g, ''));
    await count.click();
    await page.waitForURL(/\/capabilities\/sc-7\/#mappings$/);
    await expect(page.locator('#table-techniques tbody tr').count()).resolves.toBe(rows);
    await page.close();
  });
});

describe('on a phone', () => {
  it('lays out pages without sideways scrolling; notes read below their row', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(t1046());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const notes = await page.locator('#table-azure td.notes').first().boundingBox();
    expect(notes!.x).toBeGreaterThanOrEqual(0);
    expect(notes!.x + notes!.width).toBeLessThanOrEqual(390);
    expect(notes!.width).toBeGreaterThan(300);
    await page.close();
  });

  it('filters long tables with notes too', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(`${inject('largeSiteUrl')}frameworks/aws/capabilities/amazon-guardduty/`);
    await page.getByRole('searchbox', { name: /Filter rows/ }).fill('t1046');
    const visible = await page.locator('#table-techniques tbody tr').evaluateAll((rows) => rows.filter((r) => r.checkVisibility()).map((r) => r.id));
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((id) => id.includes('-t1046-'))).toBe(true);
    await page.close();
  });
});
