import { beforeAll, describe, expect, it } from 'vitest';
import { frameworkView } from '../../../src/lib/views/framework-page.ts';
import { groupView } from '../../../src/lib/views/group-page.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture } from '../../support/paths.ts';

let index: ModelIndex;
beforeAll(async () => {
  index = indexModel((await runPipeline([fixture('mapex')])).model!);
});

describe('framework view', () => {
  it('lists its sets newest first and its groups', () => {
    const view = frameworkView(index, 'nist_800_53');
    expect(view.sets.map((s) => s.id)).toEqual(['nist_800_53-rev5_attack-16.1-enterprise', 'nist_800_53-rev4_attack-14.1-enterprise']);
    expect(view.groups.map((g) => g.group.displayId)).toEqual(['AC', 'CA', 'SC']);
    expect(view.capabilityCount).toBe(index.model.capabilities.filter((c) => c.frameworkId === 'nist_800_53').length);
  });

  it("counts each group's rows as the group pages count them, and every row once", () => {
    const view = frameworkView(index, 'nist_800_53');
    for (const g of view.groups) expect(g.rowCount, g.group.displayId).toBe(groupView(index, g.group.id).rowCount);
    const rows = new Set(index.model.mappings.filter((m) => m.setId.startsWith('nist_800_53-')).map((m) => m.rowId));
    expect(view.rowCount).toBe(rows.size);
    expect(view.ungrouped).toEqual([]);
  });
});
