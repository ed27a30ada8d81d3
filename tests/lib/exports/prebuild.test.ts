import type ExcelJS from 'exceljs';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareDownloads } from '../../../scripts/build-downloads.ts';
import { SettingError, readSetting } from '../../../src/lib/config/settings.ts';
import { currentSetIds, currentSetOf } from '../../../src/lib/core/versions.ts';
import { downloadTable } from '../../../src/lib/exports/download-table.ts';
import { DOWNLOAD_FORMATS, formatById } from '../../../src/lib/exports/formats/index.ts';
import { decodeSetFiles } from '../../../src/lib/exports/formats/rows-file.ts';
import { comparisonFile, wholeSetFile } from '../../../src/lib/exports/made-files.ts';
import { planDownloads, type PlannedFile, type Prebuild } from '../../../src/lib/exports/site-downloads.ts';
import { siteComparisons } from '../../../src/lib/compare/site-comparisons.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { fixture } from '../../support/paths.ts';

// tests/fixtures/compare: acme_shield v1 @ 16.1, v2 @ 17.1 and v2 @ 18.1, the current set (v1 and
// v2 are never mapped to one ATT&CK version: v2 follows v1 on one line).
const V1 = 'acme_shield-v1_attack-16.1-enterprise';
const V2 = 'acme_shield-v2_attack-17.1-enterprise';
const V2_LATER = 'acme_shield-v2_attack-18.1-enterprise';
const DERIVED = ['xlsx', 'yaml', 'stix'];

let index: ModelIndex;
const plan = (prebuild?: Prebuild) => [...planDownloads(index, { pageUrl: () => 'http://localhost/' }, DOWNLOAD_FORMATS, prebuild ? { prebuild } : {})];
const ofScope = (files: PlannedFile[], scope: string) => files.filter((f) => f.scope === scope);
beforeAll(async () => {
  const result = await runPipeline([fixture('compare')]);
  expect(result.problems ?? []).toEqual([]);
  index = indexModel(result.model!);
});

describe('current and superseded sets', () => {
  it('takes the newest ATT&CK version of each framework and domain as current, framework versions published side by side apart', () => {
    const set = (frameworkId: string, frameworkVersion: string, attackVersion: string, domain = 'enterprise') => ({
      id: `${frameworkId} ${frameworkVersion} @ ${attackVersion} ${domain}`,
      frameworkId,
      frameworkVersion,
      attackVersion,
      domain,
    });
    const sets = [
      set('nist', 'rev5', '16.1'),
      set('nist', 'rev5', '14.1'),
      set('nist', 'rev4', '14.1'),
      set('nist', 'rev5', '8.2'),
      set('nist', 'rev4', '8.2'),
      set('veris', '1.4.0', '16.1'),
      set('veris', '1.3.7', '12.1'),
      set('veris', '1.3.5', '9.0'),
      set('veris', '1.3.7', '12.1', 'mobile'),
      set('kev', '07.28.2025', '16.1'),
      set('kev', '02.13.2025', '15.1'),
      set('cri', 'v2', '16.1'),
      set('cri', 'v2.1', '16.1'),
    ];
    expect([...currentSetIds(sets)]).toEqual([
      'nist rev5 @ 16.1 enterprise',
      // rev4 and rev5 are both mapped to 14.1 (and 8.2): two lines, each with its current set.
      'nist rev4 @ 14.1 enterprise',
      'veris 1.4.0 @ 16.1 enterprise',
      'veris 1.3.7 @ 12.1 mobile',
      'kev 07.28.2025 @ 16.1 enterprise',
      // Of one ATT&CK version, neither supersedes the other.
      'cri v2 @ 16.1 enterprise',
      'cri v2.1 @ 16.1 enterprise',
    ]);
    const by = (id: string) => sets.find((s) => s.id === id)!;
    expect(currentSetOf(by('nist rev5 @ 8.2 enterprise'), sets).id).toBe('nist rev5 @ 16.1 enterprise');
    expect(currentSetOf(by('nist rev4 @ 8.2 enterprise'), sets).id).toBe('nist rev4 @ 14.1 enterprise');
    expect(currentSetOf(by('veris 1.3.5 @ 9.0 enterprise'), sets).id).toBe('veris 1.4.0 @ 16.1 enterprise');
    expect(currentSetOf(by('kev 02.13.2025 @ 15.1 enterprise'), sets).id).toBe('kev 07.28.2025 @ 16.1 enterprise');
    expect(currentSetOf(by('nist rev5 @ 16.1 enterprise'), sets).id).toBe('nist rev5 @ 16.1 enterprise');
  });
});

