/**
 * Tables fit the screen: on the heaviest pages of the full-size corpus, no table is wider than its
 * box at common desktop sizes (a Notes column cut off and scrolled inside the table, beside an
 * empty screen, was how it once looked), and no page scrolls sideways, phone included. A matrix
 * may scroll sideways inside its own box, as ATT&CK Navigator's does.
 */
import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';
import { serveStatic, type RunningServer } from '../../scripts/site-check/static-server.ts';
import { buildSite } from '../support/build-site.ts';
import { fixture } from '../support/paths.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** The largest page under a folder of the built site: the most rows, the longest notes. */
async function largest(folder: string, within = ''): Promise<string> {
  const root = path.join(inject('largeSiteDist'), folder);
  const pages: { file: string; size: number }[] = [];
  for (const entry of await readdir(root, { recursive: true })) {
    if (!String(entry).endsWith('index.html') || !String(entry).includes(within)) continue;
    const file = path.join(root, String(entry));
    pages.push({ file, size: (await stat(file)).size });
  }
  const top = pages.sort((a, b) => b.size - a.size)[0]!;
  return `${path.relative(inject('largeSiteDist'), path.dirname(top.file))}/`;
}

const REV5_8 = 'nist_800_53-rev5_attack-8.2-enterprise';
const REV5_14 = 'nist_800_53-rev5_attack-14.1-enterprise';
const REV5_16 = 'nist_800_53-rev5_attack-16.1-enterprise';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const PAGES: [string, () => Promise<string>][] = [
  ['the heaviest technique page', () => largest('techniques')],
  // Every scored framework maps it: the widest mapping tables (eight columns, notes included).
  ['T1046', async () => 'techniques/T1046/'],
  ['the heaviest capability page', () => largest('frameworks', '/capabilities/')],
  ['the heaviest capability group page', () => largest('frameworks', '/groups/')],
  ['the heaviest set page', () => largest('sets')],
  ['the data-quality page', async () => 'data-quality/'],
  ['a static comparison', async () => `compare/${REV5_14}/${REV5_16}/`],
];

describe.each([
  [1280, 800],
  [1920, 1080],
])('at %i x %i', (width, height) => {
  it.each(PAGES)('no table on %s is wider than its box, and the page does not scroll sideways', async (_what, where) => {
    const page = await browser.newPage({ viewport: { width, height } });
    const at = await where();
    await page.goto(`${inject('largeSiteUrl')}${at}`);
    const measured = await page.evaluate(() => {
      // Laid out in full, as when scrolled to (content-visibility skips off-screen tables).
      for (const el of document.querySelectorAll<HTMLElement>('.table-wrap, .matrix-scroll')) el.style.contentVisibility = 'visible';
      const tables = [...document.querySelectorAll('table')].map((t) => ({
        caption: t.caption?.textContent?.trim() ?? '',
        width: Math.round(t.getBoundingClientRect().width),
        box: t.parentElement!.clientWidth,
      }));
      return { tables, scrollWidth: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth };
    });
    expect(measured.tables.length, `${at} has tables`).toBeGreaterThan(0);
    expect(
      measured.tables.filter((t) => t.width > t.box + 1),
      at,
    ).toEqual([]);
    expect(measured.scrollWidth, `${at} scrolls sideways`).toBeLessThanOrEqual(measured.viewport);
    await page.close();
  });
});

// A group's techniques once had a column per framework (ten, mostly empty): too wide at 1366 px.
// Now one Coverage cell per row; on a phone the row's cells stack beside its id.
describe.each([
  ['at 1366 x 768', { width: 1366, height: 768 }, false],
  ['on a phone (390 x 844)', { width: 390, height: 844 }, true],
])("APT29's page %s", (_what, viewport, isMobile) => {
  it('has techniques tables no wider than their box, with one Coverage column, and does not scroll sideways', async () => {
    const page = await browser.newPage({ viewport, isMobile, hasTouch: isMobile });
    await page.goto(`${inject('largeSiteUrl')}groups/G0016/`);
    const measured = await page.evaluate(() => {
      for (const el of document.querySelectorAll<HTMLElement>('.table-wrap, .matrix-scroll')) el.style.contentVisibility = 'visible';
      // A procedure text as bundles give it (this site has none): it wraps in its cell, not widening the row.
      const procedure = document.createElement('div');
      procedure.className = 'procedure';
      procedure.innerHTML = `<p>${'During an invented operation the group knocked on doors and <code>counted --the rooms</code>. '.repeat(4)}</p>`;
      document.querySelector('#enterprise-techniques tbody td')!.append(procedure);
      const tables = [...document.querySelectorAll<HTMLTableElement>('#enterprise-techniques table, #enterprise-software-techniques table')].map((t) => ({
        caption: t.caption?.textContent?.trim() ?? '',
        headers: [...t.tHead!.rows[0]!.cells].map((c) => c.textContent!.trim()),
        rows: t.tBodies[0]!.rows.length,
        covered: t.querySelectorAll('tbody ul.coverage li').length,
        width: Math.round(t.getBoundingClientRect().width),
        box: t.parentElement!.clientWidth,
        scrolls: t.parentElement!.scrollWidth > t.parentElement!.clientWidth + 1,
      }));
      return { tables, scrollWidth: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth };
    });
    expect(measured.tables).toHaveLength(2);
    for (const t of measured.tables) {
      expect(t.headers.at(-1), t.caption).toBe('Coverage');
      expect(t.rows, t.caption).toBeGreaterThan(20);
      expect(t.covered, t.caption).toBeGreaterThan(0);
      expect(t.width, t.caption).toBeLessThanOrEqual(t.box + 1);
      expect(t.scrolls, t.caption).toBe(false);
    }
    expect(measured.scrollWidth).toBeLessThanOrEqual(measured.viewport);
    await page.close();
  });
});

