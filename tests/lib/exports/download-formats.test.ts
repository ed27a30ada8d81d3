import path from 'node:path';
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareDownloads, type PreparedDownloads } from '../../../scripts/build-downloads.ts';
import { downloadTable } from '../../../src/lib/exports/download-table.ts';
import { pageRowsBySet, type DownloadFormat } from '../../../src/lib/exports/formats/download-format.ts';
import { DOWNLOAD_FORMATS, formatById } from '../../../src/lib/exports/formats/index.ts';
import { xlsxFormat, xlsxOf } from '../../../src/lib/exports/formats/xlsx.ts';
import { pageFile } from '../../../src/lib/exports/page-downloads.ts';
import { planDownloads } from '../../../src/lib/exports/site-downloads.ts';
import { indexModel } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import type { Model } from '../../../src/lib/model/schema.ts';
import { ROOT } from '../../support/paths.ts';

// The registry of download formats is the one list the build, the pages and the browser read:
// a format registered there gets its files planned, written, listed and named, and nothing else.

const NIST = 'nist_800_53-rev5_attack-8.2-enterprise';
const AZURE = 'azure-06.29.2021_attack-8.2-enterprise';
const about = { mapscopeVersion: '0.1.0', buildDate: '2026-12-01' };

/** The workbook as the next format would register it: formats/xlsx.ts's writer, for set pages and pages' own rows. */
const workbook: DownloadFormat = {
  ...xlsxFormat,
  linkText: 'Excel',
  listed: true,
  scopes: {
    set: { write: async ({ set, rows }) => (await xlsxOf([{ set, rows }], about)).bytes },
    page: { write: async (input) => (await xlsxOf(pageRowsBySet(input), { ...about, ...(input.subject ? { subject: input.subject } : {}) })).bytes },
  },
};

let model: Model;
let shipped: PreparedDownloads;
let withWorkbook: PreparedDownloads;
beforeAll(async () => {
  model = (await runPipeline([path.join(ROOT, 'data')])).model!;
  shipped = await prepareDownloads(model, {});
  withWorkbook = await prepareDownloads(model, {}, [...DOWNLOAD_FORMATS, workbook]);
}, 60_000);

const rowsOf = (prepared: PreparedDownloads, scope: string) => prepared.manifest[scope] ?? [];
const tableOf = (prepared: PreparedDownloads, scope: string, formats = DOWNLOAD_FORMATS) => downloadTable(rowsOf(prepared, scope), formats);

async function sheetNames(bytes: Uint8Array): Promise<string[]> {
  const { default: Excel } = (await import('exceljs')) as unknown as { default: typeof ExcelJS };
  const book = new Excel.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book.worksheets.map((s) => s.name);
}

describe('the registry of download formats', () => {
  it('lists each format once, and no two files of a set share a name', () => {
    const ids = DOWNLOAD_FORMATS.map((f) => f.id);
    expect(ids).toEqual(['csv', 'json', 'layer', 'non-mappable', 'gaps', 'rows', 'compare']);
    const suffixes = DOWNLOAD_FORMATS.filter((f) => f.scopes.set).map((f) => f.suffix);
    expect(new Set(suffixes).size).toBe(suffixes.length);
    expect(() => formatById('xlsx')).toThrow('unknown download format "xlsx" (known: csv, json, layer, non-mappable, gaps, rows, compare)');
  });

  it('gives every format a page makes a whole-set file too, which its link gives without JavaScript', () => {
    for (const format of DOWNLOAD_FORMATS.filter((f) => f.scopes.page)) expect(format.scopes.set, format.id).toBeDefined();
  });

  it('draws a set page\'s table: a column per format the set has, in the registry\'s order, each with its size', () => {
    const table = tableOf(shipped, `set:${NIST}`);
    expect(table.columns.map((f) => f.label)).toEqual(['CSV', 'JSON', 'Navigator layer', 'Gaps (CSV)']);
    expect(table.scoped).toBe(false);
    expect(table.rows[0]!.cells.map((c) => c && `${c.path} ${c.text} (${c.note}) ${c.makes ?? '-'}`)).toEqual([
      `${NIST}.csv CSV (2.2 KB) -`,
      `${NIST}.json JSON (3.4 KB) -`,
      `${NIST}_layer.json Layer (1.6 KB) -`,
      `${NIST}_gaps.csv CSV (33.2 KB) -`,
    ]);
  });

  it('draws a technique page\'s table of its own files: whole-set links that say which format to make', () => {
    const table = tableOf(shipped, 'technique:T1046');
    expect(table).toMatchObject({ scoped: true, allSets: 'T1046_all-sets.csv', stem: 'T1046', subject: 'T1046' });
    expect(table.rows.map(({ all, cells }) => [all, cells.map((c) => c && `${c.path} ${c.makes} ${c.note}`)])).toEqual([
      [true, [`${AZURE}.csv csv 17 mappings`, null, null]],
      [false, [null, `${AZURE}.json json 6 mappings`, `${AZURE}_layer.json layer 6 mappings`]],
      [false, [null, `${NIST}.json json 11 mappings`, `${NIST}_layer.json layer 11 mappings`]],
    ]);
  });

  it('names a page\'s file from the link clicked: its format and its set\'s whole file', () => {
    expect(pageFile({ format: 'layer', file: `${NIST}_layer.json`, stem: 'capability-ac-4' }, formatById)).toEqual({ name: `${NIST}_capability-ac-4_layer.json`, sets: [NIST] });
    const files = [{ format: 'json', file: `${AZURE}.json` }, { format: 'json', file: `${NIST}.json` }];
    expect(pageFile({ format: 'csv', file: `${AZURE}.csv`, stem: 'T1046', allSets: { name: 'T1046_all-sets.csv', files } }, formatById)).toEqual({ name: 'T1046_all-sets.csv', sets: [AZURE, NIST] });
    expect(() => pageFile({ format: 'json', file: `${NIST}_layer.txt`, stem: 'T1046' }, formatById)).toThrow(`${NIST}_layer.txt is not a file ending in .json`);
  });
});

