import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** A context that records requests, CSP violations, dialogs and console errors. */
async function watchedContext(): Promise<{ context: BrowserContext; requests: string[]; problems: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true });
  const requests: string[] = [];
  const problems: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  context.on('request', (request) => requests.push(request.url()));
  context.on('page', (page) => watchPage(page, problems));
  return { context, requests, problems };
}

function watchPage(page: Page, problems: string[]): void {
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

describe('the published site talks only to its own origin', () => {
  it('browsing, searching and downloading request nothing from another origin, within the CSP', async () => {
    const { context, requests, problems } = await watchedContext();
    const site = inject('siteUrl');
    const page = await context.newPage();
    await page.goto(site);
    await page.getByRole('link', { name: 'T1046 Network Service Discovery' }).click();
    await page.waitForURL(/T1046/);
    await page.locator('td.link > a').first().click();
    await page.locator('#site-search-input').click();
    await page.keyboard.type('sentinel');
    await page.locator('#site-search-input-results [role="option"]').first().waitFor();
    await page.keyboard.type(' 30 ports');
    await page.goto(`${site}search/?q=boundary`);
    await page.waitForFunction(() => /result/.test(document.querySelector('.search-status')?.textContent ?? ''));
    expect(await cspViolations(page)).toEqual([]);
    await page.goto(`${site}frameworks/nist_800_53/capabilities/ac-4/`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('section.downloads button[data-format]').first().click()]);
    await download.path();
    expect(await cspViolations(page)).toEqual([]);
    const origin = new URL(site).origin;
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('every page carries a strict Content-Security-Policy', async () => {
    const { context } = await watchedContext();
    const page = await context.newPage();
    for (const path of ['', 'techniques/T1046/', 'search/', 'sets/nist_800_53-rev5_attack-8.2-enterprise/']) {
      await page.goto(`${inject('siteUrl')}${path}`);
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    }
    await context.close();
  });
});

describe('hostile data in the browser', () => {
  it('stays inert in pages, the table filter and search results', async () => {
    const { context, problems } = await watchedContext();
    const site = inject('hostileSiteUrl');
    const page = await context.newPage();
    const injected = () => page.evaluate(() => document.querySelectorAll('main img, main svg, main iframe, main b, main script').length);
    await page.goto(`${site}techniques/T1999/`);
    await expect(page.locator('h1').innerText()).resolves.toBe(`T1999 <img src=x onerror="alert('xss-img')">`);
    expect(await injected()).toBe(0);
    for (const link of await page.locator('#mappings th a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
      await page.goto(link);
      expect(await injected()).toBe(0);
    }
    await page.goto(`${site}search/?q=${encodeURIComponent('script alert')}`);
    await page.waitForFunction(() => /result/.test(document.querySelector('.search-status')?.textContent ?? ''));
    await expect(page.locator('.result-link').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.search-results').innerText()).resolves.toContain('<script>');
    expect(await page.evaluate(() => document.querySelectorAll('.search-results *:not(section, h2, ol, li, a, span, mark)').length)).toBe(0);
    await page.locator('#site-search-input').click();
    await page.keyboard.type('<img src=x onerror=alert(1)>');
    await page.locator('#site-search-input-results').waitFor();
    expect(await page.evaluate(() => document.querySelectorAll('#site-search-input-results img, #site-search-input-results svg').length)).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('stays inert in the coverage builder: its lists, matrix and tables', async () => {
    const { context, problems } = await watchedContext();
    const page = await context.newPage();
    await page.goto(`${inject('hostileSiteUrl')}coverage/`);
    await page.waitForSelector('coverage-builder[data-render-ms]');
    // Every capability of the hostile set, chosen from the framework's list.
    await page.locator('.coverage-browse summary').click();
    await page
      .getByLabel('Capabilities (select one or more)')
      .selectOption(await page.locator('#coverage-capabilities option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)));
    await page.getByRole('button', { name: 'Add selected' }).click();
    await expect.poll(() => page.locator('.coverage-chosen li').count()).toBeGreaterThan(3);
    await expect(page.locator('.coverage-chosen').innerText()).resolves.toContain('<svg onload');
    for (const summary of await page.locator('.coverage-domain details[data-table] > summary').all()) await summary.click();
    await expect(page.locator('.coverage-domain').first().innerText()).resolves.toContain('<img src=x onerror="alert(\'xss-img\')">');
    await page.locator('#coverage-find').fill('<svg');
    await page.locator('#coverage-find-options [role="option"]').first().waitFor();
    expect(
      await page.evaluate(
        () => document.querySelectorAll('coverage-builder img, coverage-builder svg, coverage-builder script, coverage-builder iframe').length,
      ),
    ).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