describe('on a phone (390 x 844)', () => {
  it.each([
    ...PAGES,
    ['the coverage builder with a selection', async () => 'coverage/?b=nist_800_53-rev5-moderate&c=azure:azure_sentinel'] as [string, () => Promise<string>],
  ])('%s does not scroll sideways', async (_what, where) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const at = await where();
    await page.goto(`${inject('largeSiteUrl')}${at}`);
    if (at.startsWith('coverage')) await page.waitForSelector('coverage-builder[data-render-ms] .coverage-domain');
    const { scrollWidth, viewport } = await page.evaluate(() => {
      for (const el of document.querySelectorAll<HTMLElement>('.table-wrap, .matrix-scroll')) el.style.contentVisibility = 'visible';
      return { scrollWidth: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth };
    });
    expect(scrollWidth, at).toBeLessThanOrEqual(viewport);
    await page.close();
  });
});

/** The document's width on a phone, with every table laid out as when scrolled to. */
async function phoneWidth(page: Page): Promise<{ scrollWidth: number; viewport: number }> {
  return page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('.table-wrap, .matrix-scroll')) el.style.contentVisibility = 'visible';
    return { scrollWidth: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth };
  });
}

describe('a technique description on a phone', () => {
  // The fixture bundle's T1902 names a registry key of 90 characters without a space, as ATT&CK's
  // descriptions do (T1003.001 was 554 px wide at 390).
  let server: RunningServer;
  beforeAll(async () => {
    const catalog = await mkdtemp(path.join(tmpdir(), 'mapscope-catalog-'));
    const site = await buildSite({ data: [fixture('attack', 'mappings')], attack: [fixture('attack', 'bundles')], catalog, label: 'layout-attack' });
    server = await serveStatic(site.dist, site.base);
  }, 300_000);
  afterAll(async () => server?.close());

  it('wraps a long registry key at the screen edge instead of scrolling sideways', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`${server.url}techniques/T1902/`);
    const code = page.locator('section.description code');
    await expect(code.textContent()).resolves.toMatch(/^HKLM\\SOFTWARE\\InventedVendor\\/);
    const box = (await code.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height, 'the key takes more than one line').toBeGreaterThan(30);
    expect(await phoneWidth(page)).toEqual({ scrollWidth: 390, viewport: 390 });
    await page.close();
  });
});

describe('comparisons on a phone (390 x 844)', () => {
  /** Each table's first row: the box of every cell, and its text. */
  const firstRows = (page: Page, scope: string) =>
    page.locator(`${scope} table`).evaluateAll((tables) =>
      tables.map((table) => ({
        caption: table.querySelector('caption')?.textContent ?? '',
        cells: [...(table as HTMLTableElement).tBodies[0]!.rows[0]!.cells].map((cell) => {
          const box = cell.getBoundingClientRect();
          return { left: Math.round(box.left), right: Math.round(box.right), width: Math.round(box.width), text: cell.textContent!.trim() };
        }),
      })),
    );

  it.each([
    ['the static comparison page', `compare/${REV5_14}/${REV5_16}/`, 'main'],
    ['the comparison made in the browser on /compare/', `compare/?a=${REV5_8}&b=${REV5_16}`, '#framework-nist_800_53 .compare-result'],
  ])('%s shows every cell of a row on screen, each named by its column', async (_what, at, scope) => {
    const page = await browser.newPage(PHONE);
    await page.goto(`${inject('largeSiteUrl')}${at}`);
    await page.locator(`${scope} table`).first().waitFor();
    const { scrollWidth, viewport } = await phoneWidth(page);
    expect(scrollWidth, at).toBe(viewport);
    const tables = await firstRows(page, scope);
    // Added, removed or changed: at least the tables with mappings, of six or five columns.
    const wide = tables.filter((t) => t.cells.length >= 5);
    expect(wide.length, `${at} has comparison tables`).toBeGreaterThanOrEqual(2);
    for (const { caption, cells } of wide) {
      const shown = cells.filter((c) => c.text !== '');
      expect(shown.length, caption).toBeGreaterThanOrEqual(4);
      // Every cell with text is inside the screen and not squeezed to a sliver.
      expect(
        shown.filter((c) => c.left < 0 || c.right > viewport || c.width < viewport / 2),
        caption,
      ).toEqual([]);
    }
    // A cell says which column it is: "Technique: T1234".
    const label = await page
      .locator(`${scope} table td[data-label="Technique"]`)
      .first()
      .evaluate((td) => getComputedStyle(td, '::before').content);
    expect(label).toBe('"Technique: "');
    await page.close();
  });

  it('keeps the comparison a table on a desktop', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${inject('largeSiteUrl')}compare/${REV5_14}/${REV5_16}/`);
    const cells = (await firstRows(page, '#added'))[0]!.cells;
    expect(cells.length).toBeGreaterThanOrEqual(5);
    // Side by side, one row high.
    expect(new Set(cells.map((c) => c.left)).size).toBe(cells.length);
    await page.close();
  });
});
