import { beforeAll, describe, expect, it } from 'vitest';
import { setView } from '../../../src/lib/views/set-page.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture } from '../../support/paths.ts';

let mapex: ModelIndex;
let warned: ModelIndex;
beforeAll(async () => {
  mapex = indexModel((await runPipeline([fixture('mapex')])).model!);
  warned = indexModel((await runPipeline([fixture('warnings')])).model!);
});

describe('set view', () => {
  it('counts its groups, capabilities, techniques, non-mappables and duplicates', () => {
    const view = setView(mapex, 'nist_800_53-rev5_attack-16.1-enterprise');
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
    expect(view.matrix).not.toBeNull();
    expect(view.gaps!.length).toBeGreaterThan(0);
  });

  it('counts its warnings and its rows without a score', () => {
    const view = setView(warned, 'm365-12.11.2023_attack-14.1-enterprise');
    expect(view.notScored).toBe(2);
    expect(view.warningCount).toBe(warned.model.warnings.filter((w) => w.setId === view.set.id).reduce((n, w) => n + w.occurrences.length, 0));
    expect(view.warningCount).toBeGreaterThan(10);
  });

  it('labels its groups as it writes them', () => {
    const view = setView(warned, 'nist_800_53-1_attack-13.0-enterprise');
    expect(view.groups.map((g) => [g.group.sets[view.set.id]!.spelling, g.label])).toEqual([['5678', 'group']]);
  });
});
