import path from 'node:path';
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareDownloads, type PreparedDownloads } from '../../../scripts/build-downloads.ts';
import { downloadMenu } from '../../../src/lib/exports/download-menu.ts';
import { downloadTable, navigatorLink } from '../../../src/lib/exports/download-table.ts';
import { pageRowsBySet, type DownloadFormat } from '../../../src/lib/exports/formats/download-format.ts';
import { DOWNLOAD_FORMATS, formatById } from '../../../src/lib/exports/formats/index.ts';
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

/** A format as the next one would register it: bytes made after a promise, for set pages and pages' own rows, spanning sets. */
const probe: DownloadFormat = {
  id: 'probe',
  label: 'Probe',
  linkText: 'Probe',
  mediaType: 'application/octet-stream',
  suffix: '_probe.bin',
  spansSets: true,
  listed: true,
  purpose: 'A test format: the capability ids of the rows.',
  scopes: {
    set: { write: async ({ rows }) => new TextEncoder().encode(`${rows.map((r) => r.object['capability_id']).join('\n')}\n`) },
    page: {
      write: async (input) =>
        new TextEncoder().encode(
          pageRowsBySet(input)
            .map(({ set, rows }) => `${set.id}: ${rows.length}`)
            .join('\n'),
        ),
    },
  },
};

let model: Model;
let shipped: PreparedDownloads;
let withProbe: PreparedDownloads;
beforeAll(async () => {
  model = (await runPipeline([path.join(ROOT, 'data')])).model!;
  shipped = await prepareDownloads(model, {});
  withProbe = await prepareDownloads(model, {}, [...DOWNLOAD_FORMATS, probe]);
}, 60_000);

const rowsOf = (prepared: PreparedDownloads, scope: string) => prepared.manifest[scope] ?? [];
const tableOf = (prepared: PreparedDownloads, scope: string, formats = DOWNLOAD_FORMATS) => downloadTable(rowsOf(prepared, scope), formats);
/** A page's menu, its rows labelled as download-files.ts labels them (the set's id here). */
const menuOf = (prepared: PreparedDownloads, scope: string, formats = DOWNLOAD_FORMATS) =>
  downloadMenu(
    rowsOf(prepared, scope).map((r) => ({ ...r, label: r.setId ?? 'All', ...(r.setId ? { framework: r.setId.split('-')[0], version: r.setId } : {}) })),
    formats,
  );

async function sheetNames(bytes: Uint8Array | string): Promise<string[]> {
  const { default: Excel } = (await import('exceljs')) as unknown as { default: typeof ExcelJS };
  const book = new Excel.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book.worksheets.map((s) => s.name);
}

