import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type ExcelJS from 'exceljs';
import { parse as parseHtml } from 'node-html-parser';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvOf, EXPORT_CSV_COLUMNS, type ExportRow } from '../../../src/lib/exports/export-formats.ts';
import { loadSet, pageUrlsOf } from '../../../src/lib/exports/export-rows.ts';
import { ooxmlText, SCORE_RANK_COLUMN, xlsxOf, type SetRows } from '../../../src/lib/exports/formats/xlsx.ts';
import { indexModel } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { scopeKey, type LoadedSet } from '../../../src/lib/exports/page-downloads.ts';
import { restoreCell } from '../../../src/lib/exports/spreadsheet-cells.ts';
import { fixture } from '../../support/paths.ts';

// The workbook as a spreadsheet reads it: LibreOffice (headless soffice, Debian's
// libreoffice-calc-nogui, which .ci/run installs) converts each workbook to CSV and to HTML,
// and what it reads is compared with Mapscope's CSV file of the same rows.

const run = promisify(execFile);
const SOFFICE = process.env['SOFFICE_PATH'] ?? '/usr/bin/soffice';
const about = { mapscopeVersion: '0.1.0', buildDate: '2026-12-01' };

let dir: string;
let acme: LoadedSet;
let ctrl: LoadedSet;
/** Workbooks by file stem, with the CSV file of the same rows. */
const made = new Map<string, { sets: SetRows[]; csv: string }>();

const inScope = (loaded: LoadedSet, scope: string): SetRows => ({ set: loaded.set, rows: loaded.rows.filter((r) => r.mapping && r.scopes.includes(scope)) });

/** Every sheet of a workbook as LibreOffice's CSV export gives it, by sheet name. */
async function sheetsOf(stem: string): Promise<Map<string, string[][]>> {
  const sheets = new Map<string, string[][]>();
  for (const file of (await readdir(path.join(dir, 'csv'))).filter((f) => f.startsWith(`${stem}-`))) {
    const parsed = Papa.parse<string[]>(await readFile(path.join(dir, 'csv', file), 'utf8'), { skipEmptyLines: 'greedy' });
    expect(parsed.errors, file).toEqual([]);
    sheets.set(file.slice(stem.length + 1, -'.csv'.length), parsed.data);
  }
  return sheets;
}

/** Rows of a CSV file as a reader of it sees them: the formula guard's "'" taken off. */
const csvRows = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: 'greedy' }).data.map((row) => row.map(restoreCell));

// LibreOffice reads a line break written CR LF as LF (the file holds CR LF: see "the workbook file").
const lf = (rows: string[][]) => rows.map((row) => row.map((cell) => cell.replace(/\r\n/g, '\n')));

beforeAll(async () => {
  if (!existsSync(SOFFICE)) {
    throw new Error(`No LibreOffice at ${SOFFICE}: install Debian's libreoffice-calc-nogui (apt-get install -y libreoffice-calc-nogui) or set SOFFICE_PATH.`);
  }
  const model = (await runPipeline([fixture('formats')])).model!;
  const ctx = indexModel(model);
  const pages = pageUrlsOf((t) => `https://mapscope.example/${t.technique ? `techniques/${t.technique}` : `sets/${t.set}`}/`);
  [acme, ctrl] = model.sets.map((set) => loadSet(ctx, set, pages)) as [LoadedSet, LoadedSet];
  dir = await mkdtemp(path.join(tmpdir(), 'mapscope-xlsx-'));

  const long: ExportRow = { ...acme.rows[0]!, object: { ...acme.rows[0]!.object, comments: `=${'x'.repeat(40_000)}` } };
  // What the pipeline trims away but a writer must still guard: cells that start with a tab or a CR.
  const guarded: ExportRow = {
    ...acme.rows[0]!,
    object: { ...acme.rows[0]!.object, capability_id: '\tTabbed id', comments: '\rA note after a carriage return', references: [] },
  };
  const workbooks: Record<string, SetRows[]> = {
    // A whole set: its mappings and its non-mappable entry.
    'whole-set': [{ set: acme.set, rows: acme.rows }],
    // A technique page: its rows of both sets.
    technique: [inScope(acme, scopeKey.technique('T1046')), inScope(ctrl, scopeKey.technique('T1046'))],
    'long-cell': [{ set: acme.set, rows: [long] }],
    guarded: [{ set: acme.set, rows: [guarded] }],
  };
  for (const [stem, sets] of Object.entries(workbooks)) {
    const workbook = await xlsxOf(sets, about);
    await writeFile(path.join(dir, `${stem}.xlsx`), workbook.bytes);
    made.set(stem, { sets, csv: csvOf(sets.flatMap(({ set, rows }) => rows.map((row) => ({ set, row })))) });
  }
  const files = [...made.keys()].map((stem) => path.join(dir, `${stem}.xlsx`));
  // Each conversion has a profile of its own, so the two run side by side.
  const convert = (to: string, out: string) =>
    run(SOFFICE, [
      `-env:UserInstallation=file://${path.join(dir, `profile-${out}`)}`,
      '--headless',
      '--convert-to',
      to,
      '--outdir',
      path.join(dir, out),
      ...files,
    ]);
  // CSV filter: comma, double quote, UTF-8, from line 1, cells as shown, every sheet (-1) to its own file.
  await Promise.all([convert('csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', 'csv'), convert('html', 'html')]);
}, 180_000);

