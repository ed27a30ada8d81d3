import { beforeAll, describe, expect, it } from 'vitest';
import { createExplorer, type Explorer } from '../../../src/lib/views/explorer.ts';
import { setListLabel, variantSetsLabel } from '../../../src/lib/core/labels.ts';
import { indexModel } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { capabilityRoutes, groupRoutes, setRoutes, techniqueRoutes } from '../../../src/lib/site/routes.ts';
import { setFilterCss } from '../../../src/lib/site/set-filter-css.ts';
import { fixture } from '../../support/paths.ts';

let explorer: Explorer;
beforeAll(async () => {
  const result = await runPipeline([fixture('mapex')]);
  explorer = createExplorer(indexModel(result.model!));
});

describe('technique view', () => {
  it('shows a mapping published in several sets once, listing the sets newest first', () => {
    const view = explorer.technique('T1046');
    const nist = view.tables.find((t) => t.framework.id === 'nist_800_53')!;
    const ac4 = nist.rows.filter((r) => r.capability.id === 'nist_800_53:ac-4');
    expect(ac4).toHaveLength(1);
    expect(ac4[0]!.sets.map((s) => s.id)).toEqual([
      'nist_800_53-rev5_attack-16.1-enterprise',
      'nist_800_53-rev4_attack-14.1-enterprise',
    ]);
    // The row leads with the newest set's wording and keeps the older set's own.
    expect(ac4[0]!.mappingType.label).toBe('Mitigates');
    expect(ac4[0]!.typeVariants.map((v) => [v.value, v.sets.map((s) => s.id)])).toEqual([['Protects', ['nist_800_53-rev4_attack-14.1-enterprise']]]);
    expect(setListLabel(ac4[0]!.sets)).toEqual(['rev5 @ 16.1', 'rev4 @ 14.1']);
  });

  it('never hides a framework because its set targets another ATT&CK version', () => {
    const view = explorer.technique('T1046');
    expect(view.tables.map((t) => t.framework.id).sort()).toEqual(['azure', 'csa_ccm', 'nist_800_53', 'veris']);
    const versions = new Set(view.sets.map((s) => s.set.attackVersion));
    expect([...versions].sort()).toEqual(['14.1', '16.1', '17.1']);
  });

  it('keeps rows that differ apart and orders capabilities naturally', () => {
    const view = explorer.technique('T1078');
    const azure = view.tables.find((t) => t.framework.id === 'azure')!;
    expect(azure.rows.map((r) => r.sets.map((s) => s.attackVersion).join(','))).toEqual(['16.1,8.2']);
    const nist = explorer.technique('T1046').tables.find((t) => t.framework.id === 'nist_800_53')!;
    expect(nist.rows.map((r) => r.capability.displayId)).toEqual(['AC-4', 'SC-7']);
  });

  it('chooses columns by the data: scores for scored frameworks, notes where they exist', () => {
    const view = explorer.technique('T1046');
    const nist = view.tables.find((t) => t.framework.id === 'nist_800_53')!;
    const azure = view.tables.find((t) => t.framework.id === 'azure')!;
    expect({ scores: nist.scores, comments: nist.comments, references: nist.references }).toEqual({ scores: false, comments: false, references: false });
    expect({ scores: azure.scores, comments: azure.comments, references: azure.references }).toEqual({ scores: true, comments: true, references: true });
  });

  it('links parents and sub-techniques, with counts', () => {
    expect(explorer.technique('T1059.001').parent!.id).toBe('T1059');
    // Every active sub-technique of the sets' ATT&CK versions is there, mapped or not.
    const subs = explorer.technique('T1059').subtechniques;
    expect(subs.map((s) => s.technique.id)).toContain('T1059.003');
    expect(subs.filter((s) => s.rowCount > 0).map((s) => [s.technique.id, s.rowCount])).toEqual([['T1059.001', 1]]);
  });

  it('lists non-mappable entries of a technique', () => {
    expect(explorer.technique('T1650').nonMappables.map((n) => n.set.id)).toEqual([
      'nist_800_53-rev5_attack-16.1-enterprise',
      'nist_800_53-rev4_attack-14.1-enterprise',
    ]);
  });
});

describe('capability, group, set and framework views', () => {
  it('a capability lists every technique it maps to, across sets', () => {
    const view = explorer.capability('nist_800_53:ac-4');
    expect(view.rows.map((r) => r.technique.id)).toEqual(['T1046']);
    // Shown as the shorter of two equally used spellings; the other is listed.
    expect(view.capability.displayId).toBe('AC-4');
    expect(view.otherSpellings).toEqual(['AC-04']);
    expect(view.sets).toHaveLength(2);
  });

  it('a group counts the rows of its capabilities in the sets where they belong to it', () => {
    const view = explorer.group('nist_800_53:sc');
    expect(view.capabilities.map((c) => [c.capability.displayId, c.rowCount, c.techniqueCount])).toEqual([['SC-7', 2, 2]]);
    expect(view.rowCount).toBe(2);
  });

  it('a set counts its groups, capabilities, techniques, non-mappables and duplicates', () => {
    const view = explorer.set('nist_800_53-rev5_attack-16.1-enterprise');
    expect(view.techniqueCount).toBe(3);
    expect(view.capabilities.map((c) => [c.capability.displayId, c.mappingCount])).toEqual([
      ['AC-4', 1],
      ['CA-7', 1],
      ['SC-7', 2],
    ]);
    expect(view.groups.map((g) => [g.group.displayId, g.capabilityCount, g.mappingCount])).toEqual([
      ['AC', 1, 1],
      ['CA', 1, 1],
      ['SC', 1, 2],
    ]);
    expect(view.nonMappables).toHaveLength(2);
    expect(view.duplicates).toHaveLength(2);
  });

  it('a framework lists its sets newest first and its groups', () => {
    const view = explorer.framework('nist_800_53');
    expect(view.sets.map((s) => s.id)).toEqual(['nist_800_53-rev5_attack-16.1-enterprise', 'nist_800_53-rev4_attack-14.1-enterprise']);
    expect(view.groups.map((g) => g.group.displayId)).toEqual(['AC', 'CA', 'SC']);
  });

  it('offers a set filter only where a page has rows from two or more sets', () => {
    expect([...explorer.capabilityFilterSets('nist_800_53:ac-4')].sort()).toEqual([
      'nist_800_53-rev4_attack-14.1-enterprise',
      'nist_800_53-rev5_attack-16.1-enterprise',
    ]);
    expect(explorer.capabilityFilterSets('gcp:virus-total').size).toBe(0);
  });
});

