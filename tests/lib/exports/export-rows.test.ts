import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import Papa from 'papaparse';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { planDownloads, textOf, type PlannedFile } from '../../../src/lib/exports/site-downloads.ts';
import { EXPORT_CSV_COLUMNS, toCsv, toNavigatorLayer } from '../../../src/lib/exports/export-rows.ts';
import { formatById } from '../../../src/lib/exports/formats/index.ts';
import { decodeSetFiles } from '../../../src/lib/exports/formats/rows-file.ts';
import { indexModel } from '../../../src/lib/model/model-index.ts';
import { parseInputFile } from '../../../src/lib/ingest/read-inputs.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import type { Model } from '../../../src/lib/model/schema.ts';
import { layerProblems } from '../../support/navigator-layer-format.ts';
import { fixture, ROOT } from '../../support/paths.ts';

const schema = JSON.parse(readFileSync(fixture('mapex-unified-data-schema.json'), 'utf8'));
const validateUnified = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
const pageUrl = (t: { technique?: string; set?: string }) => `https://mapscope.example${t.technique ? `/techniques/${t.technique}/` : `/sets/${t.set}/`}`;

let defaultModel: Model;
let messyModel: Model;
let warnedModel: Model;
/** A planned file with its content made: every text file (the workbooks are tested in xlsx.test.ts). */
type TextFile = Omit<PlannedFile, 'content'> & { content: () => string };
const withText = (files: Iterable<PlannedFile>) =>
  Promise.all(
    [...files]
      .filter((f) => f.format !== 'xlsx')
      .map(async (f): Promise<TextFile> => ({
        ...f,
        content: (
          (text) => () =>
            text
        )(await textOf(f)),
      })),
  );
let defaultFiles: TextFile[];
let messyFiles: TextFile[];
let warnedFiles: TextFile[];
beforeAll(async () => {
  defaultModel = (await runPipeline([path.join(ROOT, 'data')])).model!;
  messyModel = (await runPipeline([fixture('mapex')])).model!;
  warnedModel = (await runPipeline([fixture('warnings')])).model!;
  defaultFiles = await withText(planDownloads(indexModel(defaultModel), { pageUrl }));
  messyFiles = await withText(planDownloads(indexModel(messyModel), { pageUrl }));
  warnedFiles = await withText(planDownloads(indexModel(warnedModel), { pageUrl }));
});

const file = (files: TextFile[], name: string) => {
  const found = files.find((f) => f.path === name);
  if (!found) throw new Error(`no download ${name}`);
  return found;
};

