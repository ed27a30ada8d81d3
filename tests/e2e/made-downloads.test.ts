import { readFile } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';
import { shared } from '../support/paths.ts';
import { stixProblems } from '../support/stix-schemas.ts';

// The YAML, STIX and Excel files of a superseded set and of a static comparison are not prebuilt
// (MAPSCOPE_PREBUILD=current): the browser makes them on click from the prebuilt JSON and rows
// files. On the full-size site, NIST rev5 @ 14.1 is superseded by rev5 @ 16.1.

const REV5_14 = 'nist_800_53-rev5_attack-14.1-enterprise';
const REV5_16 = 'nist_800_53-rev5_attack-16.1-enterprise';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function open(path: string, javaScriptEnabled = true): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ acceptDownloads: true, javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`${inject('largeSiteUrl')}${path}`);
  return { page, close: () => context.close() };
}

const fetchText = async (file: string) => {
  const response = await fetch(`${inject('largeSiteUrl')}downloads/${file}`);
  expect(response.status, file).toBe(200);
  return response.text();
};

async function made(page: Page, format: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`made-download[data-format="${format}"] button`).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

describe("a superseded set's page", () => {
  it('makes its YAML on click: the file the build writes for a current set, in shape, holding every object of the set', async () => {
    const { page, close } = await open(`sets/${REV5_14}/`);
    const button = page.locator('section.downloads made-download[data-format="yaml"] button');
    expect(await button.isVisible()).toBe(true);
    expect(await button.innerText()).toMatch(/^YAML \([\d,]+ mappings\)$/);
    const yaml = await made(page, 'yaml');
    expect(yaml.name).toBe(`${REV5_14}.yaml`);
    const document = parseYaml(yaml.bytes.toString('utf8')) as { metadata: Record<string, unknown>; mapping_objects: Record<string, unknown>[] };
    const json = JSON.parse(await fetchText(`${REV5_14}.json`)) as { metadata: Record<string, unknown>; mapping_objects: unknown[] };
    expect(json.mapping_objects.length).toBeGreaterThan(100);
    expect(document.mapping_objects.length).toBe(json.mapping_objects.length);
    expect(document).toEqual(json);
    // The current set's YAML, which the build wrote: the same shape.
    const current = parseYaml(await fetchText(`${REV5_16}.yaml`)) as typeof document;
    expect(Object.keys(document)).toEqual(Object.keys(current));
    expect(Object.keys(document.metadata).sort()).toEqual(Object.keys(current.metadata).sort());
    expect(Object.keys(document.mapping_objects[0]!).sort()).toEqual(Object.keys(current.mapping_objects[0]!).sort());
    expect(await page.locator('section.downloads [role="status"]').innerText()).toBe(`${REV5_14}.yaml downloaded.`);
    // Nothing of the kind on the server.
    expect((await fetch(`${inject('largeSiteUrl')}downloads/${REV5_14}.yaml`)).status).toBe(404);
    await close();
  });

  it('makes its STIX bundle and its workbook too', async () => {
    const { page, close } = await open(`sets/${REV5_14}/`);
    const stix = await made(page, 'stix');
    expect(stix.name).toBe(`${REV5_14}_stix.json`);
    const bundle = JSON.parse(stix.bytes.toString('utf8')) as { type: string; objects: { type: string; id: string }[] };
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.filter((o) => o.type === 'relationship').length).toBeGreaterThan(100);
    if (shared('stix2-json-schemas', 'schemas')) expect(stixProblems(bundle)).toEqual([]);
    const xlsx = await made(page, 'xlsx');
    expect(xlsx.name).toBe(`${REV5_14}.xlsx`);
    const { default: Excel } = (await import('exceljs')) as unknown as { default: typeof ExcelJS };
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const csv = Papa.parse(await fetchText(`${REV5_14}.csv`), { header: true, skipEmptyLines: true }).data;
    // A sheet of the set's rows (a header row, then one row per object), and the About sheet.
    expect(workbook.worksheets.length).toBeGreaterThanOrEqual(2);
    expect(workbook.worksheets[0]!.actualRowCount).toBe(csv.length + 1);
    await close();
  });

  it('says so on the page, and saves nothing, when a set file fails to load', async () => {
    const { page, close } = await open(`sets/${REV5_14}/`);
    await page.route(`**/downloads/${REV5_14}_rows.json`, (route) => route.fulfill({ status: 404, body: 'gone' }));
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.locator('made-download[data-format="yaml"] button').click();
    await page.waitForFunction(() => /Could not make/.test(document.querySelector('section.downloads [role="status"]')?.textContent ?? ''));
    expect(await page.locator('section.downloads [role="status"]').innerText()).toMatch(
      new RegExp(`^Could not make ${REV5_14}\\.yaml: the files of set ${REV5_14} did not load \\(.*HTTP 404\\)\\. No file was saved\\.$`),
    );
    await page.waitForTimeout(300);
    expect(downloads).toEqual([]);
    await close();
  });

  it('without JavaScript shows no button, and says where the prebuilt files are', async () => {
    const { page, close } = await open(`sets/${REV5_14}/`, false);
    expect(await page.locator('made-download button').count()).toBe(3);
    for (const button of await page.locator('made-download button').all()) expect(await button.isVisible()).toBe(false);
    const note = page.locator('section.downloads noscript p');
    expect(await note.innerText()).toMatch(
      /^Excel, YAML and STIX files of this superseded set are made in the browser; the current set .+ has them prebuilt\.$/,
    );
    expect(await note.locator('a').getAttribute('href')).toBe(`/sets/${REV5_16}/`);
    // The prebuilt CSV is still a plain link.
    expect(await page.locator(`section.downloads a[href="/downloads/${REV5_14}.csv"]`).isVisible()).toBe(true);
    await close();
  });
});

