import { beforeAll, describe, expect, it } from 'vitest';
import { byCapability, byTechnique, columnsFor, mappingRows, nonMappableEntries, setCounts } from '../../../src/lib/views/mapping-rows.ts';
import { variantSetsLabel } from '../../../src/lib/core/labels.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture } from '../../support/paths.ts';

let mapex: ModelIndex;
let warned: ModelIndex;
beforeAll(async () => {
  mapex = indexModel((await runPipeline([fixture('mapex')])).model!);
  warned = indexModel((await runPipeline([fixture('warnings')])).model!);
});

const rowsOfTechnique = (index: ModelIndex, id: string) => mappingRows(index, index.mappingsByTechnique.get(id) ?? []);

describe('mapping rows', () => {
  it('are one per mapping however many sets publish it, with the sets newest first', () => {
    const mappings = mapex.mappingsByTechnique.get('T1046')!;
    const rows = rowsOfTechnique(mapex, 'T1046');
    expect(rows.length).toBeLessThan(mappings.length);
    expect(rows.length).toBe(new Set(mappings.map((m) => m.rowId)).size);
    const ac4 = rows.find((r) => r.capability.id === 'nist_800_53:ac-4')!;
    expect(ac4.sets.map((s) => s.id)).toEqual(['nist_800_53-rev5_attack-16.1-enterprise', 'nist_800_53-rev4_attack-14.1-enterprise']);
    expect(ac4.tokens.split(' ')).toEqual(ac4.sets.map((s) => mapex.setTokens.get(s.id)));
  });

  it('keep mappings that differ apart', () => {
    const azure = rowsOfTechnique(mapex, 'T1078').filter((r) => r.capability.frameworkId === 'azure');
    expect(azure.map((r) => r.sets.map((s) => s.attackVersion).join(','))).toEqual(['16.1,8.2']);
  });

  it("keep each set's mapping type label and capability title", () => {
    const row = rowsOfTechnique(warned, 'T1078').find((r) => r.capability.frameworkId === 'nist_800_53')!;
    expect(row.sets.map((s) => s.id)).toEqual(['nist_800_53-rev5_attack-16.1-enterprise', 'nist_800_53-rev4_attack-14.1-enterprise']);
    expect(row.mappingType.label).toBe('Mitigates');
    expect(row.typeVariants.map((v) => v.value)).toEqual(['Protects']);
    expect(row.titles.map((v) => [v.value, variantSetsLabel(v.sets, row.sets)])).toEqual([
      ['Device Lock', 'rev5 @ 16.1'],
      ['Session Lock', 'rev4 @ 14.1'],
    ]);
  });

  it("mark a scored row without a score as not scored, and keep a sub-technique row's related score", () => {
    const ap = mappingRows(warned, warned.mappingsByCapability.get('m365:def-ap-e3')!).sort(byTechnique);
    expect(ap.filter((r) => r.notScoredIn.length > 0).map((r) => r.technique.id)).toEqual(['T1534', 'T1656']);
    const ca = mappingRows(warned, warned.mappingsByCapability.get('m365:eid-ca-e3')!);
    expect(ca.find((r) => r.technique.id === 'T1059.009')!.relatedScores.map((v) => [v.value, v.technique])).toEqual([['T1059', true]]);
    // A related score that names no technique (a warning) is text, never a link to a page that does not exist.
    const kev = mappingRows(warned, warned.mappingsByCapability.get('kev:cve-2025-0003')!);
    expect(kev[0]!.relatedScores.map((v) => [v.value, v.technique])).toEqual([['1404', false]]);
  });

  it('sort by capability (natural order) or by technique', () => {
    const byCap = rowsOfTechnique(mapex, 'T1046')
      .filter((r) => r.capability.frameworkId === 'nist_800_53')
      .sort(byCapability);
    expect(byCap.map((r) => r.capability.displayId)).toEqual(['AC-4', 'SC-7']);
    const byTech = mappingRows(mapex, mapex.mappingsByCapability.get('nist_800_53:sc-7')!).sort(byTechnique);
    expect(byTech.map((r) => r.technique.id)).toEqual([...byTech.map((r) => r.technique.id)].sort());
  });

  it('need score and notes columns only where a row has them', () => {
    const rows = rowsOfTechnique(mapex, 'T1046');
    expect(columnsFor(rows.filter((r) => r.capability.frameworkId === 'nist_800_53'))).toEqual({ scores: false, comments: false, references: false });
    expect(columnsFor(rows.filter((r) => r.capability.frameworkId === 'azure'))).toEqual({ scores: true, comments: true, references: true });
  });
});

describe('set counts and non-mappable entries', () => {
  it("count each set's rows, by framework name, then newest first", () => {
    expect(setCounts(mapex, rowsOfTechnique(mapex, 'T1046')).map((c) => [c.label, c.count])).toEqual([
      ['CSA Cloud Controls Matrix 4.1 @ 17.1', 1],
      ['Microsoft Azure 04/26/2025 @ 16.1', 1],
      ['NIST SP 800-53 rev5 @ 16.1', 2],
      ['NIST SP 800-53 rev4 @ 14.1', 1],
      ['VERIS 1.4.1 @ 16.1', 1],
    ]);
  });

  it('name each entry as its set does, newest set first', () => {
    const entries = nonMappableEntries(mapex, mapex.nonMappablesByTechnique.get('T1650'));
    expect(entries.map((e) => e.set.id)).toEqual(['nist_800_53-rev5_attack-16.1-enterprise', 'nist_800_53-rev4_attack-14.1-enterprise']);
    expect(entries.map((e) => e.setLabel)).toEqual(['NIST SP 800-53 rev5 @ 16.1', 'NIST SP 800-53 rev4 @ 14.1']);
    expect(entries.every((e) => e.name !== null && e.tokens === mapex.setTokens.get(e.set.id))).toBe(true);
    expect(nonMappableEntries(mapex, undefined)).toEqual([]);
  });
});
