import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { v5 as uuidv5 } from 'uuid';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type RunningServer } from '../../scripts/site-check/static-server.ts';
import { loadSet, pageUrlsOf } from '../../src/lib/exports/export-rows.ts';
import { stixBundleOf } from '../../src/lib/exports/formats/stix-bundle.ts';
import { xlsxOf } from '../../src/lib/exports/formats/xlsx.ts';
import { yamlOf } from '../../src/lib/exports/formats/yaml.ts';
import { indexModel } from '../../src/lib/model/model-index.ts';
import { runPipeline } from '../../src/lib/ingest/pipeline.ts';
import type { FormatsInput } from './support/export-formats/main.ts';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

// The workbook, STIX and YAML writers as a browser runs them: bundled by Vite (as Astro bundles
// the site's scripts), exceljs split into its own chunk and fetched only when a workbook is made,
// and the files made in Chromium the same as those made in Node.

let browser: Browser;
let server: RunningServer;
let outDir: string;
let input: FormatsInput;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'mapscope-formats-bundle-'));
  await build({
    root: path.resolve(import.meta.dirname, 'support/export-formats'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 2000 },
  });
  server = await serveStatic(outDir);
  browser = await launchBrowser();
  // Two sets that map T1046, the way a technique page's downloads take them.
  const model = (await runPipeline([path.resolve(import.meta.dirname, '../../data')])).model!;
  const ctx = indexModel(model);
  const pages = pageUrlsOf((t) => `https://mapscope.example/${t.technique ? `techniques/${t.technique}` : `sets/${t.set}`}/`);
  const sets = model.sets
    .map((set) => loadSet(ctx, set, pages))
    .map(({ set, rows }) => ({ set, rows: rows.filter((r) => r.object['attack_object_id'] === 'T1046').map(({ scopes: _s, ...row }) => row) }));
  const ids = Object.fromEntries(
    [...new Set(sets.flatMap((s) => s.rows.map((r) => String(r.object['attack_object_id']))))].map((t) => [
      t,
      `attack-pattern--${uuidv5(t, '6ba7b811-9dad-11d1-80b4-00c04fd430c8')}`,
    ]),
  );
  input = { sets, attackPatternIds: ids, about: { mapscopeVersion: '0.1.0', buildDate: '2026-12-01', subject: 'T1046' } };
  expect(sets.map((s) => s.rows.length).every((n) => n > 0)).toBe(true);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every sheet's cells (value and hyperlink) of a workbook, read with exceljs. */
async function cellsOf(bytes: Uint8Array) {
  const { default: Excel } = (await import('exceljs')) as unknown as { default: typeof ExcelJS };
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => ({
    name: sheet.name,
    rows: sheet.getSheetValues().map((row) => JSON.stringify(row)),
  }));
}

describe('the newer download formats in a browser', () => {
  it('bundle with exceljs in a chunk of its own, fetched only when a workbook is made', async () => {
    const files = await readdir(path.join(outDir, 'assets'));
    const excel = files.filter((f) => /^exceljs/.test(f));
    const entry = files.filter((f) => f.startsWith('index-') && f.endsWith('.js'));
    expect(excel).toHaveLength(1);
    expect(entry).toHaveLength(1);
    const gzip = async (f: string) => gzipSync(await readFile(path.join(outDir, 'assets', f))).length;
    // The writers without exceljs stay small; exceljs is some 270 KB gzip.
    expect(await gzip(entry[0]!)).toBeLessThan(40_000);
    expect(await gzip(excel[0]!)).toBeGreaterThan(150_000);

    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready]', { state: 'attached' });
    expect(requested.some((p) => p.includes(entry[0]!))).toBe(true);
    expect(requested.some((p) => p.includes('exceljs'))).toBe(false);
    await page.evaluate((i) => (window as unknown as { makeFormats: (i: unknown) => Promise<unknown> }).makeFormats(i), input);
    expect(requested.some((p) => p.includes(excel[0]!))).toBe(true);
    await page.close();
  });

  it('make the same workbook, STIX bundle and YAML as Node does', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready]', { state: 'attached' });
    const made = await page.evaluate(
      (i) => (window as unknown as { makeFormats: (i: unknown) => Promise<{ xlsx: string; stix: string; yaml: string }> }).makeFormats(i),
      input,
    );
    await page.close();
    expect(errors).toEqual([]);

    const [first] = input.sets;
    expect(made.yaml).toBe(yamlOf(first!.set, first!.rows));
    expect(JSON.parse(made.stix)).toEqual(stixBundleOf(first!.set, first!.rows, new Map(Object.entries(input.attackPatternIds))));

    const inBrowser = Buffer.from(made.xlsx, 'base64');
    expect(inBrowser.subarray(0, 2).toString()).toBe('PK');
    const inNode = await xlsxOf(input.sets, input.about);
    const browserCells = await cellsOf(new Uint8Array(inBrowser));
    expect(browserCells.map((s) => s.name)).toEqual(['Mappings', ...input.sets.map(() => expect.any(String)), 'About']);
    expect(browserCells[0]!.rows.length).toBe(1 + 1 + input.sets.reduce((n, s) => n + s.rows.length, 0));
    expect(browserCells).toEqual(await cellsOf(inNode.bytes));
  });
});