describe('the planner (MAPSCOPE_PREBUILD)', () => {
  it("by default prebuilds a superseded set's CSV, JSON and layer but lists its YAML, STIX and Excel files as made on click, with its mapping count", () => {
    const files = ofScope(plan(), `set:${V2}`);
    const derived = files.filter((f) => DERIVED.includes(f.format));
    expect(derived.map((f) => f.path).sort()).toEqual([`${V2}.xlsx`, `${V2}.yaml`, `${V2}_stix.json`]);
    const mappings = index.mappingsBySet.get(V2)!.length;
    expect(mappings).toBeGreaterThan(0);
    for (const f of derived) expect(f, f.path).toMatchObject({ prebuilt: false, onClick: { rows: mappings } });
    const others = files.filter((f) => !DERIVED.includes(f.format));
    expect(others.map((f) => f.format)).toEqual(expect.arrayContaining(['csv', 'json', 'layer', 'rows']));
    for (const f of others) expect(f, f.path).toMatchObject({ prebuilt: true });
    expect(others.every((f) => f.onClick === undefined)).toBe(true);
  });

  it('prebuilds every file of the current sets', () => {
    const files = ofScope(plan(), `set:${V2_LATER}`);
    expect(files.filter((f) => DERIVED.includes(f.format))).toHaveLength(3);
    for (const f of files) expect(f, f.path).toMatchObject({ prebuilt: true });
    expect(
      ofScope(plan(), `set:${V1}`)
        .filter((f) => f.onClick)
        .map((f) => f.format),
    ).toEqual(DERIVED);
  });

  it("prebuilds each static comparison's CSV and lists its other formats as made on click, with its row count", () => {
    const comparison = siteComparisons(index).get(V1, V2)!;
    const files = ofScope(plan(), `compare:${V1}__${V2}`);
    expect(files.find((f) => f.format === 'compare')).toMatchObject({ prebuilt: true, path: `compare_${V1}__${V2}.csv` });
    const derived = files.filter((f) => DERIVED.includes(f.format));
    expect(derived.map((f) => f.path).sort()).toEqual([`compare_${V1}__${V2}.xlsx`, `compare_${V1}__${V2}.yaml`, `compare_${V1}__${V2}_stix.json`]);
    const rows = comparison.counts().added + comparison.counts().removed + comparison.comparison().techniqueFlags.length;
    for (const f of derived) expect(f.onClick!.rows, f.path).toBeGreaterThanOrEqual(rows);
    for (const f of derived) expect(f, f.path).toMatchObject({ prebuilt: false });
  });

  it('with MAPSCOPE_PREBUILD=all prebuilds every set and comparison file', () => {
    const files = plan('all').filter((f) => f.scope.startsWith('set:') || f.scope.startsWith('compare:'));
    expect(files.filter((f) => DERIVED.includes(f.format))).toHaveLength(3 * 3 + 2 * 3);
    for (const f of files) expect(f, f.path).toMatchObject({ prebuilt: true });
    expect(files.every((f) => f.onClick === undefined)).toBe(true);
  });

  it('reads the setting, and refuses a value it does not know', () => {
    expect(readSetting('prebuild', {})).toBe('current');
    expect(readSetting('prebuild', { MAPSCOPE_PREBUILD: ' all ' })).toBe('all');
    expect(() => readSetting('prebuild', { MAPSCOPE_PREBUILD: 'everything' })).toThrow(SettingError);
    expect(() => readSetting('prebuild', { MAPSCOPE_PREBUILD: 'everything' })).toThrow(/one of current, all/);
  });

  it("writes no file for what is made on click, and the manifest and the set page's table say so", async () => {
    const made = await prepareDownloads(index.model, {});
    const all = await prepareDownloads(index.model, { MAPSCOPE_PREBUILD: 'all' });
    const paths = new Set(made.files.map((f) => f.path));
    expect(paths.has(`${V2}.yaml`)).toBe(false);
    expect(paths.has(`${V2_LATER}.yaml`)).toBe(true);
    expect(new Set(all.files.map((f) => f.path)).has(`${V2}.yaml`)).toBe(true);
    // Two superseded sets and two comparisons.
    expect(made.onClick).toEqual({ xlsx: 4, yaml: 4, stix: 4 });
    expect(all.onClick).toEqual({});
    expect(all.bytes).toBeGreaterThan(made.bytes);

    const table = downloadTable(made.manifest[`set:${V2}`]!);
    expect(table.onClick.map((f) => f.id)).toEqual(DERIVED);
    const yamlCell = table.rows[0]!.cells[table.columns.findIndex((f) => f.id === 'yaml')]!;
    expect(yamlCell).toEqual({ path: `${V2}.yaml`, text: 'YAML', note: `${index.mappingsBySet.get(V2)!.length} mappings`, onClick: 'yaml' });
    const csvCell = table.rows[0]!.cells[table.columns.findIndex((f) => f.id === 'csv')]!;
    expect(csvCell.onClick).toBeUndefined();
    expect(csvCell.note).toMatch(/ (B|KB)$/);
    expect(downloadTable(made.manifest[`set:${V2_LATER}`]!).onClick).toEqual([]);
  });
});