describe('the registry of download formats', () => {
  it('lists each format once, and no two files of a set share a name', () => {
    const ids = DOWNLOAD_FORMATS.map((f) => f.id);
    expect(ids).toEqual(['csv', 'xlsx', 'json', 'yaml', 'layer', 'stix', 'non-mappable', 'gaps', 'rows', 'compare']);
    const suffixes = DOWNLOAD_FORMATS.filter((f) => f.scopes.set).map((f) => f.suffix);
    expect(new Set(suffixes).size).toBe(suffixes.length);
    expect(() => formatById('probe')).toThrow('unknown download format "probe" (known: csv, xlsx, json, yaml, layer, stix, non-mappable, gaps, rows, compare)');
    // Every format a page lists says what it is for, in the line under the table.
    for (const format of DOWNLOAD_FORMATS.filter((f) => f.listed)) expect(format.purpose, format.id).toMatch(/^[A-Z].{20,}\.$/);
  });

  it('gives every format a page makes a whole-set file too, which its link gives without JavaScript', () => {
    for (const format of DOWNLOAD_FORMATS.filter((f) => f.scopes.page)) expect(format.scopes.set, format.id).toBeDefined();
  });

  it("draws a set page's table: a column per format the set has, in the registry's order, each with its size", () => {
    const table = tableOf(shipped, `set:${NIST}`);
    expect(table.columns.map((f) => f.label)).toEqual(['CSV', 'Excel workbook', 'JSON', 'YAML', 'Navigator layer', 'STIX 2.1 bundle', 'Gaps (CSV)']);
    expect(table.rows[0]!.cells.map((c) => c && `${c.path} ${c.text} (${c.note})`)).toEqual([
      `${NIST}.csv CSV (2.2 KB)`,
      expect.stringMatching(new RegExp(`^${NIST}\\.xlsx Excel \\(\\d+\\.\\d KB\\)$`)),
      `${NIST}.json JSON (3.4 KB)`,
      `${NIST}.yaml YAML (3.6 KB)`,
      `${NIST}_layer.json Layer (1.6 KB)`,
      expect.stringMatching(new RegExp(`^${NIST}_stix\\.json STIX \\(\\d+\\.\\d KB\\)$`)),
      `${NIST}_gaps.csv CSV (33.2 KB)`,
    ]);
    // A set page lists whole files: no menu of its own.
    expect(menuOf(shipped, `set:${NIST}`)).toBeNull();
    // Without a known public origin, no layer offers to open in Navigator.
    expect(table.rows[0]!.cells.some((c) => c?.navigator)).toBe(false);
  });

  it('offers "Open in ATT&CK Navigator" for a prebuilt layer only when the site knows its public origin', () => {
    const rows = rowsOf(shipped, `set:${NIST}`);
    const withOrigin = downloadTable(rows, DOWNLOAD_FORMATS, { origin: 'https://example.github.io/', fileHref: (p) => `/mapscope/downloads/${p}` });
    const layerAt = withOrigin.columns.findIndex((f) => f.id === 'layer');
    const layer = withOrigin.rows[0]!.cells[layerAt]!;
    expect(layer.navigator).toBe(
      `https://mitre-attack.github.io/attack-navigator/#layerURL=${encodeURIComponent(`https://example.github.io/mapscope/downloads/${NIST}_layer.json`)}`,
    );
    expect(layer.navigator).toBe(navigatorLink(`https://example.github.io/mapscope/downloads/${NIST}_layer.json`));
    expect(withOrigin.rows[0]!.cells.filter((c) => c?.navigator)).toHaveLength(1);
    for (const origin of [null, undefined, ''])
      expect(
        downloadTable(rows, DOWNLOAD_FORMATS, { origin }).rows[0]!.cells.some((c) => c?.navigator),
        String(origin),
      ).toBe(false);
  });

  it("draws a technique page's menu of its own files: a line per format, all its sets or one, named as the build names them", () => {
    const menu = menuOf(shipped, 'technique:T1046')!;
    expect(menu.formats.map((f) => [f.label, f.spansSets])).toEqual([
      ['CSV', true],
      ['Excel workbook', true],
      ['JSON', false],
      ['YAML', false],
      ['Navigator layer', false],
      ['STIX 2.1 bundle', false],
    ]);
    expect(menu).toMatchObject({ name: 'T1046', stem: 'T1046', subject: 'T1046', total: 17 });
    expect(menu.sets).toEqual([
      { setId: AZURE, label: AZURE, rows: 6 },
      { setId: NIST, label: NIST, rows: 11 },
    ]);
    expect(menu.frameworks).toEqual([
      { name: 'azure', sets: [{ setId: AZURE, label: AZURE, rows: 6, version: AZURE }] },
      { name: 'nist_800_53', sets: [{ setId: NIST, label: NIST, rows: 11, version: NIST }] },
    ]);
    const capability = menuOf(shipped, 'capability:nist_800_53:ac-4')!;
    expect(capability).toMatchObject({ name: 'nist_800_53_capability-ac-4', stem: 'capability-ac-4', subject: 'AC-4', total: 1 });
  });

  it("names a page's file from the menu: its format and the scope chosen", () => {
    const page = { sets: [AZURE, NIST], name: 'nist_800_53_capability-ac-4', stem: 'capability-ac-4' };
    expect(pageFile({ ...page, format: 'layer', set: NIST }, formatById)).toEqual({ name: `${NIST}_capability-ac-4_layer.json`, sets: [NIST] });
    expect(pageFile({ ...page, format: 'csv', set: AZURE }, formatById)).toEqual({ name: `${AZURE}_capability-ac-4.csv`, sets: [AZURE] });
    expect(pageFile({ ...page, format: 'csv', set: null }, formatById)).toEqual({ name: 'nist_800_53_capability-ac-4_all-sets.csv', sets: [AZURE, NIST] });
    expect(pageFile({ ...page, format: 'xlsx', set: null }, formatById).name).toBe('nist_800_53_capability-ac-4_all-sets.xlsx');
    expect(() => pageFile({ ...page, format: 'json', set: null }, formatById)).toThrow('a JSON file holds one set: choose a set in the menu');
    expect(() => pageFile({ ...page, sets: [], format: 'csv', set: null }, formatById)).toThrow('the page names no set');
  });
});

