import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('home page', () => {
  it('shows the frameworks with their sets and leads to a technique', async () => {
    const page = await browser.newPage();
    await page.goto(inject('siteUrl'));
    await expect(page.locator('.card h3').allInnerTexts()).resolves.toEqual(['Microsoft Azure', 'NIST SP 800-53']);
    await page.getByRole('link', { name: 'T1046 Network Service Discovery' }).click();
    await page.waitForURL(/\/techniques\/T1046\/$/);
    await expect(page.locator('h1').innerText()).resolves.toBe('T1046 Network Service Discovery');
    await page.close();
  });

  it('works without JavaScript: pages and links are plain HTML', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${inject('siteUrl')}techniques/T1046/`);
    await expect(page.locator('#table-azure tbody tr').count()).resolves.toBe(6);
    await expect(page.locator('#table-nist_800_53 tbody tr').count()).resolves.toBe(11);
    await page.locator('#table-nist_800_53 a', { hasText: 'AC-4' }).click();
    await page.waitForURL(/capabilities\/ac-4\/$/);
    await expect(page.locator('h1').innerText()).resolves.toBe('AC-4 Information Flow Enforcement');
    await context.close();
  });
});
