/**
 * Tables fit the screen: on the heaviest pages of the full-size corpus, no table is wider than its
 * box at common desktop sizes (a Notes column cut off and scrolled inside the table, beside an
 * empty screen, was how it once looked), and no page scrolls sideways, phone included. A matrix
 * may scroll sideways inside its own box, as ATT&CK Navigator's does.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

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

const PAGES: [string, () => Promise<string>][] = [
  ['the heaviest technique page', () => largest('techniques')],
  // Every scored framework maps it: the widest mapping tables (eight columns, notes included).
  ['T1046', async () => 'techniques/T1046/'],
  ['the heaviest capability page', () => largest('frameworks', '/capabilities/')],
  ['the heaviest capability group page', () => largest('frameworks', '/groups/')],
  ['the heaviest set page', () => largest('sets')],
  ['the data-quality page', async () => 'data-quality/'],
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
