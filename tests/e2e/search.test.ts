import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const site = () => inject('siteUrl');

/** A page that records the paths it requested. */
async function recordingPage(viewport = { width: 1280, height: 800 }): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  return { page, requests };
}

const popupOptions = (page: Page) => page.locator('#site-search-input-results [role="option"]');

describe('search from the header box', () => {
  it('lists the best matches across kinds first, a strong match of any kind among them', async () => {
    const { page } = await recordingPage();
    await page.goto(inject('largeSiteUrl'));
    await page.locator('#site-search-input').click();
    await page.keyboard.type('deploy payload');
    const groups = page.locator('#site-search-input-results [role="group"]');
    await groups.first().waitFor();
    await expect(
      groups
        .first()
        .getAttribute('aria-labelledby')
        .then((id) => page.locator(`#${id}`).textContent()),
    ).resolves.toBe('Best matches');
    // The VERIS result every action lists is one option, naming the other actions.
    const first = popupOptions(page).first();
    await expect(first.innerText()).resolves.toMatch(/^action\.(hacking|malware|social)\.result\.Deploy payload .*\nCapability/s);
    await expect(first.locator('.result-variants').innerText()).resolves.toMatch(
      /^Also under action\.(hacking|malware|social), action\.(hacking|malware|social)$/,
    );
    await expect(popupOptions(page).filter({ hasText: 'result.Deploy payload' }).count()).resolves.toBe(1);
    await page.close();
  });

  it('loads nothing until the box is focused, then shows results as you type', async () => {
    const { page, requests } = await recordingPage();
    await page.goto(`${site()}techniques/T1046/`);
    await page.waitForLoadState('networkidle');
    expect(requests.filter((p) => /search|entities|comments/.test(p) && !p.endsWith('.html'))).toEqual([]);
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('site-search-input');
    await page.keyboard.type('boundry protection');
    await expect(popupOptions(page).first().innerText()).resolves.toMatch(/^SC-7 Boundary Protection/);
    expect(requests.some((p) => p.endsWith('/search/entities.json'))).toBe(true);
    expect(requests.some((p) => /search-worker.*\.js$/.test(p))).toBe(true);
    await expect(page.locator('#site-search-input').getAttribute('aria-expanded')).resolves.toBe('true');
    await page.close();
  });

  it('arrow keys and Enter open a result; Escape closes the list', async () => {
    const { page } = await recordingPage();
    await page.goto(site());
    const box = page.locator('#site-search-input');
    await box.click();
    await box.fill('sentinel');
    await expect(popupOptions(page).first().innerText()).resolves.toContain('Azure Sentinel');
    await page.keyboard.press('Escape');
    await page.locator('#site-search-input-results').waitFor({ state: 'hidden' });
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('false');
    await page.keyboard.press('ArrowDown');
    await page.locator('#site-search-input-results').waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowDown');
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe('site-search-input-results-option-0');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/frameworks\/azure\/capabilities\/azure-sentinel\/$/);
    await expect(page.locator('h1').innerText()).resolves.toBe('azure_sentinel Azure Sentinel');
    await page.close();
  });

  it('Enter on an exact id goes straight to its page', async () => {
    const { page } = await recordingPage();
    await page.goto(site());
    await page.locator('#site-search-input').click();
    await page.keyboard.type('ac-04');
    await expect(popupOptions(page).first().innerText()).resolves.toMatch(/^AC-4 Information Flow Enforcement/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/capabilities\/ac-4\/$/);
    await page.close();
  });

  it('a note opens its mapping row, highlighted', async () => {
    const { page } = await recordingPage();
    await page.goto(site());
    await page.locator('#site-search-input').click();
    await page.keyboard.type('30 or more ports');
    const note = popupOptions(page).filter({ hasText: 'azure_sentinel → T1046' });
    await note.click();
    await page.waitForURL(/\/techniques\/T1046\/#azure-sentinel-t1046-/);
    const target = await page.evaluate(() => document.querySelector(':target')?.querySelector('th')?.textContent?.trim());
    expect(target).toBe('azure_sentinel');
    await page.close();
  });
});

