/**
 * The coverage builder in a real browser, on the default site (T1046 with its NIST and Azure
 * capabilities): chosen by URL, by typing, by a baseline; its link copied; its layer and CSV
 * downloaded; and what the page says without JavaScript.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

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
    await expect(page.locator('.coverage-domain h2').innerText()).resolves.toMatch(/^ATT&CK Enterprise 8\.2: covers 1 of \d{3} techniques and sub-techniques$/);
    // The matrix cell says its coverage in words, and the table lists who covers it.
    const cell = page.locator('.coverage-domain .matrix a', { hasText: 'T1046' });
    await expect(cell.innerText()).resolves.toContain('2 capabilities, detect partial');
    await page.locator('details[data-table="covered"] summary').click();
    const row = page.locator('details[data-table="covered"] tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    await expect(row.innerText()).resolves.toMatch(/^T1046\s+Network Service Scanning\s+2\s+azure_sentinel, AC-4\s+detect partial$/);
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
    const [layerDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Navigator layer/ }).click()]);
    expect(layerDownload.suggestedFilename()).toBe('coverage_enterprise_layer.json');
    const layer = JSON.parse(await readFile((await layerDownload.path())!, 'utf8'));
    expect(layer.versions).toEqual({ attack: '8.2', navigator: '4.9.1', layer: '4.5' });
    expect(layer.domain).toBe('enterprise-attack');
    expect(layer.techniques).toEqual([expect.objectContaining({ techniqueID: 'T1046', score: 3 })]);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the CSV' }).click()]);
    const csv = Papa.parse<Record<string, string>>(await readFile((await csvDownload.path())!, 'utf8'), { header: true, skipEmptyLines: true });
    expect(csv.errors).toEqual([]);
    expect(csv.data.length).toBeGreaterThan(500);
    expect(csv.data.find((r) => r['attack_object_id'] === 'T1046')).toMatchObject({ covered: 'yes', capability_count: '3' });
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
    const links = await builder(plain).locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['/sets/nist_800_53-rev5_attack-8.2-enterprise/#matrix', '/sets/azure-06.29.2021_attack-8.2-enterprise/#matrix']));
    await context.close();
  });
});
