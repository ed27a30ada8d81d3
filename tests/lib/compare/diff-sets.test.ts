import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareSets, countsLabel, type CompareRow, type TechniqueFacts } from '../../../src/lib/compare/diff-sets.ts';
import { compareCsv, COMPARE_CSV_COLUMNS } from '../../../src/lib/compare/compare-csv.ts';
import { compareResult } from '../../../src/lib/compare/compare-result.ts';
import { compareModelSets, modelCompareRows } from '../../../src/lib/compare/from-model.ts';
import { unifiedCompareRows } from '../../../src/lib/compare/from-unified.ts';
import { consecutivePairs, successorOf } from '../../../src/lib/compare/pairs.ts';
import { paginateComparison } from '../../../src/lib/compare/pagination.ts';
import { siteComparisons } from '../../../src/lib/compare/site-comparisons.ts';
import { planDownloads, textOf } from '../../../src/lib/exports/site-downloads.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { compareRoutes } from '../../../src/lib/site/routes.ts';
import { decodeSetFiles } from '../../../src/lib/exports/formats/rows-file.ts';
import { restoreCell } from '../../../src/lib/exports/spreadsheet-cells.ts';
import { createUrls } from '../../../src/lib/core/urls.ts';
import { fixture } from '../../support/paths.ts';

/** A mapping row with defaults, for hand-made sets. */
const row = (fields: Partial<CompareRow> & Pick<CompareRow, 'capabilityId' | 'techniqueId'>): CompareRow => ({
  capabilityLabel: fields.capabilityId.split(':')[1]!.toUpperCase(),
  capabilityDescription: null,
  techniqueName: null,
  mappingType: 'technique_scores',
  typeFamily: 'technique_scores',
  scoreCategory: 'protect',
  scoreValue: 'partial',
  comments: null,
  references: [],
  ...fields,
});