describe('files made on click', () => {
  /** The set's files as the browser reads them: its prebuilt JSON and rows files. */
  async function loaded(files: PlannedFile[], id: string) {
    const text = async (path: string) => JSON.parse(String(await files.find((f) => f.path === path)!.content()));
    return decodeSetFiles(await text(`${id}.json`), await text(`${id}_rows.json`));
  }

  it('are, for a superseded set, the files the build writes when it prebuilds all', async () => {
    const files = plan('all');
    const set = await loaded(plan(), V2);
    for (const id of ['yaml', 'stix']) {
      const built = await files.find((f) => f.path === `${V2}${formatById(id).suffix}`)!.content();
      expect(await wholeSetFile(formatById(id), set), id).toBe(built);
    }
    const yaml = parseYaml(String(await wholeSetFile(formatById('yaml'), set))) as { mapping_objects: unknown[] };
    expect(yaml.mapping_objects.length).toBe(set.rows.length);
    // The workbook: the same sheets and cells (its zip differs only in its timestamps).
    const { default: Excel } = (await import('exceljs')) as unknown as { default: typeof ExcelJS };
    const sheets = async (bytes: unknown) => {
      const book = new Excel.Workbook();
      await book.xlsx.load(bytes as ArrayBuffer);
      return book.worksheets.map((s) => [s.name, s.getSheetValues().map((r) => JSON.stringify(r))]);
    };
    const builtBook = await files.find((f) => f.path === `${V2}.xlsx`)!.content();
    expect(await sheets(await wholeSetFile(formatById('xlsx'), set))).toEqual(await sheets(builtBook));
  });

  it('are, for a static comparison, the files the build writes when it prebuilds all, technique flags included', async () => {
    const files = plan('all');
    const [a, b] = [await loaded(plan(), V1), await loaded(plan(), V2)];
    const flags = siteComparisons(index).get(V1, V2)!.comparison().techniqueFlags;
    expect(flags.length).toBeGreaterThan(0);
    for (const id of ['yaml', 'stix']) {
      const built = await files.find((f) => f.path === `compare_${V1}__${V2}${formatById(id).suffix}`)!.content();
      expect(await comparisonFile(formatById(id), a, b, JSON.parse(JSON.stringify(flags))), id).toBe(built);
    }
    // Without the page's flags the file would lack their rows.
    expect(await comparisonFile(formatById('yaml'), a, b, [])).not.toContain('technique_revoked');
    expect(await comparisonFile(formatById('yaml'), a, b, flags)).toContain('technique_revoked');
  });
});
