import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const t1046 = () => `${inject('siteUrl')}techniques/T1046/`;

/** The text of one column of a table's body rows, in the order they stand. */
const column = (table: Locator, index: number) =>
  table.locator('tbody tr').evaluateAll((rows, i) => rows.map((r) => (r as HTMLTableRowElement).cells[i]!.textContent!.trim()), index);

/** The ids of the rows a reader sees (the filter box and the #set- filter hide the others). */
const visibleIds = (table: Locator) => table.locator('tbody tr').evaluateAll((rows) => rows.filter((r) => r.checkVisibility()).map((r) => r.id));

/** The aria-sort of each column header that has one, by header text. */
const ariaSorts = (table: Locator) =>
  table.locator('thead th[aria-sort]').evaluateAll((ths) => ths.map((th) => `${th.textContent!.trim()}: ${th.getAttribute('aria-sort')}`));

const announced = (page: Page, text: string) => page.waitForFunction((t) => document.querySelector('body > [role="status"]')?.textContent === t, text);

/** T1046's NIST controls in natural order: SC-7 before SC-46, which plain text order reverses. */
const NIST_IDS = ['AC-4', 'CA-7', 'CM-2', 'CM-6', 'CM-7', 'CM-8', 'RA-5', 'SC-7', 'SC-46', 'SI-3', 'SI-4'];

describe('sorting a mapping table', () => {
  it('works from the keyboard: a button in each header, aria-sort, an announcement, three states', async () => {
    const page = await browser.newPage();
    await page.goto(t1046());
    const table = page.locator('#table-nist_800_53');
    const server = await column(table, 0);
    expect(server).toHaveLength(NIST_IDS.length);
    const byId = table.getByRole('button', { name: 'Capability ID' });
    const byDescription = table.getByRole('button', { name: 'Capability Description' });
    await expect(byId.count()).resolves.toBe(1);

    // Sort by another column first, so that sorting by ID visibly changes the order.
    await byDescription.focus();
    await page.keyboard.press('Enter');
    const descriptions = await column(table, 1);
    expect(descriptions).toEqual([...descriptions].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })));
    expect(await column(table, 0)).not.toEqual(server);
    expect(await ariaSorts(table)).toEqual(['Capability Description: ascending']);

    // Tab order runs through the header buttons.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Capability ID');
    await page.keyboard.press('Enter');
    expect(await column(table, 0)).toEqual(NIST_IDS);
    expect(await ariaSorts(table)).toEqual(['Capability ID: ascending']);
    await announced(page, 'Sorted by Capability ID, ascending');

    await page.keyboard.press('Space');
    expect(await column(table, 0)).toEqual([...NIST_IDS].reverse());
    expect(await ariaSorts(table)).toEqual(['Capability ID: descending']);
    await announced(page, 'Sorted by Capability ID, descending');
    // The arrow shows the direction.
    const arrow = await byId.locator('.sort-arrow').evaluate((el) => getComputedStyle(el, '::after').content);
    expect(arrow).toBe('"▼"');

    // A third press returns to the order the server wrote.
    await page.keyboard.press('Enter');
    expect(await column(table, 0)).toEqual(server);
    expect(await ariaSorts(table)).toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Capability ID');
    await page.close();
  });

  it('puts "Not scored" below Minimal, which the words alone would not (the full-size corpus)', async () => {
    const page = await browser.newPage();
    await page.goto(`${inject('largeSiteUrl')}techniques/T1003.001/`);
    const table = page.locator('#table-m365');
    await table.scrollIntoViewIfNeeded();
    // textContent: the table may be off screen, where innerText is empty (content-visibility).
    const headers = await table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.textContent!.trim()));
    const valueColumn = headers.findIndex((t) => /^Value/.test(t));
    expect(valueColumn).toBeGreaterThan(0);
    // A sub-technique's score cell goes on with its related score ("Minimal Related score: T1003").
    const valuesOf = async () => (await column(table, valueColumn)).map((v) => (v.startsWith('Not scored') ? 'Not scored' : v.split(/\s/)[0]));
    expect(new Set(await valuesOf())).toEqual(new Set(['Minimal', 'Not scored']));
    const button = table.getByRole('button', { name: 'Value' });
    await button.click();
    await announced(page, 'Sorted by Value, ascending');
    // By rank: not scored (0) before minimal (1); by the words, "Minimal" would lead.
    expect((await valuesOf())[0]).toBe('Not scored');
    await button.click();
    await announced(page, 'Sorted by Value, descending');
    expect((await valuesOf())[0]).toBe('Minimal');
    await page.close();
  });

  it('sorts scores by rank, not by their words, and keeps equal scores in the server order', async () => {
    const page = await browser.newPage();
    await page.goto(t1046());
    const table = page.locator('#table-azure');
    const valueColumn = (await table.locator('thead th').allInnerTexts()).findIndex((t) => t.trim() === 'Value');
    expect(valueColumn).toBeGreaterThan(0);
    const server = await visibleIds(table);
    const values = await column(table, valueColumn);
    expect(values.filter((v) => v === 'Significant').length).toBeGreaterThan(0);
    expect(values.filter((v) => v === 'Partial').length).toBeGreaterThan(1);
    // The component says the column's labels in rank order, once, on its header.
    await expect(table.locator('thead th', { hasText: 'Value' }).getAttribute('data-sort-ranks')).resolves.toBe('Not scored|Minimal|Partial|Significant');

    const button = table.getByRole('button', { name: 'Value' });
    await button.click();
    await button.click();
    await announced(page, 'Sorted by Value, descending');
    const sorted = await column(table, valueColumn);
    expect(sorted.slice(0, 1)).toEqual(['Significant']);
    expect(sorted.slice(1).every((v) => v === 'Partial')).toBe(true);
    // The partial rows stand in the order the server gave them.
    const partialIds = (ids: string[], vals: string[]) => ids.filter((_, i) => vals[i] === 'Partial');
    expect(partialIds(await visibleIds(table), sorted)).toEqual(partialIds(server, values));
    // The row link moves with its row.
    const links = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.id === r.querySelector('td.link > a')!.getAttribute('href')!.slice(1)));
    expect(links.length).toBeGreaterThan(0);
    expect(links.every(Boolean)).toBe(true);
    await page.close();
  });

  it('orders counts as numbers and technique ids naturally', async () => {
    const page = await browser.newPage();
    await page.goto(`${inject('largeSiteUrl')}techniques/`);
    const table = page.locator('table').first();
    const headers = (await table.locator('thead th').allInnerTexts()).map((t) => t.trim());
    const mappings = headers.indexOf('Mappings');
    expect(mappings).toBeGreaterThan(0);
    await table.getByRole('button', { name: 'Mappings' }).click();
    await table.getByRole('button', { name: 'Mappings' }).click();
    const counts = (await column(table, mappings)).map((t) => Number(t.replace(/,/g, '')));
    expect(counts.length).toBeGreaterThan(100);
    expect(counts[0]).toBeGreaterThan(counts.at(-1)!);
    expect(counts.every((n, i) => i === 0 || n <= counts[i - 1]!)).toBe(true);

    await table.getByRole('button', { name: 'ID', exact: true }).click();
    await table.getByRole('button', { name: 'ID', exact: true }).click();
    const ids = await column(table, 0);
    const key = (id: string) => id.slice(1).split('.').map(Number) as [number, number?];
    const natural = [...ids].sort((a, b) => key(a)[0] - key(b)[0] || (key(a)[1] ?? -1) - (key(b)[1] ?? -1)).reverse();
    expect(ids.some((id) => id.includes('.'))).toBe(true);
    expect(ids).toEqual(natural);
    await page.close();
  });
});