describe('compareSets on hand-made sets', () => {
  const a = [
    row({ capabilityId: 'x:ac-4', techniqueId: 'T1046', scoreValue: 'minimal', comments: 'old note' }),
    row({ capabilityId: 'x:ac-4', techniqueId: 'T1078' }),
    row({ capabilityId: 'x:ac-4', techniqueId: 'T1078', scoreCategory: 'detect' }),
    row({ capabilityId: 'x:gone', techniqueId: 'T1110' }),
    row({ capabilityId: 'x:dll', capabilityLabel: 'DLL-1', techniqueId: 'T1574.002' }),
    row({
      capabilityId: 'x:azure_sentinel',
      capabilityLabel: 'azure_sentinel',
      capabilityDescription: 'Azure Sentinel',
      techniqueId: 'T1078',
      scoreCategory: 'detect',
    }),
    row({
      capabilityId: 'x:azure_sentinel',
      capabilityLabel: 'azure_sentinel',
      capabilityDescription: 'Azure Sentinel',
      techniqueId: 'T1110',
      scoreCategory: 'detect',
    }),
    row({
      capabilityId: 'x:azure_sentinel',
      capabilityLabel: 'azure_sentinel',
      capabilityDescription: 'Azure Sentinel',
      techniqueId: 'T1046',
      scoreCategory: 'detect',
    }),
    // Same techniques as the sentinel but nothing in its name: never suggested.
    row({
      capabilityId: 'x:other',
      capabilityLabel: 'other',
      capabilityDescription: 'Firewall',
      techniqueId: 'T1046',
      mappingType: 'mitigates',
      typeFamily: 'protects',
      scoreCategory: null,
      scoreValue: null,
    }),
  ];
  const b = [
    // AC-04 folds into AC-4 (one capability id): a changed mapping, not a remove and an add.
    row({
      capabilityId: 'x:ac-4',
      capabilityLabel: 'AC-04',
      techniqueId: 'T1046',
      scoreValue: 'significant',
      comments: 'new note',
      references: ['https://example.org/a'],
    }),
    row({ capabilityId: 'x:ac-4', techniqueId: 'T1078' }),
    row({ capabilityId: 'x:ac-4', techniqueId: 'T1078', scoreCategory: 'detect' }),
    row({ capabilityId: 'x:new', techniqueId: 'T1059' }),
    row({ capabilityId: 'x:dll', capabilityLabel: 'DLL-1', techniqueId: 'T1574.001' }),
    row({
      capabilityId: 'x:microsoft_sentinel',
      capabilityLabel: 'microsoft_sentinel',
      capabilityDescription: 'Microsoft Sentinel',
      techniqueId: 'T1078',
      scoreCategory: 'detect',
    }),
    row({
      capabilityId: 'x:microsoft_sentinel',
      capabilityLabel: 'microsoft_sentinel',
      capabilityDescription: 'Microsoft Sentinel',
      techniqueId: 'T1110',
      scoreCategory: 'detect',
    }),
    row({
      capabilityId: 'x:microsoft_sentinel',
      capabilityLabel: 'microsoft_sentinel',
      capabilityDescription: 'Microsoft Sentinel',
      techniqueId: 'T1046',
      scoreCategory: 'detect',
    }),
    row({
      capabilityId: 'x:firewall',
      capabilityLabel: 'fw',
      capabilityDescription: 'Packet filter',
      techniqueId: 'T1046',
      mappingType: 'protects',
      typeFamily: 'protects',
      scoreCategory: null,
      scoreValue: null,
    }),
  ];
  const facts: Record<string, Record<'a' | 'b', TechniqueFacts>> = {
    'T1574.002': { a: { name: 'DLL Side-Loading' }, b: { name: 'DLL Side-Loading', revoked: true, revokedBy: 'T1574.001' } },
    'T1574.001': { a: { name: 'DLL Search Order Hijacking' }, b: { name: 'DLL' } },
    T1110: { a: { name: 'Brute Force' }, b: { name: 'Brute Force', deprecated: true } },
    T1046: { a: { name: 'Network Service Scanning' }, b: { name: 'Network Service Scanning' } },
  };
  const result = compareSets(a, b, { techniqueFacts: (id, side) => facts[id]?.[side] });

  it('lists added and removed mappings by identity (capability, technique, type family, score category)', () => {
    expect(result.counts).toEqual({ added: 6, removed: 6, changed: 1 });
    expect(countsLabel(result.counts)).toBe('+6 / -6 / ~1');
    expect(result.removed.map((r) => `${r.capabilityLabel} ${r.techniqueId}`)).toEqual([
      'azure_sentinel T1046',
      'azure_sentinel T1078',
      'azure_sentinel T1110',
      'DLL-1 T1574.002',
      'GONE T1110',
      'other T1046',
    ]);
    expect(result.added.map((r) => `${r.capabilityLabel} ${r.techniqueId}`)).toEqual([
      'DLL-1 T1574.001',
      'fw T1046',
      'microsoft_sentinel T1046',
      'microsoft_sentinel T1078',
      'microsoft_sentinel T1110',
      'NEW T1059',
    ]);
  });

  it('keeps old and new of each changed field, and only of those', () => {
    expect(result.changed).toHaveLength(1);
    const [change] = result.changed;
    expect(change!.old.capabilityLabel).toBe('AC-4');
    expect(change!.new.capabilityLabel).toBe('AC-04');
    expect(change!.fields).toEqual([
      { field: 'scoreValue', old: 'minimal', new: 'significant' },
      { field: 'comments', old: 'old note', new: 'new note' },
      { field: 'references', old: '', new: '["https://example.org/a"]' },
    ]);
  });

  it('treats a renamed mapping type of the same family as the same mapping', () => {
    const before = [row({ capabilityId: 'x:a', techniqueId: 'T1', mappingType: 'mitigates', typeFamily: 'protects', scoreCategory: null })];
    const after = [row({ capabilityId: 'x:a', techniqueId: 'T1', mappingType: 'protects', typeFamily: 'protects', scoreCategory: null })];
    expect(compareSets(before, after).counts).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  it('pairs rows of one identity that differ in notes: equal ones first, then the rest as changes', () => {
    const before = [row({ capabilityId: 'x:a', techniqueId: 'T1', comments: 'one' }), row({ capabilityId: 'x:a', techniqueId: 'T1', comments: 'two' })];
    const after = [
      row({ capabilityId: 'x:a', techniqueId: 'T1', comments: 'two' }),
      row({ capabilityId: 'x:a', techniqueId: 'T1', comments: 'three' }),
      row({ capabilityId: 'x:a', techniqueId: 'T1', comments: 'four' }),
    ];
    const r = compareSets(before, after);
    expect(r.changed.map((c) => [c.old.comments, c.new.comments])).toEqual([['one', 'three']]);
    expect(r.added.map((x) => x.comments)).toEqual(['four']);
    expect(r.removed).toEqual([]);
  });

  it('flags techniques revoked, deprecated or renamed between the versions', () => {
    expect(result.techniqueFlags.map((f) => [f.techniqueId, f.kind])).toEqual([
      ['T1110', 'deprecated'],
      ['T1574.001', 'renamed'],
      ['T1574.002', 'revoked'],
    ]);
    const revoked = result.techniqueFlags.find((f) => f.kind === 'revoked')!;
    expect(revoked.revokedBy).toBe('T1574.001');
    // B maps the replacement to the same capability: the same defence under a new id.
    expect(revoked.sameDefence).toEqual(['DLL-1']);
    expect(result.techniqueFlags.find((f) => f.kind === 'renamed')).toMatchObject({ oldName: 'DLL Search Order Hijacking', newName: 'DLL' });
    expect(compareSets(a, b).techniqueFlags).toEqual([]);
  });

  it('suggests a renamed capability without merging its rows', () => {
    expect(result.renames).toHaveLength(1);
    expect(result.renames[0]).toMatchObject({
      from: { label: 'azure_sentinel', description: 'Azure Sentinel', techniques: 3 },
      to: { label: 'microsoft_sentinel', description: 'Microsoft Sentinel', techniques: 3 },
      sharedTechniques: 3,
      sameDescription: false,
    });
    expect(result.removed.filter((r) => r.capabilityLabel === 'azure_sentinel')).toHaveLength(3);
    expect(result.added.filter((r) => r.capabilityLabel === 'microsoft_sentinel')).toHaveLength(3);
  });

  it('writes one CSV row per difference, guarded against formulas', () => {
    const withFormula = compareSets([row({ capabilityId: 'x:a', capabilityLabel: '=cmd()', techniqueId: 'T1' })], []);
    const csv = compareCsv(withFormula);
    const parsed = Papa.parse<string[]>(csv.trim()).data;
    expect(parsed[0]).toEqual([...COMPARE_CSV_COLUMNS]);
    expect(parsed[1]![1]).toBe("'=cmd()");
    expect(restoreCell(parsed[1]![1]!)).toBe('=cmd()');
    const full = Papa.parse<Record<string, string>>(compareCsv(result).trim(), { header: true }).data;
    expect(full.filter((r) => r['kind'] === 'added')).toHaveLength(6);
    expect(full.filter((r) => r['kind'] === 'changed').map((r) => [r['field'], r['old'], r['new']])).toEqual([
      ['score_value', 'minimal', 'significant'],
      ['comments', 'old note', 'new note'],
      ['references', '', '["https://example.org/a"]'],
    ]);
    expect(full.find((r) => r['kind'] === 'technique_revoked')).toMatchObject({ attack_object_id: 'T1574.002', field: 'revoked_by', new: 'T1574.001' });
    expect(full.find((r) => r['kind'] === 'capability_renamed_suggested')).toMatchObject({ old: 'azure_sentinel', new: 'microsoft_sentinel' });
  });

  it('splits a long comparison into pages of whole capabilities', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      row({
        capabilityId: `x:c${Math.floor(i / 4)}`,
        capabilityLabel: `C-${Math.floor(i / 4)}`,
        techniqueId: `T${1000 + i}`,
        capabilityDescription: 'd'.repeat(400),
      }),
    );
    const pages = paginateComparison(compareSets([], many), 4000);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.flatMap((p) => p.added)).toHaveLength(40);
    for (const page of pages) expect(new Set(page.added.map((r) => r.capabilityId)).size * 4).toBe(page.added.length);
    expect(pages[1]!.first).toBe(pages[1]!.added[0]!.capabilityLabel);
    expect(paginateComparison(compareSets([], []))).toHaveLength(1);
  });
});