describe('a format registered', () => {
  it('is written by the build for every set, in the manifest with its size', async () => {
    const written = withWorkbook.files.filter((f) => f.path.endsWith('.xlsx'));
    expect(written.map((f) => f.path).sort()).toEqual(model.sets.map((s) => `${s.id}.xlsx`).sort());
    const nist = written.find((f) => f.path === `${NIST}.xlsx`)!.content as Uint8Array;
    expect(Buffer.from(nist.subarray(0, 2)).toString()).toBe('PK');
    expect(await sheetNames(nist)).toEqual(['Mappings', 'About']);
    expect(rowsOf(withWorkbook, `set:${NIST}`)[0]!.files.at(-1)).toEqual({ format: 'xlsx', path: `${NIST}.xlsx`, bytes: nist.byteLength });
    // The other formats' files are the same bytes.
    expect(withWorkbook.files.filter((f) => !f.path.endsWith('.xlsx'))).toEqual(shipped.files);
    expect(shipped.files.some((f) => f.path.endsWith('.xlsx'))).toBe(false);
  });

  it('gets its column on set pages and on the pages that make their own files', () => {
    const formats = [...DOWNLOAD_FORMATS, workbook];
    expect(tableOf(withWorkbook, `set:${NIST}`, formats).columns.map((f) => f.label)).toEqual(['CSV', 'JSON', 'Navigator layer', 'Gaps (CSV)', 'Excel workbook']);
    expect(tableOf(withWorkbook, `set:${NIST}`, formats).rows[0]!.cells.at(-1)).toMatchObject({ path: `${NIST}.xlsx`, text: 'Excel' });
    const technique = tableOf(withWorkbook, 'technique:T1046', formats);
    expect(technique.columns.map((f) => f.label)).toEqual(['CSV', 'JSON', 'Navigator layer', 'Excel workbook']);
    // It spans sets, as the CSV does: one workbook across the page's sets, made in the browser.
    expect(technique.rows.map((r) => r.cells.at(-1))).toEqual([{ path: `${AZURE}.xlsx`, makes: 'xlsx', text: 'Excel', note: '17 mappings' }, null, null]);
    expect(rowsOf(withWorkbook, 'technique:T1046')[0]!.files.map((f) => f.path)).toEqual(['T1046_all-sets.csv', 'T1046_all-sets.xlsx']);
    expect(pageFile({ format: 'xlsx', file: `${AZURE}.xlsx`, stem: 'T1046', allSets: { name: 'T1046_all-sets.csv', files: [{ format: 'json', file: `${AZURE}.json` }] } }, (id) => formatById(id, formats)).name).toBe('T1046_all-sets.xlsx');
    expect(tableOf(shipped, 'technique:T1046').columns.map((f) => f.label)).toEqual(['CSV', 'JSON', 'Navigator layer']);
  });

  it('makes a page\'s own file with its writer, as the browser does', async () => {
    const planned = [...planDownloads(indexModel(model), { pageUrl: () => 'https://mapscope.example/' }, [...DOWNLOAD_FORMATS, workbook])];
    const file = planned.find((f) => f.path === 'T1046_all-sets.xlsx')!;
    expect(file).toMatchObject({ prebuilt: false, scoped: { rows: 17, sets: [AZURE, NIST] } });
    const sheets = await sheetNames((await file.content()) as Uint8Array);
    expect(sheets).toHaveLength(4);
    expect([sheets[0], sheets[3]]).toEqual(['Mappings', 'About']);
  });
});
