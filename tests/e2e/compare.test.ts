import { readFile } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { parse as parseYaml } from 'yaml';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';
import { shared } from '../support/paths.ts';
import { stixProblems } from '../support/stix-schemas.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const REV5_14 = 'nist_800_53-rev5_attack-14.1-enterprise';
const REV5_16 = 'nist_800_53-rev5_attack-16.1-enterprise';
const REV5_8 = 'nist_800_53-rev5_attack-8.2-enterprise';
const PAGE_LIMIT = 400_000;

describe('comparisons on the full-size site', () => {
  it('opens a static comparison of consecutive NIST sets with its tables and filter', async () => {
    const page = await browser.newPage();
    await page.goto(`${inject('largeSiteUrl')}compare/${REV5_14}/${REV5_16}/`);
    expect(await page.locator('h1').textContent()).toBe('NIST SP 800-53 rev5 @ 14.1 → rev5 @ 16.1');
    const added = page.locator('#added tbody tr');
    expect(await added.count()).toBeGreaterThan(20);
    await expect(page.locator('#added').getByRole('searchbox', { name: 'Filter rows' }).count()).resolves.toBe(1);
    expect(await page.locator('#added tbody tr a[href*="/capabilities/"]').count()).toBe(await added.count());
    expect(await page.locator('a.compare-csv').getAttribute('href')).toBe(`/downloads/compare_${REV5_14}__${REV5_16}.csv`);
    await page.close();
  });

  it('keeps every comparison page under 400 KB', async () => {
    const base = inject('largeSiteUrl');
    const index = await (await fetch(`${base}compare/`)).text();
    const firstPages = [...new Set([...index.matchAll(/href="\/(compare\/[^"/]+\/[^"/]+\/)"/g)].map((m) => m[1]!))];
    expect(firstPages.length).toBeGreaterThan(10);
    const sizes: [string, number][] = [];
    for (const first of firstPages) {
      const html = await (await fetch(`${base}${first}`)).text();
      sizes.push([first, Buffer.byteLength(html)]);
      const further = [...new Set([...html.matchAll(/href="\/(compare\/[^"/]+\/[^"/]+\/\d+\/)"/g)].map((m) => m[1]!))];
      for (const next of further) sizes.push([next, Buffer.byteLength(await (await fetch(`${base}${next}`)).text())]);
    }
    // Some comparisons are long enough to be split into pages.
    expect(sizes.some(([p]) => /\/\d+\/$/.test(p))).toBe(true);
    expect(sizes.filter(([, bytes]) => bytes >= PAGE_LIMIT)).toEqual([]);
  });

  it('compares two sets without a static page in the browser, with a CSV to download', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${inject('largeSiteUrl')}compare/`);
    const picker = page.locator('#framework-nist_800_53 compare-picker');
    await picker.locator('select[name="a"]').selectOption(REV5_8);
    await picker.locator('select[name="b"]').selectOption(REV5_16);
    await picker.getByRole('button', { name: 'Compare' }).click();
    const heading = picker.locator('.compare-result h3');
    await heading.waitFor();
    expect(await heading.textContent()).toMatch(/^NIST SP 800-53 rev5 @ 8\.2 → rev5 @ 16\.1: \+\d+ \/ -\d+ \/ ~\d+$/);
    expect(page.url()).toBe(`${inject('largeSiteUrl')}compare/`);
    expect(await picker.locator('.compare-result').textContent()).toContain('Technique flags');
    const addedRows = picker.locator('.compare-result table').first().locator('tbody tr');
    expect(await addedRows.count()).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), picker.getByRole('link', { name: 'Download the differences as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`compare_${REV5_8}__${REV5_16}.csv`);
    const parsed = Papa.parse<Record<string, string>>(await readFile((await download.path())!, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const added = Number(/\+(\d+)/.exec((await heading.textContent())!)![1]);
    expect(added).toBeGreaterThan(0);
    expect(parsed.data.filter((r) => r['kind'] === 'added')).toHaveLength(added);

    // The same differences as a workbook, YAML and a STIX bundle, made on click with the registry's writers.
    const csvRows = Papa.parse<string[]>(await readFile((await download.path())!, 'utf8'), { skipEmptyLines: true }).data;
    const made = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), picker.getByRole('button', { name }).click()]);
      return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
    };
    const xlsx = await made('Excel workbook');
    expect(xlsx.name).toBe(`compare_${REV5_8}__${REV5_16}.xlsx`);
    const { default: Excel } = (await import('exceljs')) as unknown as { default: typeof ExcelJS };
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const cells: string[][] = [];
    workbook.getWorksheet('Differences')!.eachRow((row) => cells.push(csvRows[0]!.map((_, i) => String(row.getCell(i + 1).value ?? ''))));
    // The CSV guards formula-looking cells with a leading apostrophe; the workbook's text cells need none.
    expect(cells).toEqual(csvRows.map((row) => row.map((cell) => cell.replace(/^'(?=[=+\-@\t\r])/, ''))));
    const yamlFile = await made('YAML');
    expect(yamlFile.name).toBe(`compare_${REV5_8}__${REV5_16}.yaml`);
    const doc = parseYaml(yamlFile.bytes.toString('utf8')) as { kind: string; rows: Record<string, string>[] };
    expect(doc.kind).toBe('Differences');
    expect(doc.rows.filter((r) => r['kind'] === 'added')).toHaveLength(added);
    const stix = await made('STIX 2.1 bundle');
    expect(stix.name).toBe(`compare_${REV5_8}__${REV5_16}_stix.json`);
    const bundle = JSON.parse(stix.bytes.toString('utf8')) as { objects: { type: string; id: string; x_mapscope_change?: string }[] };
    if (shared('stix2-json-schemas', 'schemas')) expect(stixProblems(bundle)).toEqual([]);
    const changes = bundle.objects.filter((o) => o.type === 'relationship').map((o) => o.x_mapscope_change);
    expect(changes.filter((c) => c === 'added').length).toBeGreaterThan(0);
    expect(changes.filter((c) => c === 'added').length).toBeLessThanOrEqual(added);
    await context.close();
  });

  it('opens the static page when the picked pair has one', async () => {
    const page = await browser.newPage();
    await page.goto(`${inject('largeSiteUrl')}compare/`);
    const picker = page.locator('#framework-nist_800_53 compare-picker');
    await picker.locator('select[name="a"]').selectOption(REV5_14);
    await picker.locator('select[name="b"]').selectOption(REV5_16);
    await Promise.all([page.waitForURL(`**/compare/${REV5_14}/${REV5_16}/`), picker.getByRole('button', { name: 'Compare' }).click()]);
    expect(await page.locator('#changed-title').count()).toBe(1);
    await page.close();
  });

  it('without JavaScript lists the static comparisons only and says the rest needs it', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${inject('largeSiteUrl')}compare/`);
    expect(await page.locator('compare-picker form').first().isVisible()).toBe(false);
    expect(await page.locator('main').textContent()).toContain('needs JavaScript');
    expect(await page.locator(`#framework-nist_800_53 a[href="/compare/${REV5_14}/${REV5_16}/"]`).count()).toBe(1);
    await context.close();
  });
});
