import { beforeAll, describe, expect, it } from 'vitest';
import { techniqueSummaries, techniqueView } from '../../../src/lib/views/technique-page.ts';
import { setListLabel } from '../../../src/lib/core/labels.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture } from '../../support/paths.ts';

let index: ModelIndex;
beforeAll(async () => {
  const result = await runPipeline([fixture('mapex')]);
  index = indexModel(result.model!);
});

describe('technique view', () => {
  it('shows a mapping published in several sets once, listing the sets newest first', () => {
    const view = techniqueView(index, 'T1046');
    const nist = view.tables.find((t) => t.framework.id === 'nist_800_53')!;
    const ac4 = nist.rows.filter((r) => r.capability.id === 'nist_800_53:ac-4');
    expect(ac4).toHaveLength(1);
    expect(ac4[0]!.sets.map((s) => s.id)).toEqual(['nist_800_53-rev5_attack-16.1-enterprise', 'nist_800_53-rev4_attack-14.1-enterprise']);
    // The row leads with the newest set's wording and keeps the older set's own.
    expect(ac4[0]!.mappingType.label).toBe('Mitigates');
    expect(ac4[0]!.typeVariants.map((v) => [v.value, v.sets.map((s) => s.id)])).toEqual([['Protects', ['nist_800_53-rev4_attack-14.1-enterprise']]]);
    expect(setListLabel(ac4[0]!.sets)).toEqual(['rev5 @ 16.1', 'rev4 @ 14.1']);
  });

  it('never hides a framework because its set targets another ATT&CK version', () => {
    const view = techniqueView(index, 'T1046');
    expect(view.tables.map((t) => t.framework.id)).toEqual(
      ['azure', 'csa_ccm', 'nist_800_53', 'veris'].sort((a, b) => index.frameworks.get(a)!.name.localeCompare(index.frameworks.get(b)!.name)),
    );
    const versions = new Set(view.sets.map((s) => s.set.attackVersion));
    expect([...versions].sort()).toEqual(['14.1', '16.1', '17.1']);
  });

  it('orders each table by capability, naturally', () => {
    const nist = techniqueView(index, 'T1046').tables.find((t) => t.framework.id === 'nist_800_53')!;
    expect(nist.rows.map((r) => r.capability.displayId)).toEqual(['AC-4', 'SC-7']);
  });

  it('chooses columns by the data: scores for scored frameworks, notes where they exist', () => {
    const view = techniqueView(index, 'T1046');
    const nist = view.tables.find((t) => t.framework.id === 'nist_800_53')!;
    const azure = view.tables.find((t) => t.framework.id === 'azure')!;
    expect({ scores: nist.scores, comments: nist.comments, references: nist.references }).toEqual({ scores: false, comments: false, references: false });
    expect({ scores: azure.scores, comments: azure.comments, references: azure.references }).toEqual({ scores: true, comments: true, references: true });
  });

  it('links parents and sub-techniques, with counts', () => {
    expect(techniqueView(index, 'T1059.001').parent!.id).toBe('T1059');
    // Every active sub-technique of the sets' ATT&CK versions is there, mapped or not.
    const subs = techniqueView(index, 'T1059').subtechniques;
    expect(subs.map((s) => s.technique.id)).toContain('T1059.003');
    expect(subs.filter((s) => s.rowCount > 0).map((s) => [s.technique.id, s.rowCount])).toEqual([['T1059.001', 1]]);
  });

  it('lists non-mappable entries of a technique', () => {
    expect(techniqueView(index, 'T1650').nonMappables.map((n) => n.set.id)).toEqual([
      'nist_800_53-rev5_attack-16.1-enterprise',
      'nist_800_53-rev4_attack-14.1-enterprise',
    ]);
  });
});

describe('technique summaries', () => {
  it('list every technique in id order with its rows (counted once across sets) and frameworks', () => {
    const summaries = techniqueSummaries(index);
    expect(summaries.map((s) => s.technique.id)).toEqual(index.model.techniques.map((t) => t.id));
    const t1046 = summaries.find((s) => s.technique.id === 'T1046')!;
    expect(t1046.rowCount).toBe(techniqueView(index, 'T1046').rowCount);
    expect(t1046.frameworkCount).toBe(4);
    expect(summaries.find((s) => s.technique.id === 'T1059.003')).toMatchObject({ rowCount: 0, frameworkCount: 0 });
  });
});
