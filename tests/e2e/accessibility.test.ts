import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** axe-core's violations on the page, as "rule: selector" lines. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const PAGES = [
  ['home', ''],
  ['technique', 'techniques/T1046/'],
  ['capability', 'frameworks/nist_800_53/capabilities/ac-4/'],
  ['set', 'sets/azure-06.29.2021_attack-8.2-enterprise/'],
  ['tactic', 'tactics/TA0007/'],
  ['tactic index', 'tactics/'],
  ['search', 'search/?q=sentinel'],
  ['compare index', 'compare/'],
  ['ATT&CK group', 'groups/G0016/'],
  ['ATT&CK groups', 'groups/'],
  ['ATT&CK campaign', 'campaigns/C0024/'],
  ['ATT&CK software', 'software/S0154/'],
  ['ATT&CK software list', 'software/'],
  ['ATT&CK mitigation', 'mitigations/M1030/'],
  ['ATT&CK mitigations', 'mitigations/'],
  ['technique used by many', 'techniques/T1003.001/'],
  ['guide', 'guide/'],
  ['framework', 'frameworks/nist_800_53/'],
  ['all-frameworks matrix', 'matrix/'],
] as const;

describe.each(['light', 'dark'] as const)('axe-core in %s mode', (colorScheme) => {
  it.each(PAGES)('finds no violations on the %s page', async (_name, path) => {
    // axe is injected as a script, which the site's own Content-Security-Policy would refuse.
    const context = await browser.newContext({ colorScheme, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${inject('siteUrl')}${path}`);
    if (path.startsWith('search')) await page.waitForFunction(() => /result/.test(document.querySelector('.search-status')?.textContent ?? ''));
    // The lists of who uses a technique, open (axe skips what a closed disclosure hides).
    for (const summary of await page.locator('[id^="used-by-"] details > summary').all()) await summary.click();
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('finds no violations on the data-quality page of the full-size corpus (its warnings listed)', async () => {
    const context = await browser.newContext({ colorScheme, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${inject('largeSiteUrl')}data-quality/`);
    expect(await page.locator('ul.places li').count()).toBeGreaterThan(100);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('finds no violations on a comparison of consecutive sets (the full-size corpus: the default data has none)', async () => {
    const context = await browser.newContext({ colorScheme, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${inject('largeSiteUrl')}compare/nist_800_53-rev5_attack-14.1-enterprise/nist_800_53-rev5_attack-16.1-enterprise/`);
    expect(await page.locator('#added tbody tr').count()).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('finds no violations on /compare/ with a comparison made in the browser', async () => {
    const context = await browser.newContext({ colorScheme, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${inject('largeSiteUrl')}compare/?a=nist_800_53-rev5_attack-8.2-enterprise&b=nist_800_53-rev5_attack-16.1-enterprise`);
    await page.locator('#framework-nist_800_53 .compare-result h3').waitFor();
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('finds no violations on the coverage builder with a selection, its lists and tables open', async () => {
    const context = await browser.newContext({ colorScheme, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${inject('largeSiteUrl')}coverage/?b=nist_800_53-rev5-moderate&c=azure:azure_sentinel&c=aws:amazon_guardduty`);
    await page.waitForSelector('coverage-builder[data-render-ms]');
    expect(await page.locator('.coverage-chosen li').count()).toBeGreaterThan(10);
    await page.locator('.coverage-browse summary').click();
    for (const summary of await page.locator('.coverage-domain details[data-table] > summary').all()) await summary.click();
    await expect.poll(() => page.locator('.coverage-domain tbody tr').count()).toBeGreaterThan(100);
    await page.locator('#coverage-find').fill('firewall');
    await page.locator('#coverage-find-options [role="option"]').first().waitFor();
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('finds no violations with the search results open', async () => {
    const context = await browser.newContext({ colorScheme, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${inject('siteUrl')}techniques/T1046/`);
    await page.locator('#site-search-input').click();
    await page.keyboard.type('network');
    await page.locator('#site-search-input-results [role="option"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await violations(page)).toEqual([]);
    await context.close();
  });
});

describe('the keyboard alone', () => {
  it('reaches the skip link, the search box and the navigation first, in that order', async () => {
    const page = await browser.newPage();
    await page.goto(`${inject('siteUrl')}techniques/T1046/`);
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return el.id || el.textContent?.trim() || el.tagName;
        }),
      );
    }
    expect(order).toEqual(['Skip to content', 'Mapscope', 'site-search-input', 'Search', 'Techniques', 'Tactics', 'Frameworks']);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('copies a row link, narrows to a set and downloads a file', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(inject('siteUrl')).origin });
    const page = await context.newPage();
    await page.goto(`${inject('siteUrl')}techniques/T1046/`);
    // The bare "#" anchor gets its name from its row in the browser.
    const rowLink = page.locator('#table-nist_800_53').getByRole('link', { name: 'Link to row AC-4', exact: true });
    await expect(rowLink.count()).resolves.toBe(1);
    await rowLink.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('body > [role="status"]')?.textContent === 'Link to this row copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/techniques\/T1046\/#ac-4-t1046-[0-9a-f]{6}$/);
    await page.locator('.set-filter a', { hasText: 'NIST' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#table-azure').isVisible()).resolves.toBe(false);
    await page.locator('section.downloads button[data-format]').first().focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('T1046_all-sets.csv');
    await context.close();
  });

  it('filters a long table', async () => {
    const page = await browser.newPage();
    await page.goto(`${inject('largeSiteUrl')}frameworks/nist_800_53/capabilities/sc-7/`);
    await page.keyboard.press('Tab');
    const box = page.getByRole('searchbox', { name: 'Filter rows' });
    await box.focus();
    await page.keyboard.type('t1046');
    const visible = await page.locator('#table-techniques tbody tr').evaluateAll((rows) => rows.filter((r) => r.checkVisibility()).length);
    expect(visible).toBe(1);
    await page.close();
  });
});
