import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const setPage = () => `${inject('siteUrl')}sets/nist_800_53-rev5_attack-8.2-enterprise/`;

describe('the ATT&CK matrix in a browser', () => {
  it('names each cell with its technique and its coverage, for screen readers', async () => {
    const page = await browser.newPage();
    await page.goto(setPage());
    const matrix = page.getByRole('region', { name: 'ATT&CK matrix: NIST SP 800-53 rev5' });
    await expect(matrix.isVisible()).resolves.toBe(true);
    const t1046 = matrix.getByRole('link', { name: 'T1046 Network Service Scanning 11 capabilities', exact: true });
    await expect(t1046.count()).resolves.toBe(1);
    // On screen the cell shows the number only; the word is for screen readers.
    await expect(t1046.locator('.cov').innerText()).resolves.toMatch(/^11\s/);
    const word = await t1046.locator('.cov .sr').boundingBox();
    expect(word!.width).toBeLessThanOrEqual(1);
    await expect(matrix.getByRole('link', { name: 'T1595 Active Scanning (not mapped)' }).count()).resolves.toBe(1);
    await expect(matrix.getByRole('heading', { name: 'Discovery 1 of 36 covered' }).count()).resolves.toBe(1);
    const list = matrix.getByRole('list', { name: /^Discovery/ });
    await expect(list.getByRole('listitem').count()).resolves.toBeGreaterThan(10);
    await page.close();
  });

  it('works with the keyboard: the region scrolls, sub-techniques open, a cell opens its technique', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    await page.goto(setPage());
    const region = page.locator('.matrix-scroll');
    await region.focus();
    const before = await region.evaluate((el) => el.scrollLeft);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before);
    // Tab from the region reaches the first cell, then the first sub-technique disclosure.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.startsWith('T1595'))).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('SUMMARY');
    await page.keyboard.press('Enter');
    const details = page.locator('.matrix details').first();
    await expect(details.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.startsWith('T1595.001'))).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/techniques\/T1595\.001\/$/);
    await page.close();
  });

  it('works without JavaScript, and stacks its tactics on a phone', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(setPage());
    const summary = page.locator('.matrix details summary').first();
    await summary.click();
    await expect(
      page
        .locator('.matrix details')
        .first()
        .evaluate((d) => (d as HTMLDetailsElement).open),
    ).resolves.toBe(true);
    // One tactic under the other, nothing wider than the screen.
    const boxes = await page.locator('.mx-col').evaluateAll((cols) => cols.slice(0, 2).map((c) => c.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes[1]!.top).toBeGreaterThan(boxes[0]!.bottom - 1);
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await context.close();
  });
});