describe('the search page', () => {
  it('loads a shared /search/?q= URL, and the URL follows the query and filters', async () => {
    const { page } = await recordingPage();
    await page.goto(`${site()}search/?q=sentinel&kind=capability`);
    // The page's script fills the form from the URL once it has loaded.
    await expect.poll(() => page.locator('#search-page-q').inputValue(), { timeout: 10_000 }).toBe('sentinel');
    await expect.poll(() => page.locator('#search-page-kind').inputValue()).toBe('capability');
    await page.waitForFunction(() => /result/.test(document.querySelector('.search-status')?.textContent ?? ''));
    await expect(page.locator('.result-group h2').allInnerTexts()).resolves.toEqual(['Capabilities (1)']);
    await expect(page.locator('.result-link').first().getAttribute('href')).resolves.toBe('/frameworks/azure/capabilities/azure-sentinel/');
    await page.locator('#search-page-q').fill('boundary');
    await page.waitForFunction(() => location.search === '?q=boundary&kind=capability');
    await page.locator('#search-page-kind').selectOption('');
    await page.waitForFunction(() => location.search === '?q=boundary');
    await expect(page.locator('.result-link').first().innerText()).resolves.toContain('SC-7');
    await page.close();
  });

  it('renders data as text: marks are the only markup in results', async () => {
    const { page } = await recordingPage();
    await page.goto(`${site()}search/?q=partial`);
    await page.waitForFunction(() => /result/.test(document.querySelector('.search-status')?.textContent ?? ''));
    const tags = await page.locator('.result-snippet *, .result-title *').evaluateAll((nodes) => [...new Set(nodes.map((n) => n.tagName))]);
    expect(tags.every((t) => t === 'MARK' || t === 'SPAN')).toBe(true);
    await page.close();
  });

  it('says plainly that search needs JavaScript when it is off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site()}search/?q=sentinel`);
    await expect(page.locator('main').innerText()).resolves.toContain('Search runs in your browser and needs JavaScript');
    await expect(page.locator('main a', { hasText: 'technique index' }).getAttribute('href')).resolves.toBe('/techniques/');
    await context.close();
  });

  it('keeps what was typed before the search script arrived, and "/" reaches its own box', async () => {
    const { page } = await recordingPage();
    // Hold the search code back until the user has typed.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/_astro\/search-ui[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${site()}search/?q=sentinel`, { waitUntil: 'domcontentloaded' });
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('search-page-q');
    await page.keyboard.type('guardduty');
    release();
    await page.waitForFunction(() => /result/.test(document.querySelector('.search-status')?.textContent ?? ''));
    await expect(page.locator('#search-page-q').inputValue()).resolves.toBe('guardduty');
    await expect(page.locator('.search-status').innerText()).resolves.toContain('guardduty');
    await page.waitForFunction(() => location.search === '?q=guardduty');
    await page.close();
  });

  it('opens with the best matches across kinds, then more of each kind', async () => {
    const { page } = await recordingPage();
    await page.goto(`${inject('largeSiteUrl')}search/?q=phishing`);
    await page.waitForFunction(() => /result/.test(document.querySelector('.search-status')?.textContent ?? ''), null, { timeout: 20_000 });
    const headings = await page.locator('.result-group h2').allInnerTexts();
    expect(headings[0]).toBe('Best matches (5)');
    expect(headings.slice(1).every((h) => /^More /.test(h))).toBe(true);
    const best = page.locator('.result-group').first().locator('.result-link');
    await expect(best.first().innerText()).resolves.toMatch(/^T1566 Phishing\nTechnique\n/);
    const kinds = new Set(await best.locator('.result-kind').allInnerTexts());
    expect(kinds.size).toBeGreaterThan(1);
    await page.close();
  });

  it('is fast and right on the full-size corpus', async () => {
    const { page } = await recordingPage();
    await page.goto(`${inject('largeSiteUrl')}search/?q=${encodeURIComponent('acess enforcment')}&kind=capability`);
    await page.waitForFunction(() => /result/.test(document.querySelector('.search-status')?.textContent ?? ''), null, { timeout: 20_000 });
    await expect(page.locator('.result-link .id').first().innerText()).resolves.toBe('AC-3');
    await page.close();
  });
});