describe('download files', () => {
  it('offer every scope in the three formats, with stable descriptive names', () => {
    const names = defaultFiles.map((f) => f.path);
    expect(names).toContain('T1046_all-sets.csv');
    expect(names).toContain('nist_800_53-rev5_attack-8.2-enterprise_T1046.json');
    expect(names).toContain('nist_800_53-rev5_attack-8.2-enterprise_T1046_layer.json');
    expect(names).toContain('nist_800_53_capability-ac-4_all-sets.csv');
    expect(names).toContain('nist_800_53-rev5_attack-8.2-enterprise_capability-ac-4.json');
    expect(names).toContain('nist_800_53-rev5_attack-8.2-enterprise_group-cm_layer.json');
    expect(names).toContain('azure-06.29.2021_attack-8.2-enterprise.json');
    expect(new Set(names).size).toBe(names.length);
    const scopes = new Set(defaultFiles.map((f) => f.scope.split(':')[0]));
    expect([...scopes].sort()).toEqual(['capability', 'group', 'set', 'technique']);
    for (const scope of new Set(defaultFiles.map((f) => f.scope))) {
      const formats = new Set(defaultFiles.filter((f) => f.scope === scope).map((f) => f.format));
      expect(
        [...formats].filter((f) => ['csv', 'json', 'layer'].includes(f)),
        scope,
      ).toEqual(['csv', 'json', 'layer']);
      // JSON and layers hold one set each; every set of the page has both.
      const setsWithRows = new Set(defaultFiles.filter((f) => f.scope === scope && f.setId).map((f) => f.setId));
      for (const setId of setsWithRows) {
        expect(
          defaultFiles
            .filter((f) => f.scope === scope && f.setId === setId)
            .map((f) => f.format)
            .filter((f) => f !== 'non-mappable'),
          `${scope} ${setId}`,
        ).toEqual(scope.startsWith('set:') ? ['csv', 'json', 'yaml', 'layer', 'stix', 'gaps', 'rows'] : ['json', 'yaml', 'layer', 'stix']);
      }
    }
  });

  it("a page's CSV holds its rows across all its sets, each row naming its set", () => {
    const csv = Papa.parse<Record<string, string>>(file(defaultFiles, 'T1046_all-sets.csv').content(), { header: true, skipEmptyLines: true });
    expect(csv.data).toHaveLength(17);
    expect(new Set(csv.data.map((r) => `${r['mapping_framework']} ${r['mapping_framework_version']} ${r['attack_version']}`))).toEqual(
      new Set(['azure 06/29/2021 8.2', 'nist_800_53 rev5 8.2']),
    );
  });

  it("are written by the build only for whole sets (and set comparisons): a page's own files are made from its sets' files", () => {
    // A comparison's (and a superseded set's) YAML, STIX and Excel files are made on click instead (tests/lib/exports/prebuild.test.ts).
    for (const f of [...defaultFiles, ...messyFiles])
      expect(f.prebuilt, f.path).toBe((f.scope.startsWith('set:') || f.scope.startsWith('compare:')) && !f.onClick);
    for (const f of [...defaultFiles, ...messyFiles]) expect(!!f.scoped, f.path).toBe(!f.scope.startsWith('set:') && !f.scope.startsWith('compare:'));
    const written = [...defaultFiles, ...messyFiles, ...warnedFiles].filter((f) => f.prebuilt).length;
    const all = defaultFiles.length + messyFiles.length + warnedFiles.length;
    expect(written).toBeLessThan(all / 2);
  });

  it("made in the browser's way, from each set's JSON and rows files, are the build's bytes", async () => {
    for (const files of [defaultFiles, messyFiles, warnedFiles]) {
      const byPath = new Map(files.map((f) => [f.path, f]));
      const setFiles = (id: string) => decodeSetFiles(JSON.parse(byPath.get(`${id}.json`)!.content()), JSON.parse(byPath.get(`${id}_rows.json`)!.content()));
      const scoped = files.filter((f) => f.scoped);
      expect(scoped.length).toBeGreaterThan(10);
      for (const f of scoped) {
        const { subject } = f.scoped!;
        const made = await formatById(f.format).scopes.page!.write({
          scope: f.scope,
          sets: f.scoped!.sets.map(setFiles),
          ...(subject !== undefined ? { subject } : {}),
        });
        if (typeof made !== 'string') throw new Error(`${f.path}: not text`);
        expect(made, f.path).toBe(f.content());
        const parsed = f.format === 'yaml' ? parseYaml(made) : f.format === 'csv' ? null : JSON.parse(made);
        const held =
          f.format === 'csv'
            ? Papa.parse(made, { header: true, skipEmptyLines: true }).data.length
            : f.format === 'stix'
              ? (parsed.objects ?? []).filter((o: { type: string }) => o.type === 'relationship').length
              : (parsed.mapping_objects ?? parsed.techniques).length;
        // A bundle leaves out the mappings whose technique the catalog has no STIX id for (the fixtures' ATT&CK versions); the default data's are all known.
        if (f.format === 'stix' && files !== defaultFiles) expect(held).toBeLessThanOrEqual(f.scoped!.rows);
        else if (f.format !== 'layer') expect(held, `${f.path}: the count the page shows`).toBe(f.scoped!.rows);
      }
    }
  });

  it('refuse a rows file of another build, or that is not one, saying so', () => {
    const json = JSON.parse(file(defaultFiles, 'nist_800_53-rev5_attack-8.2-enterprise.json').content());
    const rows = JSON.parse(file(defaultFiles, 'azure-06.29.2021_attack-8.2-enterprise_rows.json').content());
    expect(() => decodeSetFiles(json, rows)).toThrow('the set file holds 11 objects and its rows file 6: they are of different builds');
    expect(() => decodeSetFiles(json, { format: 'other' })).toThrow('not a Mapscope rows file (format "other", expected mapscope-set-rows/1)');
  });

  it('the set file holds everything, and the non-mappable entries also come alone', () => {
    const everything = JSON.parse(file(messyFiles, 'nist_800_53-rev5_attack-16.1-enterprise.json').content());
    const statuses = everything.mapping_objects.map((o: { status: string }) => o.status);
    expect(statuses.filter((s: string) => s === 'non_mappable')).toHaveLength(2);
    expect(statuses.filter((s: string) => s === 'complete')).toHaveLength(4);
    const alone = Papa.parse<Record<string, string>>(file(messyFiles, 'nist_800_53-rev5_attack-16.1-enterprise_non-mappable.csv').content(), {
      header: true,
      skipEmptyLines: true,
    });
    expect(alone.data.map((r) => r['attack_object_id'])).toEqual(['T1496.002', 'T1650']);
  });
});