describe('sorting with the filters', () => {
  it('keeps the rows the filter box hides hidden, before and after sorting', async () => {
    const page = await browser.newPage();
    await page.goto(`${inject('largeSiteUrl')}frameworks/nist_800_53/capabilities/sc-10/`);
    const table = page.locator('#table-techniques');
    const total = await table.locator('tbody tr').count();
    expect(total).toBeGreaterThan(30);
    const byId = table.getByRole('button', { name: 'ATT&CK ID' });
    await byId.click();
    await byId.click();
    const box = page.getByRole('searchbox', { name: /Filter rows/ }).last();
    await box.fill('t1546');
    const shown = await visibleIds(table);
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.length).toBeLessThan(total);
    const shownIds = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.filter((r) => r.checkVisibility()).map((r) => r.querySelector('th')!.textContent!.trim()));
    expect(shownIds.every((id) => /^T1546\./.test(id))).toBe(true);
    // Sub-techniques descending: T1546.011 before T1546.010 before T1546.008.
    expect(shownIds).toEqual([...shownIds].sort((a, b) => b.localeCompare(a, 'en', { numeric: true })));
    await expect(page.locator('.table-tools output').last().innerText()).resolves.toBe(`${shown.length} of ${total} rows`);

    // Back to the server's order, then ascending: the same rows stay hidden.
    await byId.click();
    expect(new Set(await visibleIds(table))).toEqual(new Set(shown));
    await byId.click();
    expect(new Set(await visibleIds(table))).toEqual(new Set(shown));
    await box.fill('');
    expect(await visibleIds(table)).toHaveLength(total);
    await page.close();
  });

  it('keeps a page narrowed to one set (#set-…) narrowed', async () => {
    const page = await browser.newPage();
    const url = `${inject('largeSiteUrl')}frameworks/nist_800_53/capabilities/sc-10/`;
    await page.goto(url);
    const anchor = await page.locator('.set-filter li[id^="set-"]').last().getAttribute('id');
    await page.goto(`${url}#${anchor}`);
    const table = page.locator('#table-techniques');
    const total = await table.locator('tbody tr').count();
    const narrowed = await visibleIds(table);
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThan(total);
    await table.getByRole('button', { name: 'ATT&CK ID' }).click();
    await expect(table.locator('th[aria-sort="ascending"]').count()).resolves.toBe(1);
    expect(new Set(await visibleIds(table))).toEqual(new Set(narrowed));
    await page.close();
  });
});

describe('without JavaScript', () => {
  it('shows plain headers, no sort buttons, and the server order', async () => {
    const withJs = await browser.newPage();
    await withJs.goto(t1046());
    expect(await withJs.locator('#table-nist_800_53 thead button').count()).toBeGreaterThan(3);
    await withJs.close();

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(t1046());
    const table = page.locator('#table-nist_800_53');
    await expect(table.locator('thead th').count()).resolves.toBeGreaterThan(3);
    await expect(page.locator('thead button, .sort-arrow').count()).resolves.toBe(0);
    await expect(page.locator('th[aria-sort]').count()).resolves.toBe(0);
    expect(await column(table, 0)).toEqual(NIST_IDS);
    await context.close();
  });
});
