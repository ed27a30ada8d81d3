import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSiteFiles } from '../../scripts/check-fidelity.ts';
import { checkDownloadFidelity, unwarnedDifferences, type FidelityInput } from '../../scripts/site-check/download-fidelity.ts';
import { compareSets } from '../../src/lib/compare/diff-sets.ts';
import { modelCompareRows } from '../../src/lib/compare/from-model.ts';
import { unifiedCompareRows } from '../../src/lib/compare/from-unified.ts';
import { indexModel } from '../../src/lib/model/model-index.ts';
import { decodeSetFiles } from '../../src/lib/exports/formats/rows-file.ts';
import { restoreCell } from '../../src/lib/exports/spreadsheet-cells.ts';
import { sharedSite, type BuiltSite } from '../support/build-site.ts';
import { page, tableOf, text } from '../support/html.ts';
import { fixture } from '../support/paths.ts';

// Each row says what its own sets say, and each download writes each field as its source file
// does (tests/fixtures/fidelity/README.md lists the shapes).
const OLD = 'acme_guard-06.28.2022_attack-15.1-enterprise';
const NEW = 'acme_guard-03.06.2025_attack-16.1-enterprise';

let site: BuiltSite;
let files: FidelityInput;

beforeAll(async () => {
  site = await sharedSite({ data: [fixture('fidelity')] });
  files = await readSiteFiles({ data: [fixture('fidelity')], dist: site.dist, model: path.join(site.generated, 'model.json') });
});

type Row = Record<string, string>;
const parseCsv = (csv: string): Row[] =>
  Papa.parse<Row>(csv, { header: true, skipEmptyLines: true }).data.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, restoreCell(v)])));
const csvRows = async (name: string) => parseCsv(await readFile(path.join(site.dist, 'downloads', name), 'utf8'));
const jsonFile = async (setId: string) =>
  JSON.parse(await readFile(path.join(site.dist, 'downloads', `${setId}.json`), 'utf8')) as {
    metadata: Record<string, unknown>;
    mapping_objects: Record<string, unknown>[];
  };
const byTechnique = (rows: readonly Record<string, unknown>[], id: string) => {
  const found = rows.filter((r) => r['attack_object_id'] === id);
  expect(found, id).toHaveLength(1);
  return found[0]!;
};

/** A mapping table's row for a technique (capability pages) as parsed cells. */
function capabilityRow(capability: string, technique: string) {
  const doc = page(site.dist, `/frameworks/acme_guard/capabilities/${capability}/`);
  const table = tableOf(doc.querySelector('table')!);
  const row = table.rows.find((r) => text(r.cells['ATT&CK ID']) === technique);
  expect(row, `${capability} ${technique}`).toBeDefined();
  return row!.cells;
}
const variants = (cell: HTMLElement | undefined) => cell!.querySelectorAll('.variant').map(text);

