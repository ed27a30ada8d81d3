import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => browser?.close());

describe('home page', () => {
  it('lists the loaded sets with their counts', async () => {
    await page.goto(inject('siteUrl'));
    const text = await page.locator('body').innerText();
    expect(text).toContain('nist_800_53-rev5_attack-8.2-enterprise: 11 mappings');
    expect(text).toContain('azure-06.29.2021_attack-8.2-enterprise: 6 mappings');
  });
});