describe('routes and the set filter stylesheet', () => {
  it('has one page per technique, capability, group and set, at distinct paths', () => {
    const model = explorer.index.model;
    expect(techniqueRoutes(model)).toHaveLength(model.techniques.length);
    const capabilityPaths = capabilityRoutes(model).map((r) => `${r.params.framework}/${r.params.capability}`);
    expect(new Set(capabilityPaths).size).toBe(model.capabilities.length);
    const groupPaths = groupRoutes(model).map((r) => `${r.params.framework}/${r.params.group}`);
    expect(new Set(groupPaths).size).toBe(model.groups.length);
    expect(setRoutes(model).map((r) => r.params.set)).toEqual(model.sets.map((s) => s.id));
  });

  it('writes one rule per set keyed by its anchor', () => {
    const css = setFilterCss(explorer.index.setTokens);
    expect(css.split('\n')).toHaveLength(explorer.index.model.sets.length);
    const token = explorer.index.setTokens.get('nist_800_53-rev5_attack-16.1-enterprise')!;
    expect(css).toContain(
      `:root:has([id="set-nist_800_53-rev5_attack-16.1-enterprise"]:target) [data-sets]:not([data-sets~="${token}"]){display:none}`,
    );
  });
});

describe('rows say what each of their sets says', () => {
  let warned: Explorer;
  beforeAll(async () => {
    const result = await runPipeline([fixture('warnings')]);
    warned = createExplorer(indexModel(result.model!));
  });

  it('a merged row keeps each set\'s mapping type label and capability title', () => {
    const row = warned.technique('T1078').tables.find((t) => t.framework.id === 'nist_800_53')!.rows[0]!;
    expect(row.sets.map((s) => s.id)).toEqual(['nist_800_53-rev5_attack-16.1-enterprise', 'nist_800_53-rev4_attack-14.1-enterprise']);
    expect(row.mappingType.label).toBe('Mitigates');
    expect(row.typeVariants.map((v) => v.value)).toEqual(['Protects']);
    expect(row.titles.map((v) => [v.value, variantSetsLabel(v.sets, row.sets)])).toEqual([
      ['Device Lock', 'rev5 @ 16.1'],
      ['Session Lock', 'rev4 @ 14.1'],
    ]);
  });

  it('a scored row without a score is marked not scored, and a sub-technique row keeps its related score', () => {
    const ap = warned.capability('m365:def-ap-e3');
    expect(ap.rows.filter((r) => r.notScoredIn.length > 0).map((r) => r.technique.id)).toEqual(['T1534', 'T1656']);
    const ca = warned.capability('m365:eid-ca-e3');
    expect(ca.rows.find((r) => r.technique.id === 'T1059.009')!.relatedScores.map((v) => v.value)).toEqual(['T1059']);
  });

  it('a set counts its warnings and its rows without a score', () => {
    const view = warned.set('m365-12.11.2023_attack-14.1-enterprise');
    expect(view.notScored).toBe(2);
    expect(view.warningCount).toBe(warned.index.model.warnings.filter((w) => w.setId === view.set.id).reduce((n, w) => n + w.occurrences.length, 0));
    expect(view.warningCount).toBeGreaterThan(10);
  });

  it('a set labels its groups as it writes them', () => {
    const view = warned.set('nist_800_53-1_attack-13.0-enterprise');
    expect(view.groups.map((g) => [g.group.sets[view.set.id]!.spelling, g.label])).toEqual([['5678', 'group']]);
  });

  it('the data-quality view lists every warning by set and kind, linking rows to their pages', () => {
    const view = warned.dataQuality();
    expect(view.total).toBe(warned.index.model.warnings.reduce((n, w) => n + w.occurrences.length, 0));
    const places = view.sets.flatMap((s) => s.kinds.flatMap((k) => k.warnings.flatMap((w) => w.places)));
    expect(places).toHaveLength(view.total);
    const m365 = view.sets.find((s) => s.set.id === 'm365-12.11.2023_attack-14.1-enterprise')!;
    expect(m365.kinds.map((k) => k.kind)).toEqual([
      'reference-trimmed', 'reference-split', 'reference-rejoined', 'reference-dropped', 'reference-unwrapped', 'reference-not-a-link', 'score-missing', 'description-varies',
      'technique-unknown', 'technique-revoked', 'technique-deprecated',
    ]);
    const missing = m365.kinds.find((k) => k.kind === 'score-missing')!.warnings[0]!;
    expect(missing.capability!.id).toBe('m365:def-ap-e3');
    expect(missing.places[0]!.row).toEqual({ page: 'technique', id: 'T1534', anchor: expect.stringMatching(/^def-ap-e3-t1534-/) });
  });
});