describe('a format registered', () => {
  it('is written by the build for every set, in the manifest with its size', async () => {
    const written = withProbe.files.filter((f) => f.path.endsWith('_probe.bin'));
    expect(written.map((f) => f.path).sort()).toEqual(model.sets.map((s) => `${s.id}_probe.bin`).sort());
    const nist = written.find((f) => f.path === `${NIST}_probe.bin`)!.content as Uint8Array;
    expect(new TextDecoder().decode(nist).split('\n')).toContain('AC-4');
    expect(rowsOf(withProbe, `set:${NIST}`)[0]!.files.at(-1)).toEqual({ format: 'probe', path: `${NIST}_probe.bin`, bytes: nist.byteLength });
    // The other formats' files are the same files (the workbooks' zip entries carry the time they were made).
    const others = (prepared: PreparedDownloads) => prepared.files.filter((f) => !f.path.endsWith('_probe.bin') && !f.path.endsWith('.xlsx'));
    expect(others(withProbe)).toEqual(others(shipped));
    expect(shipped.files.some((f) => f.path.endsWith('_probe.bin'))).toBe(false);
  });

  it('gets its column on set pages and on the pages that make their own files', () => {
    const formats = [...DOWNLOAD_FORMATS, probe];
    expect(
      tableOf(withProbe, `set:${NIST}`, formats)
        .columns.map((f) => f.label)
        .at(-1),
    ).toBe('Probe');
    expect(tableOf(withProbe, `set:${NIST}`, formats).rows[0]!.cells.at(-1)).toMatchObject({ path: `${NIST}_probe.bin`, text: 'Probe' });
    const technique = menuOf(withProbe, 'technique:T1046', formats)!;
    // It spans sets, as the CSV does: one file across the page's sets, made in the browser.
    expect(technique.formats.map((f) => [f.label, f.spansSets]).at(-1)).toEqual(['Probe', true]);
    expect(rowsOf(withProbe, 'technique:T1046')[0]!.files.map((f) => f.path)).toEqual([
      'T1046_all-sets.csv',
      'T1046_all-sets.xlsx',
      'T1046_all-sets_probe.bin',
    ]);
    expect(pageFile({ format: 'probe', set: null, sets: [AZURE], name: technique.name, stem: technique.stem }, (id) => formatById(id, formats)).name).toBe(
      'T1046_all-sets_probe.bin',
    );
    expect(menuOf(shipped, 'technique:T1046')!.formats.map((f) => f.label)).not.toContain('Probe');
  });

  it("makes a page's own file with its writer, as the browser does", async () => {
    const planned = [...planDownloads(indexModel(model), { pageUrl: () => 'https://mapscope.example/' }, [...DOWNLOAD_FORMATS, probe])];
    const file = planned.find((f) => f.path === 'T1046_all-sets_probe.bin')!;
    expect(file).toMatchObject({ prebuilt: false, scoped: { rows: 17, sets: [AZURE, NIST] } });
    expect(new TextDecoder().decode((await file.content()) as Uint8Array)).toBe(`${AZURE}: 6\n${NIST}: 11`);
  });

  it("the workbook, registered: a page's workbook spans its sets, a sheet each, and its About sheet says what made it", async () => {
    const planned = [
      ...planDownloads(indexModel(model), { pageUrl: () => 'https://mapscope.example/', made: { mapscopeVersion: '9.9.9', buildDate: '2026-12-01' } }),
    ];
    const file = planned.find((f) => f.path === 'T1046_all-sets.xlsx')!;
    expect(file).toMatchObject({ prebuilt: false, scoped: { rows: 17, sets: [AZURE, NIST] } });
    const bytes = (await file.content()) as Uint8Array;
    const sheets = await sheetNames(bytes);
    expect(sheets).toHaveLength(4);
    expect([sheets[0], sheets[3]]).toEqual(['Mappings', 'About']);
    const { default: Excel } = (await import('exceljs')) as unknown as { default: typeof ExcelJS };
    const book = new Excel.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const about = book.getWorksheet('About')!;
    const cells = about.getSheetValues().flat().map(String);
    expect(cells).toContain('Mapscope 9.9.9');
    expect(cells).toContain('2026-12-01');
    expect(cells).toContain('T1046: mappings from Mapscope');
  });
});