describe('gap lists', () => {
  it("hold every active technique of the set's ATT&CK version that no mapping names, one row each", () => {
    const csv = Papa.parse<Record<string, string>>(file(defaultFiles, 'nist_800_53-rev5_attack-8.2-enterprise_gaps.csv').content(), {
      header: true,
      skipEmptyLines: true,
    });
    expect(csv.meta.fields).toEqual(['attack_object_id', 'attack_object_name', 'tactics', 'is_subtechnique', 'non_mappable']);
    // ATT&CK Enterprise 8.2 has 530 active techniques and sub-techniques; the set maps one.
    expect(csv.data).toHaveLength(529);
    expect(csv.data.map((r) => r['attack_object_id'])).not.toContain('T1046');
    expect(csv.data.find((r) => r['attack_object_id'] === 'T1595')).toEqual({
      attack_object_id: 'T1595',
      attack_object_name: 'Active Scanning',
      tactics: 'Reconnaissance',
      is_subtechnique: 'false',
      non_mappable: 'false',
    });
    expect(csv.data.find((r) => r['attack_object_id'] === 'T1059.001')).toMatchObject({ is_subtechnique: 'true', tactics: 'Execution' });
  });
});

describe('CSV export', () => {
  it('has the published columns (and status), no index column, and the T1046 rows', () => {
    const csv = file(defaultFiles, 'azure-06.29.2021_attack-8.2-enterprise.csv').content();
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual([...EXPORT_CSV_COLUMNS]);
    expect(parsed.data).toHaveLength(6);
    const sentinel = parsed.data.find((r) => r['capability_id'] === 'azure_sentinel')!;
    expect(sentinel).toMatchObject({ score_category: 'detect', score_value: 'partial', mapping_type: 'technique_scores', creation_date: '06/29/2021' });
    expect(JSON.parse(sentinel['references']!)).toEqual([
      'https://docs.microsoft.com/en-us/azure/sentinel/overview',
      'https://docs.microsoft.com/en-us/azure/sentinel/hunting',
    ]);
    expect(csv.split('\r\n')[0]).toBe(EXPORT_CSV_COLUMNS.join(','));
  });

  it('quotes per RFC 4180 and neutralizes formulas the way OWASP recommends', () => {
    const ctx = indexModel(defaultModel);
    const set = defaultModel.sets.find((s) => s.id.startsWith('azure'))!;
    const base = defaultModel.mappings.find((m) => m.setId === set.id)!;
    const csv = toCsv(
      ctx,
      [
        { ...base, comments: '=HYPERLINK("http://evil.example","click")' },
        { ...base, comments: '+1, "quoted"\nsecond line' },
        { ...base, comments: '@SUM(A1)' },
        { ...base, comments: '-2' },
        { ...base, comments: '\tTabbed' },
      ].map((item) => ({ set, item })),
    );
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.slice(1);
    const comments = rows.map((r) => r[EXPORT_CSV_COLUMNS.indexOf('comments')]);
    expect(comments).toEqual(['\'=HYPERLINK("http://evil.example","click")', '\'+1, "quoted"\nsecond line', "'@SUM(A1)", "'-2", "'\tTabbed"]);
    expect(csv).toContain('"\'+1, ""quoted""\nsecond line"');
  });

  it("writes the group's label and the type's name, as the published CSV export does", () => {
    // The Mappings Explorer's own export (and its test expectations) for a set whose metadata uses opaque keys.
    const csv = Papa.parse<Record<string, string>>(file(warnedFiles, 'nist_800_53-1_attack-13.0-enterprise.csv').content(), {
      header: true,
      skipEmptyLines: true,
    });
    expect(csv.data).toEqual([
      expect.objectContaining({ capability_group: 'group', capability_id: 'AC-10', mapping_type: 'mitigates', attack_object_id: 'T1137' }),
    ]);
    const rev4 = Papa.parse<Record<string, string>>(file(warnedFiles, 'nist_800_53-rev4_attack-14.1-enterprise.csv').content(), {
      header: true,
      skipEmptyLines: true,
    });
    expect(rev4.data.map((r) => [r['capability_group'], r['capability_description'], r['mapping_type']])).toEqual([
      ['Access Control', 'Session Lock', 'Protects'],
      ['Access Control', 'Session Lock', 'Protects'],
    ]);
  });

  it('writes each row as its source gives it: its own spelling and description, its references as kept', () => {
    const csv = Papa.parse<Record<string, string>>(file(warnedFiles, 'veris-1.4.0_attack-16.1-mobile.csv').content(), { header: true, skipEmptyLines: true });
    expect(csv.data.map((r) => [r['capability_id'], r['capability_description'], r['status']])).toEqual([
      ['Action.Social.Variety.Phishing', 'Any type of lure that asks the victim for data; the long invented description.', 'complete'],
      ['action.social.variety.Phishing', 'Phishing (or any lure)', 'complete'],
      ['action.social.variety.Prompt injection', 'Invented actions against a language model', 'non_mappable'],
    ]);
    expect(JSON.parse(csv.data[2]!['references']!)).toEqual(['https://veris.example.org/enumerations#prompt']);
    const m365 = Papa.parse<Record<string, string>>(file(warnedFiles, 'm365-12.11.2023_attack-14.1-enterprise.csv').content(), {
      header: true,
      skipEmptyLines: true,
    });
    const other = m365.data.find((r) => r['attack_object_id'] === 'T1110')!;
    expect(JSON.parse(other['references']!)).toEqual([
      'javascript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
    ]);
    const unscored = m365.data.find((r) => r['attack_object_id'] === 'T1534')!;
    expect(unscored).toMatchObject({ score_category: '', score_value: '', mapping_type: 'Technique Scores' });
  });

  it('reads back through the pipeline into the same mappings', () => {
    for (const name of ['azure-06.29.2021_attack-8.2-enterprise.csv', 'nist_800_53-rev5_attack-8.2-enterprise.csv']) {
      const parsed = parseInputFile(name, Buffer.from(file(defaultFiles, name).content()));
      expect(parsed.problems).toEqual([]);
    }
  });
});