describe('the workbook, read by LibreOffice', () => {
  it("has the CSV file's rows, cell for cell, on its Mappings sheet, then score_rank and the links", async () => {
    for (const stem of ['whole-set', 'technique']) {
      const { csv } = made.get(stem)!;
      const sheet = (await sheetsOf(stem)).get('Mappings')!;
      const expected = csvRows(csv);
      expect(expected.length, stem).toBeGreaterThan(3);
      expect(sheet.length, stem).toBe(expected.length);
      const width = EXPORT_CSV_COLUMNS.length;
      expect(lf(sheet.map((row) => row.slice(0, width))), stem).toEqual(lf(expected));
      expect(sheet[0]!.slice(width, width + 2)).toEqual([SCORE_RANK_COLUMN, 'reference_1']);
    }
  });

  it('keeps formula-looking cells as the text they are, with no leading quote', async () => {
    const sheet = (await sheetsOf('whole-set')).get('Mappings')!;
    const column = (name: string) => sheet.slice(1).map((row) => row[EXPORT_CSV_COLUMNS.indexOf(name as never)]!);
    expect(column('capability_id')).toContain("=CMD|' /C calc'!A0");
    expect(column('capability_description')).toContain('+SUM(1,2)');
    expect(column('capability_description')).toContain('@Acme Sensor');
    expect(column('capability_group')).toContain('-Guarded group');
    expect(column('organization')).toContain('=Example Labs');
    expect(column('comments')).toContain('=HYPERLINK("http://x.example","click")');
    expect(column('comments')).toContain('-2 is a formula too');
    // As written, its leading tab too (downloads keep the source's text); the control character
    // U+0001 is removed on reading, with a warning (src/lib/ingest/rules/control-characters.ts).
    expect(column('comments')).toContain('\tStarts with a tab; _x0041_ stays literal; a control  character.');
    expect(column('comments')).toContain('Blocks scans at the edge.\nA second line of the note.');
    const guarded = (await sheetsOf('guarded')).get('Mappings')!;
    expect(guarded[1]![EXPORT_CSV_COLUMNS.indexOf('capability_id')]).toBe('\tTabbed id');
    expect(guarded[1]![EXPORT_CSV_COLUMNS.indexOf('comments')]).toBe('\rA note after a carriage return');
  });

  it('makes http(s) references links, and nothing else', async () => {
    const html = parseHtml(await readFile(path.join(dir, 'html', 'whole-set.html'), 'utf8'));
    const links = html
      .querySelectorAll('a[href]')
      .map((a) => a.getAttribute('href')!)
      .filter((href) => !href.startsWith('#'));
    expect(links.sort()).toEqual(
      ['https://example.com/firewall', 'http://example.org/guide?x=1&y=2', 'https://example.com/firewall/detect', 'https://example.com/sensor#cloud'].sort(),
    );
    // The references that are not links are in the references column as written.
    const sheet = (await sheetsOf('whole-set')).get('Mappings')!;
    const references = sheet.map((row) => row[EXPORT_CSV_COLUMNS.indexOf('references')]!);
    expect(references).toContain(
      JSON.stringify([
        'https://example.com/firewall',
        'http://example.org/guide?x=1&y=2',
        'javascript:alert(1)',
        'ftp://example.net/file.txt',
        'vendor-guide-p4',
      ]),
    );
    const row =
      sheet[
        references.indexOf(
          JSON.stringify([
            'https://example.com/firewall',
            'http://example.org/guide?x=1&y=2',
            'javascript:alert(1)',
            'ftp://example.net/file.txt',
            'vendor-guide-p4',
          ]),
        )
      ]!;
    expect(row.slice(sheet[0]!.indexOf('reference_1'))).toEqual(['https://example.com/firewall', 'http://example.org/guide?x=1&y=2']);
  });

  it('ranks scores for sorting: 3 significant, 2 partial, 1 minimal, 0 not scored, empty without a score', async () => {
    const sheet = (await sheetsOf('whole-set')).get('Mappings')!;
    const at = (name: string) => sheet[0]!.indexOf(name);
    const ranks = sheet.slice(1).map((row) => [row[at('score_value')], row[at(SCORE_RANK_COLUMN)], row[at('status')]]);
    const order = (rows: (string | undefined)[][]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(order(ranks)).toEqual(
      order([
        ['significant', '3', 'complete'],
        ['minimal', '1', 'complete'],
        ['partial', '2', 'in_progress'],
        ['partial', '2', 'complete'],
        ['', '0', 'complete'],
        ['minimal', '1', 'complete'],
        ['', '', 'non_mappable'],
      ]),
    );
  });

  it('gives a sheet to each set of a page that spans sets, and an About sheet naming the sets and versions', async () => {
    const sheets = await sheetsOf('technique');
    expect([...sheets.keys()].sort()).toEqual(['About', 'Mappings', 'acme 2.0 @ 16.1', 'ctrl 1.0 @ 16.1'].sort());
    const mappings = sheets.get('Mappings')!;
    for (const name of ['acme 2.0 @ 16.1', 'ctrl 1.0 @ 16.1']) {
      const sheet = sheets.get(name)!;
      const framework = name.split(' ')[0];
      expect(sheet.length).toBeGreaterThan(1);
      expect(sheet.slice(1)).toEqual(
        mappings
          .slice(1)
          .filter((row) => row[0] === framework)
          .map((row) => row.slice(0, sheet[0]!.length)),
      );
    }
    const text = sheets
      .get('About')!
      .map((row) => row.join(' | '))
      .join('\n');
    expect(text).toContain('Rows | 4');
    expect(text).toContain('ATT&CK | ATT&CK Enterprise 16.1');
    expect(text).toContain('Made with | Mapscope 0.1.0');
    expect(text).toContain('Built | 2026-12-01');
    expect(text).toContain(
      `acme 2.0 @ 16.1 | ${acme.set.title} | acme-2.0_attack-16.1-enterprise | acme | 2.0 | 16.1 | Enterprise | =Example Labs | 1.0 | 2024-01-13 | 2025-02-14 | 3`,
    );
    expect(text).toContain(
      `ctrl 1.0 @ 16.1 | ${ctrl.set.title} | ctrl-1.0_attack-16.1-enterprise | ctrl | 1.0 | 16.1 | Enterprise |  |  | 2025-03-01 | 2025-03-01 | 1`,
    );
  });

  it('cuts a cell longer than a spreadsheet holds, says so in the cell, and reports it', async () => {
    const sheet = (await sheetsOf('long-cell')).get('Mappings')!;
    const cell = sheet[1]![EXPORT_CSV_COLUMNS.indexOf('comments')]!;
    expect(cell.length).toBe(32_767);
    expect(cell.startsWith('=xxx')).toBe(true);
    expect(cell).toMatch(/\[… cut: 40,001 characters, more than a spreadsheet cell holds; the CSV file has it whole\]$/);
    const { truncated } = await xlsxOf(made.get('long-cell')!.sets, about);
    expect(truncated).toEqual([{ sheet: 'Mappings', cell: 'O2', length: 40_001 }]);
  });
});

describe('the workbook file', () => {
  it('holds string cells and numbers, never a formula, with a bold frozen header, a filter and wrapped notes', async () => {
    const { default: Excel } = (await import('exceljs')) as unknown as { default: typeof ExcelJS };
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load((await readFile(path.join(dir, 'whole-set.xlsx'))) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Mappings')!;
    const types = new Set<number>();
    sheet.eachRow((row) => row.eachCell((cell) => types.add(cell.type)));
    expect([...types].sort()).toEqual([Excel.ValueType.Number, Excel.ValueType.String, Excel.ValueType.Hyperlink].sort());
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.autoFilter).toBeTruthy();
    const comments = sheet.getColumn(EXPORT_CSV_COLUMNS.indexOf('comments') + 1);
    const notes = comments.values.filter((v): v is string => typeof v === 'string');
    expect(notes).toContain('Blocks scans at the edge.\r\nA second line of the note.');
    expect(sheet.getCell(2, comments.number).alignment?.wrapText).toBe(true);
    expect(comments.width).toBeGreaterThan(sheet.getColumn(EXPORT_CSV_COLUMNS.indexOf('attack_object_id') + 1).width!);
  });

  it("escapes what XML cannot carry in the format's own _xHHHH_ form", () => {
    expect(ooxmlText('a\u0001b\rc')).toBe('a_x0001_b_x000D_c');
    expect(ooxmlText('_x0041_ and _x12_')).toBe('_x005F_x0041_ and _x12_');
    expect(ooxmlText('line\nbreak\ttab')).toBe('line\nbreak\ttab');
  });
});
