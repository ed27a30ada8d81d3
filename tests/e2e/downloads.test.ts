import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('downloads from the T1046 page', () => {
  it('the CSV downloads with its descriptive name and parses into the 17 rows', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${inject('siteUrl')}techniques/T1046/`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('section.downloads').getByRole('button', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('T1046_all-sets.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(17);
    expect(parsed.data.filter((r) => r['mapping_framework'] === 'nist_800_53').map((r) => r['capability_id'])).toEqual([
      'AC-4',
      'CA-7',
      'CM-2',
      'CM-6',
      'CM-7',
      'CM-8',
      'RA-5',
      'SC-7',
      'SC-46',
      'SI-3',
      'SI-4',
    ]);
    expect(new Set(parsed.data.map((r) => r['attack_object_id']))).toEqual(new Set(['T1046']));
    await context.close();
  });

  it('the NIST set JSON downloads and holds the 11 mappings', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${inject('siteUrl')}techniques/T1046/`);
    const section = page.locator('section.downloads');
    await section.getByLabel('Mappings of').selectOption({ label: 'NIST SP 800-53 rev5 @ 8.2 (11 mappings)' });
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'JSON' }).click()]);
    expect(download.suggestedFilename()).toBe('nist_800_53-rev5_attack-8.2-enterprise_T1046.json');
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(data.metadata.mapping_framework).toBe('nist_800_53');
    expect(data.mapping_objects).toHaveLength(11);
    await context.close();
  });

  it('the Azure Navigator layer downloads and parses as a 4.5 layer scoring T1046', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${inject('siteUrl')}techniques/T1046/`);
    const section = page.locator('section.downloads');
    await section.getByLabel('Mappings of').selectOption('azure-06.29.2021_attack-8.2-enterprise');
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Navigator layer' }).click()]);
    expect(download.suggestedFilename()).toBe('azure-06.29.2021_attack-8.2-enterprise_T1046_layer.json');
    const layer = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(layer.versions.layer).toBe('4.5');
    expect(layer.techniques).toEqual([expect.objectContaining({ techniqueID: 'T1046', score: 3 })]);
    await context.close();
  });

  it("are made in the browser from the set files: nothing per page is fetched but the sets' JSON and rows files", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`${inject('siteUrl')}frameworks/nist_800_53/capabilities/ac-4/`);
    const section = page.locator('section.downloads');
    await section.getByLabel('Mappings of').selectOption({ label: 'NIST SP 800-53 rev5 @ 8.2 (1 mapping)' });
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Navigator layer' }).click()]);
    expect(download.suggestedFilename()).toBe('nist_800_53-rev5_attack-8.2-enterprise_capability-ac-4_layer.json');
    const layer = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(layer.name).toBe('AC-4: NIST SP 800-53 rev5 → ATT&CK Enterprise 8.2');
    expect(requested.filter((p) => p.startsWith('/downloads/'))).toEqual([
      '/downloads/nist_800_53-rev5_attack-8.2-enterprise.json',
      '/downloads/nist_800_53-rev5_attack-8.2-enterprise_rows.json',
    ]);
    await expect(page.locator('section.downloads [role="status"]').innerText()).resolves.toBe(
      'nist_800_53-rev5_attack-8.2-enterprise_capability-ac-4_layer.json downloaded.',
    );
    await context.close();
  });

  it("a set's CSV, picked in the menu, holds that set's rows only", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${inject('siteUrl')}techniques/T1046/`);
    const section = page.locator('section.downloads');
    await section.getByLabel('Mappings of').selectOption('azure-06.29.2021_attack-8.2-enterprise');
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('azure-06.29.2021_attack-8.2-enterprise_T1046.csv');
    const parsed = Papa.parse<Record<string, string>>(await readFile((await download.path())!, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(6);
    expect(new Set(parsed.data.map((r) => r['mapping_framework']))).toEqual(new Set(['azure']));
    await context.close();
  });

  it("without JavaScript, hide the menu and link each set's page, where its whole files are", async () => {
    const context = await browser.newContext({ acceptDownloads: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${inject('siteUrl')}techniques/T1046/`);
    const section = page.locator('section.downloads');
    await expect(section.locator('.download-menu').isVisible()).resolves.toBe(false);
    await expect(section.getByRole('button').count()).resolves.toBe(0);
    await section.getByRole('link', { name: 'rev5 @ 8.2' }).click();
    await page.waitForURL(/\/sets\/nist_800_53-rev5_attack-8\.2-enterprise\/#downloads$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#downloads').getByRole('link', { name: /^JSON/ }).click()]);
    expect(download.suggestedFilename()).toBe('nist_800_53-rev5_attack-8.2-enterprise.json');
    await context.close();
  });
});