describe('a row shared by several sets', () => {
  it('names the set that gives its related score, and each set’s downloads keep their own', () => {
    // Only the newer set gives T1059.001 a related score; the two give T1110.001 different ones.
    expect(variants(capabilityRow('shield-wall', 'T1059.001')['Value'])).toEqual(['Related score: T1059 in 03/06/2025 @ 16.1']);
    expect(variants(capabilityRow('shield-wall', 'T1110.001')['Value'])).toEqual([
      'Related score: T1078 in 03/06/2025 @ 16.1',
      'Related score: T1110 in 06/28/2022 @ 15.1',
    ]);
    const technique = tableOf(page(site.dist, '/techniques/T1059.001/').querySelector('#table-acme_guard')!);
    expect(technique.rows).toHaveLength(1);
    expect(variants(technique.rows[0]!.cells['Value'])).toEqual(['Related score: T1059 in 03/06/2025 @ 16.1']);
    // A value every set of the row gives is said once, without sets.
    expect(variants(capabilityRow('gate-keeper', 'T1078')['Value'])).toEqual([]);
    expect(text(capabilityRow('gate-keeper', 'T1078')['Value'])).toBe('Significant');
    // The capability's all-sets CSV, made from the set files as the browser makes it: each row its own set's.
    const allSets = parseCsv(files.downloads.get('capability:acme_guard:shield-wall_all-sets.csv')!);
    const related = (version: string, technique: string) =>
      allSets.filter((r) => r['mapping_framework_version'] === version && r['attack_object_id'] === technique).map((r) => r['related_score']);
    expect(related('06/28/2022', 'T1059.001')).toEqual(['']);
    expect(related('03/06/2025', 'T1059.001')).toEqual(['T1059']);
    expect(related('06/28/2022', 'T1110.001')).toEqual(['T1110']);
    expect(related('03/06/2025', 'T1110.001')).toEqual(['T1078']);
  });

  it('names the sets of each status when its sets differ', async () => {
    const type = capabilityRow('gate-keeper', 'T1021')['Mapping Type']!;
    expect(type.querySelectorAll('.badge')).toHaveLength(0);
    expect(variants(type)).toEqual(['In progress in 03/06/2025 @ 16.1', 'Complete in 06/28/2022 @ 15.1']);
    // A status all its sets give is the badge it always was.
    expect(capabilityRow('gate-keeper', 'T1078')['Mapping Type']!.querySelectorAll('.badge')).toHaveLength(0);
    expect(byTechnique(await csvRows(`${NEW}.csv`), 'T1021')['status']).toBe('in_progress');
    expect(byTechnique(await csvRows(`${OLD}.csv`), 'T1021')['status']).toBe('complete');
  });

  it('names the technique as each set does', () => {
    // The older set calls T1059.001 "Power Shell"; ATT&CK and the newer set, "PowerShell".
    const name = capabilityRow('shield-wall', 'T1059.001')['ATT&CK Name']!;
    expect(name.childNodes[0]!.textContent.trim()).toBe('PowerShell');
    expect(variants(name)).toEqual(['Power Shell in 06/28/2022 @ 15.1']);
    expect(text(capabilityRow('shield-wall', 'T1110.001')['ATT&CK Name'])).toBe('Password Guessing');
  });
});