describe('JSON export', () => {
  it('validates against the unified Mappings Explorer schema, for every scope and set', () => {
    for (const planned of [...defaultFiles, ...messyFiles, ...warnedFiles].filter((f) => f.format === 'json')) {
      const data = JSON.parse(planned.content());
      const ok = validateUnified(data);
      expect(ok, `${planned.path}: ${JSON.stringify(validateUnified.errors?.slice(0, 3))}`).toBe(true);
    }
  });

  it('keeps the set metadata and declares the types and groups it uses', () => {
    const data = JSON.parse(file(defaultFiles, 'nist_800_53-rev5_attack-8.2-enterprise_capability-ac-4.json').content());
    expect(data.metadata).toMatchObject({
      attack_version: '8.2',
      technology_domain: 'enterprise',
      creation_date: '01/13/2022',
      mapping_framework: 'nist_800_53',
      mapping_framework_version: 'rev5',
      mapping_types: { protects: { name: 'Protects', description: '' } },
      capability_groups: { AC: 'Access Control' },
    });
    expect(data.mapping_objects).toEqual([
      {
        capability_id: 'AC-4',
        capability_description: 'Information Flow Enforcement',
        capability_group: 'AC',
        mapping_type: 'protects',
        attack_object_id: 'T1046',
        attack_object_name: 'Network Service Scanning',
        comments: null,
        references: [],
        status: 'complete',
      },
    ]);
  });
});