describe('consecutive pairs', () => {
  const set = (frameworkId: string, frameworkVersion: string, attackVersion: string, domain = 'enterprise') => ({
    id: `${frameworkId}-${frameworkVersion}_attack-${attackVersion}-${domain}`,
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
    set('azure', '04/26/2025', '16.1'),
    set('azure', '06/29/2021', '8.2'),
    set('veris', '1.3.5', '9.0'),
    set('veris', '1.3.7', '12.1'),
    set('veris', '1.4.0', '16.1'),
    set('veris', '1.3.7', '12.1', 'mobile'),
    set('veris', '1.4.0', '16.1', 'mobile'),
    set('cri', 'v2', '16.1'),
    set('cri', 'v2.1', '16.1'),
  ];
  const pairs = consecutivePairs(sets).map(({ a, b }) => `${a.id} -> ${b.id}`);

  it('follows a framework version, then moves to the next version of a later ATT&CK release', () => {
    expect(pairs).toEqual([
      'nist-rev5_attack-14.1-enterprise -> nist-rev5_attack-16.1-enterprise',
      'nist-rev4_attack-14.1-enterprise -> nist-rev5_attack-16.1-enterprise',
      'nist-rev5_attack-8.2-enterprise -> nist-rev5_attack-14.1-enterprise',
      'nist-rev4_attack-8.2-enterprise -> nist-rev4_attack-14.1-enterprise',
      'azure-06/29/2021_attack-8.2-enterprise -> azure-04/26/2025_attack-16.1-enterprise',
      'veris-1.3.5_attack-9.0-enterprise -> veris-1.3.7_attack-12.1-enterprise',
      'veris-1.3.7_attack-12.1-enterprise -> veris-1.4.0_attack-16.1-enterprise',
      'veris-1.3.7_attack-12.1-mobile -> veris-1.4.0_attack-16.1-mobile',
      'cri-v2_attack-16.1-enterprise -> cri-v2.1_attack-16.1-enterprise',
    ]);
    expect(successorOf(sets[0]!, sets)).toBeUndefined();
  });
});

describe('comparisons of a model (tests/fixtures/compare)', () => {
  let index: ModelIndex;
  beforeAll(async () => {
    const result = await runPipeline([fixture('compare')]);
    expect(result.problems ?? []).toEqual([]);
    index = indexModel(result.model!);
  });
  const v1 = 'acme_shield-v1_attack-16.1-enterprise';
  const v2 = 'acme_shield-v2_attack-17.1-enterprise';
  const v2later = 'acme_shield-v2_attack-18.1-enterprise';

  it('routes the consecutive pairs only', () => {
    expect(compareRoutes(index.model)).toEqual(
      [{ params: { a: v2, b: v2later } }, { params: { a: v1, b: v2 } }].sort(
        (x, y) => index.model.sets.findIndex((s) => s.id === x.params.a) - index.model.sets.findIndex((s) => s.id === y.params.a),
      ),
    );
    const comparisons = siteComparisons(index);
    expect(comparisons.forSet(v2).previous.map((c) => c.a.id)).toEqual([v1]);
    expect(comparisons.forSet(v2).next?.b.id).toBe(v2later);
  });

  it('folds capability spellings, flags the revoked technique with its replacement and suggests the renamed capability', () => {
    const r = compareModelSets(index, index.sets.get(v1)!, index.sets.get(v2)!);
    expect(r.counts).toEqual({ added: 5, removed: 5, changed: 1 });
    expect(r.changed[0]!.new.capabilityLabel).toBe('AC-01');
    expect(r.changed[0]!.fields.map((f) => f.field)).toEqual(['scoreValue', 'comments']);
    expect(r.techniqueFlags.find((f) => f.techniqueId === 'T1574.002')).toMatchObject({ kind: 'revoked', revokedBy: 'T1574.001', sameDefence: ['DL-2'] });
    expect(r.techniqueFlags.find((f) => f.techniqueId === 'T1574.001')).toMatchObject({
      kind: 'renamed',
      oldName: 'DLL Search Order Hijacking',
      newName: 'DLL',
    });
    expect(r.renames.map((s) => [s.from.label, s.to.label])).toEqual([['azure_sentinel', 'microsoft_sentinel']]);
  });

  it('gives the same comparison from the download files as from the model', async () => {
    const files = new Map<string, string>();
    for (const file of planDownloads(index, { pageUrl: () => 'http://localhost/' }))
      if (file.prebuilt && /\.(json|csv)$/.test(file.path)) files.set(file.path, await textOf(file));
    const loaded = (id: string) => decodeSetFiles(JSON.parse(files.get(`${id}.json`)!), JSON.parse(files.get(`${id}_rows.json`)!));
    const fromFiles = compareSets(unifiedCompareRows(loaded(v1)), unifiedCompareRows(loaded(v2later)));
    const fromModel = compareSets(modelCompareRows(index, index.sets.get(v1)!), modelCompareRows(index, index.sets.get(v2later)!));
    expect(fromFiles.counts.added).toBeGreaterThan(0);
    expect(fromFiles).toEqual(fromModel);
    // Each static comparison's CSV is prebuilt beside the sets' files.
    const csv = files.get(`compare_${v1}__${v2}.csv`);
    expect(csv).toBeDefined();
    expect(csv).toContain(`removed,OLD-9,Legacy Scanner,T1110,Brute Force,,,`);
    expect(files.has(`compare_${v1}__${v2later}.csv`)).toBe(false);

    // As a result's table (the workbook and YAML take the CSV's rows) and its STIX relations.
    const a = loaded(v1).set;
    const b = loaded(v2later).set;
    const table = compareResult(fromFiles, a, b);
    expect([table.columns, ...table.rows]).toEqual(Papa.parse<string[]>(compareCsv(fromFiles).trim()).data);
    const changes = table.relations!.map((r) => [r.capability.setId, r.properties!['x_mapscope_change']]);
    expect(changes.filter(([, c]) => c === 'added')).toHaveLength(fromFiles.counts.added);
    expect(changes.filter(([, c]) => c === 'removed')).toHaveLength(fromFiles.counts.removed);
    expect(changes.every(([set, c]) => set === (c === 'removed' ? v1 : v2later))).toBe(true);
    expect(table.relations!.every((r) => r.attackPatternId === (r.capability.setId === v1 ? a : b).attackPatterns![r.techniqueId])).toBe(true);
  });
});

describe('compare URLs', () => {
  it('are base-aware, with further pages numbered from 2', () => {
    for (const [base, root] of [
      ['/', '/'],
      ['/mapscope/', '/mapscope/'],
    ] as const) {
      const urls = createUrls(base);
      expect(urls.compareIndex()).toBe(`${root}compare/`);
      expect(urls.compare('a-1_attack-8.2-enterprise', 'b')).toBe(`${root}compare/a-1_attack-8.2-enterprise/b/`);
      expect(urls.compare('a', 'b', 1)).toBe(`${root}compare/a/b/`);
      expect(urls.compare('a', 'b', 3)).toBe(`${root}compare/a/b/3/`);
    }
  });
});