describe('downloads write each field as its source does', () => {
  const GATE_COMMENT_OLD = '  Gate Keeper watches  every sign-in.\nIt flags bursts from new places.  \n';

  it('a comment with doubled, leading and trailing spaces and newlines (pages show it tidied, once)', async () => {
    expect(byTechnique(await csvRows(`${OLD}.csv`), 'T1078')['comments']).toBe(GATE_COMMENT_OLD);
    expect(byTechnique((await jsonFile(OLD)).mapping_objects, 'T1078')['comments']).toBe(GATE_COMMENT_OLD);
    expect(byTechnique(await csvRows(`${NEW}.csv`), 'T1078')['comments']).toBe('Gate Keeper watches  every sign-in.\nIt flags bursts from new places.');
    // The row both sets share shows the comment once, without its stray spaces.
    const notes = capabilityRow('gate-keeper', 'T1078')['Notes']!;
    expect(notes.querySelectorAll('.comments').map((p) => p.textContent)).toEqual(['Gate Keeper watches  every sign-in.\nIt flags bursts from new places.']);
    // Compared in the browser from the files, the sets differ as the static comparison says: not in their stray spaces.
    const loaded = (id: string) => decodeSetFiles(JSON.parse(files.downloads.get(`${id}.json`)!), JSON.parse(files.downloads.get(`${id}_rows.json`)!));
    const index = indexModel(files.model);
    const fromFiles = compareSets(unifiedCompareRows(loaded(OLD)), unifiedCompareRows(loaded(NEW)));
    expect(fromFiles).toEqual(compareSets(modelCompareRows(index, index.sets.get(OLD)!), modelCompareRows(index, index.sets.get(NEW)!)));
    expect(fromFiles.changed.flatMap((c) => c.fields.map((f) => f.field))).not.toContain('comments');
  });

  it('a capability id with a trailing space, an ATT&CK name and a description with odd spacing, a group label with a trailing space', async () => {
    const newCsv = await csvRows(`${NEW}.csv`);
    expect(byTechnique(newCsv, 'T1021')['capability_id']).toBe('gate_keeper ');
    expect(byTechnique((await jsonFile(NEW)).mapping_objects, 'T1021')['capability_id']).toBe('gate_keeper ');
    expect(byTechnique(newCsv, 'T1078')['capability_id']).toBe('gate_keeper');
    const oldCsv = await csvRows(`${OLD}.csv`);
    const oldJson = await jsonFile(OLD);
    expect(byTechnique(oldCsv, 'T1078')['attack_object_name']).toBe(' Valid  Accounts ');
    expect(byTechnique(oldJson.mapping_objects, 'T1078')['attack_object_name']).toBe(' Valid  Accounts ');
    expect(byTechnique(oldCsv, 'T1059.001')['capability_description']).toBe('Shield  Wall');
    expect(byTechnique(oldCsv, 'T1059.001')['capability_group']).toBe('Shield Wall ');
    expect((oldJson.metadata['capability_groups'] as Record<string, string>)['shield_wall']).toBe('Shield Wall ');
    expect(byTechnique(newCsv, 'T1059.001')['capability_group']).toBe('Shield Wall');
    // Pages show them tidied: one capability, one title, the name in single spaces.
    expect(text(capabilityRow('gate-keeper', 'T1078')['ATT&CK Name'])).toBe('Valid Accounts');
    const technique = tableOf(page(site.dist, '/techniques/T1059.001/').querySelector('#table-acme_guard')!);
    expect(technique.rows[0]!.cells['Capability Description']!.textContent).toBe('Shield Wall');
  });

  it('a row spelling its framework version otherwise keeps its spelling, and reads back into its set', async () => {
    const oldCsv = await csvRows(`${OLD}.csv`);
    expect(byTechnique(oldCsv, 'T1078')['mapping_framework_version']).toBe('6/28/2022');
    expect(byTechnique(oldCsv, 'T1021')['mapping_framework_version']).toBe('06/28/2022');
    expect(byTechnique((await jsonFile(OLD)).mapping_objects, 'T1078')['mapping_framework_version']).toBe('6/28/2022');
    expect(byTechnique((await jsonFile(OLD)).mapping_objects, 'T1021')).not.toHaveProperty('mapping_framework_version');
    // Both spellings name the one set: its page lists every mapping.
    const set = page(site.dist, `/sets/${OLD}/`);
    expect(text(set.querySelectorAll('dt').find((dt) => text(dt) === 'Objects read')!.nextElementSibling)).toMatch(/^6: 4 mappings, 2 non-mappable/);
  });

  it('a non-mappable entry keeps its own spelling of its capability, its description and its status', async () => {
    for (const name of [`${OLD}.csv`, `${OLD}_non-mappable.csv`]) {
      const rows = (await csvRows(name)).filter((r) => r['attack_object_id'] === '');
      expect(
        rows.map((r) => [r['capability_id'], r['capability_description'], r['status']]),
        name,
      ).toEqual([
        ['Gate_Keeper', 'Gate Keeper', 'non_mappable'],
        ['gate_keeper', '(audit mode, no technique named)', 'complete'],
      ]);
    }
    const json = (await jsonFile(OLD)).mapping_objects.filter((o) => o['attack_object_id'] === null);
    expect(json.map((o) => [o['capability_id'], o['status']])).toEqual([
      ['Gate_Keeper', 'non_mappable'],
      ['gate_keeper', 'complete'],
    ]);
    // The set page lists both under the one capability, each with the name it gives.
    const table = tableOf(page(site.dist, `/sets/${OLD}/`).querySelector('section[aria-labelledby="non-mappable-title"] table')!);
    expect(table.rows.map((r) => [text(r.cells['Entry']), text(r.cells['Name'])])).toEqual([
      ['gate_keeper', 'Gate Keeper'],
      ['gate_keeper', '(audit mode, no technique named)'],
    ]);
  });

  it('the fidelity checker finds no difference between any download and its source, and finds one made on purpose', () => {
    const report = checkDownloadFidelity(files);
    expect(report.rows).toBeGreaterThan(20);
    expect(report.files).toBeGreaterThanOrEqual(5);
    expect(report.fields).toEqual({});
    expect(unwarnedDifferences(report)).toBe(0);
    // The same downloads with one comment trimmed, as the old downloads wrote it.
    const name = `${OLD}.csv`;
    const tampered = new Map(files.downloads);
    tampered.set(name, files.downloads.get(name)!.replace('"  Gate Keeper watches', '"Gate Keeper watches'));
    expect(tampered.get(name)).not.toBe(files.downloads.get(name));
    const found = checkDownloadFidelity({ ...files, downloads: tampered });
    // The row differs from its source, and the all-sets CSV of each page listing it (technique, capability,
    // group; made from the JSON file) from the set's CSV.
    expect(Object.keys(found.fields).sort()).toEqual(["all-sets (row not in its set's CSV)", 'csv comments']);
    expect(found.fields["all-sets (row not in its set's CSV)"]!.differences).toBe(3);
    expect(found.fields['csv comments']!.differences).toBe(1);
    expect(found.fields['csv comments']!.examples[0]!.at).toBe(`tests/fixtures/fidelity/${OLD}.json#/mapping_objects/2`);
  });
});