describe("a static comparison's page", () => {
  it('makes its YAML on click, its rows those of the prebuilt CSV, technique flags included', async () => {
    const { page, close } = await open(`compare/${REV5_14}/${REV5_16}/`);
    const yaml = await made(page, 'yaml');
    expect(yaml.name).toBe(`compare_${REV5_14}__${REV5_16}.yaml`);
    const document = parseYaml(yaml.bytes.toString('utf8')) as { kind: string; rows: Record<string, string>[] };
    const csv = Papa.parse<Record<string, string>>(await fetchText(`compare_${REV5_14}__${REV5_16}.csv`), { header: true, skipEmptyLines: true }).data;
    expect(document.kind).toBe('Differences');
    expect(document.rows.length).toBe(csv.length);
    expect(document.rows.map((r) => r['kind'])).toEqual(csv.map((r) => r['kind']));
    expect(document.rows.map((r) => r['attack_object_id'])).toEqual(csv.map((r) => r['attack_object_id']));
    expect(csv.some((r) => r['kind']!.startsWith('technique_'))).toBe(true);
    expect(await page.locator('p.download-status').innerText()).toBe(`compare_${REV5_14}__${REV5_16}.yaml downloaded.`);
    await close();
  });
});

describe("a technique page's own files of a superseded set", () => {
  it('are made in its download menu from the set files, though the set has no prebuilt YAML', async () => {
    const { page, close } = await open('techniques/T1046/');
    const menu = page.locator('section.downloads');
    await menu.getByLabel('Mappings of').selectOption({ value: REV5_14 });
    const [file] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'YAML', exact: true }).click()]);
    expect(file.suggestedFilename()).toBe(`${REV5_14}_T1046.yaml`);
    const document = parseYaml(await readFile((await file.path())!, 'utf8')) as { mapping_objects: { attack_object_id: string }[] };
    expect(document.mapping_objects.length).toBeGreaterThan(0);
    expect(document.mapping_objects.every((o) => o.attack_object_id === 'T1046')).toBe(true);
    await close();
  });
});
