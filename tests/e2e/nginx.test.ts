/**
 * Self-hosting recipe: the built default site served by Debian's nginx with
 * deploy/nginx/mapscope.conf. What a team inside a company network would get.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HASHED_ASSET_CACHE, SECURITY_HEADERS } from '../../src/lib/site/security-policy.ts';
import { launchBrowser } from '../../scripts/site-check/browser.ts';
import { serveWithNginx, type NginxSite } from './support/nginx.ts';

let browser: Browser;
let nginx: NginxSite;
beforeAll(async () => {
  [browser, nginx] = await Promise.all([launchBrowser(), serveWithNginx(inject('siteDist'))]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), nginx?.close()]);
});

const at = (p: string) => new URL(p, nginx.url).href;

function expectSecurityHeaders(response: Response): void {
  for (const [name, value] of SECURITY_HEADERS) expect(response.headers.get(name), name).toBe(value);
}

describe('the site behind nginx (deploy/nginx/mapscope.conf)', () => {
  it('serves pages with the security headers of dist/_headers, gzipped, revalidated', async () => {
    const response = await fetch(at('/techniques/T1046/'), { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('server')).toBe('nginx');
    expectSecurityHeaders(response);
    expect(await response.text()).toContain('<h1');
    // The file for other hosts says the same.
    const hostFile = await readFile(path.join(inject('siteDist'), '_headers'), 'utf8');
    for (const [name, value] of SECURITY_HEADERS) expect(hostFile).toContain(`  ${name}: ${value}\n`);
  });

  it('lets browsers keep hashed assets for a year', async () => {
    const html = await (await fetch(at('/'))).text();
    const asset = /(?:src|href)="(\/_astro\/[^"]+\.(?:js|css))"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const response = await fetch(at(asset!));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(HASHED_ASSET_CACHE);
    expect(response.headers.get('content-type')).toMatch(/^(application\/javascript|text\/css)/);
    expectSecurityHeaders(response);
  });

  it("answers an unknown path with the site's 404 page and status, headers included", async () => {
    const response = await fetch(at('/techniques/T9999/'));
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
    expect(await response.text()).toContain('<h1>Page not found</h1>');
    expect((await fetch(at('/_headers'))).status).toBe(404);
  });

  it('follows a deep link without its trailing slash to the mapping row', async () => {
    const bare = await fetch(at('/techniques/T1046'), { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/techniques/T1046/');
    const page = await browser.newPage();
    const html = await (await fetch(at('/techniques/T1046/'))).text();
    const rowId = /<tr id="([a-z0-9-]+-t1046-[0-9a-f]+)"/.exec(html)?.[1];
    expect(rowId).toBeDefined();
    const response = await page.goto(at(`/techniques/T1046#${rowId}`));
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/techniques/T1046/');
    await expect(page.locator(`[id="${rowId}"]`).evaluate((row) => row.matches(':target'))).resolves.toBe(true);
    await page.close();
  });

  it("serves a whole-set CSV as text/csv and makes a page's CSV in the browser", async () => {
    const direct = await fetch(at('/downloads/nist_800_53-rev5_attack-8.2-enterprise.csv'));
    expect(direct.status).toBe(200);
    expect(direct.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(at('/techniques/T1046/'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('section.downloads').getByRole('button', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('T1046_all-sets.csv');
    const parsed = Papa.parse<Record<string, string>>(await readFile((await download.path())!, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(17);
    await context.close();
  });

  it('lets ATT&CK Navigator (another origin) read a layer file, and only the download files', async () => {
    const layer = at('/downloads/nist_800_53-rev5_attack-8.2-enterprise_layer.json');
    const direct = await fetch(layer, { headers: { Origin: 'https://mitre-attack.github.io' } });
    expect(direct.status).toBe(200);
    expect(direct.headers.get('access-control-allow-origin')).toBe('*');
    expectSecurityHeaders(direct);
    expect((await fetch(at('/techniques/T1046/'))).headers.get('access-control-allow-origin')).toBeNull();
    // A page of another origin (about:blank's opaque one) reads it as Navigator's #layerURL= does.
    const page = await browser.newPage();
    const read = await page.evaluate(async (url) => {
      try {
        const json = (await (await fetch(url)).json()) as { domain?: string; techniques?: unknown[] };
        return `${json.domain} ${json.techniques?.length ?? 0}`;
      } catch (error) {
        return `refused: ${(error as Error).message}`;
      }
    }, layer);
    expect(read).toMatch(/^enterprise-attack [1-9]\d* ?$/);
    await page.close();
  });

  it('searches as you type, the index and worker coming from nginx', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
    await page.goto(at('/'));
    await page.locator('#site-search-input').click();
    await page.keyboard.type('boundry protection');
    await expect(page.locator('#site-search-input-results [role="option"]').first().innerText()).resolves.toMatch(/^SC-7 Boundary Protection/);
    expect(failed).toEqual([]);
    await page.close();
  });
});