describe('Navigator layers', () => {
  const layerOf = (files: TextFile[], name: string) => JSON.parse(file(files, name).content());

  it('conform to the layer 4.5 field list, every one of them', () => {
    for (const planned of [...defaultFiles, ...messyFiles, ...warnedFiles].filter((f) => f.format === 'layer')) {
      expect(layerProblems(JSON.parse(planned.content())), planned.path).toEqual([]);
    }
  });

  it('score scored frameworks by the best score value, and say so in the legend', () => {
    const layer = layerOf(defaultFiles, 'azure-06.29.2021_attack-8.2-enterprise_T1046_layer.json');
    expect(layer.versions).toEqual({ attack: '8.2', navigator: '4.9.1', layer: '4.5' });
    expect(layer.domain).toBe('enterprise-attack');
    expect(layer.techniques).toHaveLength(1);
    const [t1046] = layer.techniques;
    expect(t1046.techniqueID).toBe('T1046');
    expect(t1046.score).toBe(3);
    expect(t1046.metadata).toContainEqual({ name: 'azure_network_traffic_analytics', value: 'detect: significant' });
    expect(t1046.comment).toContain('azure_sentinel (detect: partial)');
    expect(t1046.links[0].url).toBe('https://mapscope.example/techniques/T1046/');
    expect(layer.legendItems.map((l: { label: string }) => l.label)).toEqual(['Significant (3): best score of the mapped capabilities']);
    expect(layer.gradient.maxValue).toBe(3);
    expect(layer.gradient.minValue).toBeLessThan(3);
  });

  it('score control frameworks by the number of mapped capabilities', () => {
    const layer = layerOf(defaultFiles, 'nist_800_53-rev5_attack-8.2-enterprise_layer.json');
    expect(layer.techniques).toEqual([expect.objectContaining({ techniqueID: 'T1046', score: 11 })]);
    expect(layer.techniques[0].comment).toBe('Mapped by 11 capabilities: AC-4, CA-7, CM-2, CM-6, CM-7, CM-8, RA-5, SC-46, SC-7, SI-3, SI-4');
    expect(layer.legendItems).toEqual([{ label: '11 mapped capabilities', color: expect.stringMatching(/^#/) }]);
  });

  it('take the gradient from real scores only: non-mappables never count, no null technique', () => {
    const layer = layerOf(messyFiles, 'nist_800_53-rev5_attack-16.1-enterprise_layer.json');
    const ids = layer.techniques.map((t: { techniqueID: string }) => t.techniqueID);
    expect(ids).not.toContain(null);
    expect(ids).not.toContain('T1496.002');
    expect(ids).not.toContain('T1650');
    const scores = layer.techniques.filter((t: { score?: number }) => t.score !== undefined).map((t: { score: number }) => t.score);
    expect(layer.gradient.maxValue).toBe(Math.max(...scores));
    const lowest = Math.min(...scores);
    expect(layer.gradient.minValue).toBe(lowest < Math.max(...scores) ? lowest : lowest - 1);
  });

  it('leave rows of a scored type without a score out of the score, and say so', () => {
    const layer = layerOf(warnedFiles, 'm365-12.11.2023_attack-14.1-enterprise_layer.json');
    const t1534 = layer.techniques.find((t: { techniqueID: string }) => t.techniqueID === 'T1534');
    expect(t1534.score).toBeUndefined();
    expect(t1534.comment).toBe('Mapped but not scored: DEF-AP-E3');
    const t1656 = layer.techniques.find((t: { techniqueID: string }) => t.techniqueID === 'T1656');
    expect(t1656.metadata).toEqual([{ name: 'DEF-AP-E3', value: 'protect: not scored' }]);
    expect(layerProblems(layer)).toEqual([]);
  });

  it('annotate parents of mapped sub-techniques to show them', () => {
    const layer = layerOf(messyFiles, 'nist_800_53-rev5_attack-16.1-enterprise_layer.json');
    expect(layer.techniques).toContainEqual(expect.objectContaining({ techniqueID: 'T1059', showSubtechniques: true }));
    expect(layer.techniques.find((t: { techniqueID: string }) => t.techniqueID === 'T1059').score).toBeUndefined();
    const mobile = toNavigatorLayer(
      indexModel(messyModel),
      messyModel.sets.find((s) => s.domain === 'mobile')!,
      messyModel.mappings.filter((m) => m.setId.includes('mobile')),
      { pageUrl },
    ) as { domain: string };
    expect(mobile.domain).toBe('mobile-attack');
  });
});
