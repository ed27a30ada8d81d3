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
