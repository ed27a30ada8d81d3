/**
 * The coverage builder in a real browser, on the default site (T1046 with its NIST and Azure
 * capabilities): chosen by URL, by typing, by a baseline; its link copied; its layer and CSV
 * downloaded; and what the page says without JavaScript. With a threat profile (adversaries by
 * URL and by name, a Navigator layer file, good and bad): the four states in computed colours,
 * light and dark, the headline, what to fix next, and the CSV's threat columns. The result's Excel,
 * YAML and STIX files: the CSV's rows, loaded back, valid against the OASIS schemas.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { parse as parseYaml } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';
import { indexCatalog, techniqueStixId } from '../../src/lib/attack/catalog.ts';
import { COVERAGE_CSV_COLUMNS } from '../../src/lib/coverage/coverage.ts';
import type { StixObject } from '../../src/lib/exports/formats/stix-bundle.ts';
import { ROOT, shared } from '../support/paths.ts';
import { stixProblems } from '../support/stix-schemas.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const site = () => inject('siteUrl');
const builder = (page: Page) => page.locator('coverage-builder');
const rendered = (page: Page) => page.waitForSelector('coverage-builder[data-render-ms]');
const chosen = (page: Page) => page.locator('.coverage-chosen li').evaluateAll((items) => items.map((li) => li.textContent!.replace(/\s+/g, ' ').trim()));

describe('the coverage builder', () => {
  it('reads its selection from the URL, in any spelling, and says what it covers', async () => {
    const page = await browser.newPage();
    await page.goto(`${site()}coverage/?c=nist_800_53:ac-04&c=azure:Azure-Sentinel&c=nist_800_53:zz-9`);
    await rendered(page);
    const items = await chosen(page);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^azure_sentinel Azure Sentinel \(Microsoft Azure 06\/29\/2021 @ 8\.2\)/);
    expect(items[1]).toMatch(/^AC-4 Information Flow Enforcement \(NIST SP 800-53 rev5 @ 8\.2\)/);
    await expect(page.locator('.coverage-notice').innerText()).resolves.toBe("Not in this site's data, left out: nist_800_53:zz-9.");
    await expect(page.locator('.coverage-domain h2').innerText()).resolves.toMatch(
      /^ATT&CK Enterprise 18\.1: covers 1 of \d{3} techniques and sub-techniques$/,
    );
    // The matrix cell says its coverage in words, and the table lists who covers it.
    const cell = page.locator('.coverage-domain .matrix a', { hasText: 'T1046' });
    await expect(cell.innerText()).resolves.toContain('2 capabilities, detect partial');
    await page.locator('details[data-table="covered"] summary').click();
    const row = page.locator('details[data-table="covered"] tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    await expect(row.innerText()).resolves.toMatch(/^T1046\s+Network Service Discovery\s+2\s+azure_sentinel, AC-4\s+detect partial$/);
    await page.close();
  });

  it('adds a capability found by typing, and keeps the selection in the URL', async () => {
    const page = await browser.newPage();
    await page.goto(`${site()}coverage/`);
    await rendered(page);
    await expect(page.locator('.coverage-chosen').innerText()).resolves.toMatch(/^Nothing chosen yet/);
    const box = page.getByRole('combobox', { name: 'Find a capability by id or name' });
    await box.click();
    await page.keyboard.type('boundary prot');
    const options = page.locator('#coverage-find-options [role="option"]');
    await expect(options.first().innerText()).resolves.toMatch(/^SC-7 Boundary Protection/);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).search).toBe('?c=nist_800_53:SC-7');
    await box.fill('sc46');
    await page.keyboard.press('ArrowDown');
    await expect(options.first().getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).search).toBe('?c=nist_800_53:SC-7&c=nist_800_53:SC-46');
    await expect(chosen(page)).resolves.toHaveLength(2);
    await expect(page.locator('.coverage-domain h2').innerText()).resolves.toMatch(/covers 1 of/);
    // Removing one by its button.
    await page.getByRole('button', { name: 'Remove SC-7' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).search).toBe('?c=nist_800_53:SC-46');
    // The keyboard stays in the list: on the next item's button.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Remove SC-46');
    // Reloading the address gives the same selection.
    await page.reload();
    await rendered(page);
    await expect(chosen(page)).resolves.toEqual([expect.stringMatching(/^SC-46 /)]);
    await page.close();
  });

  it('takes one capability out without rebuilding the others, and the address follows', async () => {
    const page = await browser.newPage();
    await page.goto(`${site()}coverage/?c=nist_800_53:ac-04&c=azure:Azure-Sentinel&c=nist_800_53:sc-7`);
    await rendered(page);
    await expect(chosen(page)).resolves.toHaveLength(3);
    // Each item gets a mark only its own element carries; a rebuilt item would have lost it.
    await page.locator('.coverage-chosen > li').evaluateAll((items) => items.forEach((li, i) => (li.dataset['mark'] = String(i))));
    const last = (await page.locator('.coverage-chosen > li').last().locator('strong').innerText()).trim();
    await page.getByRole('button', { name: `Remove ${last}` }).click();
    await expect.poll(() => chosen(page)).toHaveLength(2);
    await expect(page.locator('.coverage-chosen > li').evaluateAll((items) => items.map((li) => li.dataset['mark']))).resolves.toEqual(['0', '1']);
    await expect(page.locator('#coverage-selection').innerText()).resolves.toBe('Your selection: 2 capabilities');
    await expect.poll(() => new URL(page.url()).search).not.toContain(last);
    await expect.poll(() => new URL(page.url()).search.split('&').length).toBe(2);
    await page.close();
  });

  it('adds a NIST baseline in one click and a whole group from the framework lists', async () => {
    const page = await browser.newPage();
    await page.goto(`${site()}coverage/`);
    await rendered(page);
    const moderate = page.locator('[data-baseline]', { hasText: 'Revision 5.1.1 MODERATE' });
    await moderate.click();
    await expect(moderate.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect.poll(() => new URL(page.url()).search).toBe('?b=nist_800_53-rev5-moderate');
    await expect(page.locator('#coverage-selection').innerText()).resolves.toMatch(/^Your selection: \d+ capabilities$/);
    // The baseline is one entry with its count, not a line per capability before the matrix.
    const entries = page.locator('.coverage-chosen > li');
    await expect(entries.count()).resolves.toBe(1);
    const entry = entries.first().locator('details.coverage-entry');
    await expect(entry.locator('summary').innerText()).resolves.toMatch(/Revision 5\.1\.1 MODERATE.* \d+ capabilit(y|ies)$/);
    await expect(entry.locator('li').first().isVisible()).resolves.toBe(false);
    await expect.poll(() => entries.first().evaluate((li) => li.getBoundingClientRect().height)).toBeLessThan(60);
    await moderate.click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await page.locator('.coverage-browse summary').click();
    await page.getByLabel('Framework', { exact: true }).selectOption({ label: 'NIST SP 800-53' });
    await page.getByLabel('Group', { exact: true }).selectOption({ label: 'CM Configuration Management' });
    await page.getByRole('button', { name: 'Add the whole group' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?g=nist_800_53:CM');
    // One entry for the group; opened, it lists its capabilities, each of which can be taken out.
    const group = page.locator('.coverage-chosen > li');
    await expect(group.count()).resolves.toBe(1);
    await expect(group.locator('summary').innerText()).resolves.toBe('NIST SP 800-53 group Configuration Management 4 capabilities');
    await group.locator('summary').click();
    await expect(group.locator('details li').count()).resolves.toBe(4);
    const first = (await group.locator('details li a strong').first().innerText()).trim();
    await page.getByRole('button', { name: `Remove ${first}` }).click();
    await expect.poll(() => new URL(page.url()).search).toBe(`?g=nist_800_53:CM&x=nist_800_53:${first}`);
    await expect(group.locator('summary').innerText()).resolves.toBe('NIST SP 800-53 group Configuration Management 3 capabilities (1 taken out)');
    // The entry stays open, and the keyboard stays in it.
    await expect(group.locator('details li').count()).resolves.toBe(3);
    await expect(page.evaluate(() => document.activeElement?.closest('details')?.open)).resolves.toBe(true);
    await page.getByRole('button', { name: 'Remove NIST SP 800-53 group Configuration Management' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await page.close();
  });

  it('copies its link, and downloads a valid Navigator layer and a CSV of the result', async () => {
    const context = await browser.newContext({ acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(`${site()}coverage/?c=azure:azure_firewall&c=azure:azure_sentinel&c=nist_800_53:AC-4`);
    await rendered(page);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    const [layerDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download the Navigator layer/ }).click()]);
    expect(layerDownload.suggestedFilename()).toBe('coverage_enterprise_layer.json');
    const layer = JSON.parse(await readFile((await layerDownload.path())!, 'utf8'));
    expect(layer.versions).toEqual({ attack: '18.1', navigator: '4.9.1', layer: '4.5' });
    expect(layer.domain).toBe('enterprise-attack');
    expect(layer.techniques).toEqual([expect.objectContaining({ techniqueID: 'T1046', score: 3 })]);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the CSV' }).click()]);
    const csv = Papa.parse<Record<string, string>>(await readFile((await csvDownload.path())!, 'utf8'), { header: true, skipEmptyLines: true });
    expect(csv.errors).toEqual([]);
    expect(csv.data.length).toBeGreaterThan(500);
    expect(csv.data.find((r) => r['attack_object_id'] === 'T1046')).toMatchObject({ covered: 'yes', capability_count: '3' });
    await context.close();
  });

  it('downloads the result as an Excel workbook, YAML and a STIX 2.1 bundle, made with the registry’s writers', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${site()}coverage/?c=azure:azure_firewall&c=azure:azure_sentinel&c=nist_800_53:AC-4&t=G0019&ts=1`);
    await rendered(page);
    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
    };
    const csvFile = await download('Download the CSV');
    const csv = Papa.parse<string[]>(csvFile.bytes.toString('utf8'), { skipEmptyLines: true }).data;
    expect(csv[0]).toEqual([...COVERAGE_CSV_COLUMNS]);
    expect(csv.length).toBeGreaterThan(500);

    // The workbook: the CSV's rows, cell for cell (counts and weights as numbers), header bold and frozen, filters on.
    const xlsx = await download('Download the Excel workbook');
    expect(xlsx.name).toBe('coverage.xlsx');
    const { default: Excel } = (await import('exceljs')) as unknown as { default: typeof ExcelJS };
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Coverage', 'About']);
    const sheet = workbook.getWorksheet('Coverage')!;
    const cells: string[][] = [];
    sheet.eachRow((row) => cells.push(COVERAGE_CSV_COLUMNS.map((_, i) => String(row.getCell(i + 1).value ?? ''))));
    expect(cells).toEqual(csv);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const t1046 = cells.findIndex((r) => r[2] === 'T1046') + 1;
    expect(typeof sheet.getRow(t1046).getCell(COVERAGE_CSV_COLUMNS.indexOf('threat_weight') + 1).value).toBe('number');
    expect(cells[t1046 - 1]).toEqual(expect.arrayContaining(['yes', '3', '1', 'G0019']));

    // YAML: loads back to the same rows, keyed by the CSV's columns.
    const yamlFile = await download('Download the YAML');
    expect(yamlFile.name).toBe('coverage.yaml');
    const doc = parseYaml(yamlFile.bytes.toString('utf8')) as { kind: string; rows: Record<string, string>[] };
    expect(doc.kind).toBe('Coverage');
    expect(doc.rows.map((r) => COVERAGE_CSV_COLUMNS.map((c) => r[c]))).toEqual(csv.slice(1));

    // STIX: valid against the OASIS schemas; each chosen capability related to T1046, which it covers, with the threat weight.
    const stixFile = await download('Download the STIX 2.1 bundle');
    expect(stixFile.name).toBe('coverage_stix.json');
    const bundle = JSON.parse(stixFile.bytes.toString('utf8')) as { objects: StixObject[] };
    if (shared('stix2-json-schemas', 'schemas')) expect(stixProblems(bundle)).toEqual([]);
    const relationships = bundle.objects.filter((o) => o.type === 'relationship');
    const catalog = indexCatalog(JSON.parse(await readFile(path.join(ROOT, 'data/attack/enterprise.json'), 'utf8')));
    expect(relationships).toHaveLength(3);
    for (const r of relationships) expect(r).toMatchObject({ target_ref: techniqueStixId(catalog, 'T1046', '18.1'), x_mapscope_threat_weight: 1 });
    const sources = bundle.objects.filter((o) => o.type === 'course-of-action').map((o) => o['name']);
    expect(sources.sort()).toEqual(['AC-4', 'azure_firewall', 'azure_sentinel']);
    await context.close();
  });

  it('says so on the page, and makes no file, when the result has nothing for a STIX bundle', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    let downloads = 0;
    page.on('download', () => downloads++);
    // A threat profile without capabilities: a matrix to show, nothing covered.
    await page.goto(`${site()}coverage/?t=G0019`);
    await rendered(page);
    await page.getByRole('button', { name: 'Download the STIX 2.1 bundle' }).click();
    await expect
      .poll(() => page.locator('.coverage-notice').innerText())
      .toMatch(/^No STIX 2\.1 bundle made: none of the chosen capabilities covers a technique/);
    expect(downloads).toBe(0);
    await context.close();
  });

  it('is reached from a capability page, and without JavaScript explains itself and links the set matrices', async () => {
    const page = await browser.newPage();
    await page.goto(`${site()}frameworks/nist_800_53/capabilities/ac-4/`);
    await page.getByRole('link', { name: 'Add AC-4 to the coverage builder' }).click();
    await rendered(page);
    await expect(chosen(page)).resolves.toEqual([expect.stringMatching(/^AC-4 /)]);
    await page.close();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${site()}coverage/?c=nist_800_53:AC-4`);
    await expect(builder(plain).locator('.notice').innerText()).resolves.toMatch(/needs JavaScript/);
    const links = await builder(plain)
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(
      expect.arrayContaining(['/sets/nist_800_53-rev5_attack-8.2-enterprise/#matrix', '/sets/azure-06.29.2021_attack-8.2-enterprise/#matrix']),
    );
    await context.close();
  });

  describe('with a threat profile', () => {
    /** The computed background of the first matrix cell whose words say `words`. */
    const background = (page: Page, words: RegExp) =>
      page.locator('.coverage-domain .matrix li[data-t]').evaluateAll((cells, source) => {
        const cell = cells.find((li) => new RegExp(source).test(li.querySelector(':scope > a .sr')?.textContent ?? ''));
        return cell ? getComputedStyle(cell).backgroundColor : null;
      }, words.source);
    const states = {
      gap: /threat weight \d.*; not covered/,
      usedCovered: /threat weight \d.*; covered by/,
      covered: /not used by your adversaries; covered by/,
      none: /not used by your adversaries; not covered/,
    };

    it('reads t=, shows the four states in distinct colours (light and dark), the legend and the headline', async () => {
      // The default data maps T1046 only: G0019 uses it (used and covered), G0016 does not (covered, not used).
      const colours: Record<string, Record<string, string | null>> = {};
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ colorScheme: scheme });
        const page = await context.newPage();
        const seen: Record<string, string | null> = {};
        for (const threat of ['t=G0019&t=G9999', 't=G0016']) {
          await page.goto(`${site()}coverage/?c=azure:azure_sentinel&${threat}`);
          await rendered(page);
          for (const [state, words] of Object.entries(states)) seen[state] ??= await background(page, words);
        }
        colours[scheme] = seen;
        await expect(page.locator('.coverage-threat-list li').evaluateAll((li) => li.map((x) => x.textContent!.trim().split(' ')[0]))).resolves.toEqual([
          'G0016',
        ]);
        await expect(page.locator('.coverage-threat-line').innerText()).resolves.toMatch(
          /^Against your threat profile: covers 0 of the \d+ techniques your adversaries use \(0% of the threat weight\)\.$/,
        );
        const legend = await page.locator('.coverage-domain .matrix-legend li').allInnerTexts();
        expect(legend.map((l) => l.trim())).toEqual(['used, not covered (priority gap)', 'used and covered', 'covered, not used', 'neither']);
        await page.goto(`${site()}coverage/?c=azure:azure_sentinel&t=G0019&t=G9999`);
        await rendered(page);
        await expect(page.locator('.coverage-notice').innerText()).resolves.toContain('G9999');
        await expect(page.locator('.coverage-threat-line').innerText()).resolves.toMatch(/covers 1 of the \d+ techniques your adversaries use/);
        await context.close();
      }
      for (const scheme of ['light', 'dark']) {
        const c = colours[scheme]!;
        expect(
          Object.values(c).every((v) => v !== null),
          JSON.stringify(c),
        ).toBe(true);
        expect(new Set(Object.values(c)).size).toBe(4);
      }
      expect(colours['light']!['gap']).toBe('rgb(246, 193, 184)');
      expect(colours['dark']!['gap']).toBe('rgb(107, 34, 25)');
      expect(colours['light']!['usedCovered']).not.toBe(colours['dark']!['usedCovered']);
    });

    it('adds an adversary found by alias, counts their software on request, and adds a fix-next pick', async () => {
      const context = await browser.newContext({ acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(`${site()}coverage/?c=nist_800_53:CM-2`);
      await rendered(page);
      const box = page.getByRole('combobox', { name: 'Find a group, campaign or software by name or alias' });
      await box.click();
      await page.keyboard.type('midnight blizzard');
      await expect(page.locator('#coverage-find-threat-options [role="option"]').first().innerText()).resolves.toMatch(/^G0016 APT29/);
      await box.fill('');
      await page.keyboard.type('G0019');
      await page.keyboard.press('Enter');
      await expect.poll(() => new URL(page.url()).search).toBe('?c=nist_800_53:CM-2&t=G0019');
      await page.getByRole('button', { name: 'Remove CM-2' }).click();
      await expect.poll(() => new URL(page.url()).search).toBe('?t=G0019');
      const headline = () => page.locator('.coverage-threat-line').innerText();
      const used = async () => Number((await headline()).match(/of the (\d+) techniques/)![1]);
      const without = await used();
      await page.getByLabel(/With their software/).check();
      await expect.poll(() => new URL(page.url()).search).toBe('?t=G0019&ts=1');
      await expect.poll(used).toBeGreaterThan(without);
      const picks = page.locator('[data-fix="capabilities"] > li');
      await expect.poll(() => picks.count()).toBeGreaterThan(0);
      await expect(picks.first().innerText()).resolves.toMatch(/\+\d+ threat weight, \d+ techniques? \(\d+(\.\d)?% covered with those above\)/);
      await expect(page.locator('[data-fix="mitigations"] > li').first().innerText()).resolves.toMatch(/^M\d{4} /);
      const firstId = (await picks.first().locator('a strong').innerText()).trim();
      await picks
        .first()
        .getByRole('button', { name: `Add ${firstId}` })
        .click();
      await expect.poll(() => decodeURIComponent(new URL(page.url()).search)).toMatch(new RegExp(`^\\?c=(azure|nist_800_53):${firstId}&t=G0019&ts=1$`));
      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the CSV' }).click()]);
      const csv = Papa.parse<Record<string, string>>(await readFile((await csvDownload.path())!, 'utf8'), { header: true, skipEmptyLines: true });
      expect(csv.meta.fields).toEqual(expect.arrayContaining(['threat_weight', 'adversaries']));
      const weighted = csv.data.filter((r) => Number(r['threat_weight']) > 0);
      expect(weighted.length).toBe(await used());
      expect(weighted.every((r) => r['adversaries'] === 'G0019')).toBe(true);
      expect(csv.data.find((r) => r['attack_object_id'] === 'T1046')).toMatchObject({ covered: 'yes', threat_weight: '1', adversaries: 'G0019' });
      await context.close();
    });

    it('loads a Navigator layer as the threat profile, and refuses a bad file saying why, the selection kept', async () => {
      const page = await browser.newPage();
      await page.goto(`${site()}coverage/?c=azure:azure_sentinel&t=S0154`);
      await rendered(page);
      // Opened from its address, what to fix next is headed by the domain's name and version.
      await expect(page.locator('.coverage-fix-domain h3').first().innerText()).resolves.toMatch(/^ATT&CK Enterprise \d+\.\d+: what to fix next$/);
      const before = page.url();
      const file = page.getByLabel(/load a Navigator layer/);
      const problem = page.locator('.coverage-layer-problem');
      await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a layer at all') });
      await expect.poll(() => problem.innerText()).toBe('notes.txt is not JSON: choose a Navigator layer file (.json). The selection is unchanged.');
      expect(await problem.isVisible()).toBe(true);
      const layer = (body: object) => Buffer.from(JSON.stringify({ name: 'CTI picks', versions: { layer: '4.5' }, domain: 'enterprise-attack', ...body }));
      await file.setInputFiles({
        name: 'mobile.json',
        mimeType: 'application/json',
        buffer: layer({ domain: 'mobile-attack', techniques: [{ techniqueID: 'T1404', score: 1 }] }),
      });
      await expect.poll(() => problem.innerText()).toMatch(/domain "mobile-attack"/);
      await file.setInputFiles({
        name: 'odd.json',
        mimeType: 'application/json',
        buffer: layer({
          techniques: [
            { techniqueID: 'T9999.999', score: 2 },
            { techniqueID: 'T1046', score: 1 },
          ],
        }),
      });
      await expect.poll(() => problem.innerText()).toMatch(/names techniques not in enterprise ATT&CK 18\.1: T9999\.999\. The selection is unchanged\.$/);
      await expect(page.locator('.coverage-threat-list li').count()).resolves.toBe(1);
      expect(page.url()).toBe(before);
      await file.setInputFiles({
        name: 'good.json',
        mimeType: 'application/json',
        buffer: layer({
          techniques: [
            { techniqueID: 'T1046', score: 5 },
            { techniqueID: 'T1110', comment: 'seen in our logs' },
          ],
        }),
      });
      await expect.poll(() => problem.isVisible()).toBe(false);
      await expect.poll(() => page.locator('.coverage-threat-list li').nth(1).innerText()).toMatch(/^Layer CTI picks \(2 techniques, enterprise\)/);
      const t1046 = page.locator('.coverage-domain .matrix li[data-t] > a', { hasText: 'T1046' }).first();
      await expect(t1046.locator('.sr').textContent()).resolves.toMatch(/threat weight [5-9]/);
      await page.close();
    });
  });
});
