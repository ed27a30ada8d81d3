import { beforeAll, describe, expect, it } from 'vitest';
import { groupView } from '../../../src/lib/views/group-page.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture } from '../../support/paths.ts';

let index: ModelIndex;
beforeAll(async () => {
  index = indexModel((await runPipeline([fixture('mapex')])).model!);
});

describe('group view', () => {
  it('counts the rows of its capabilities in the sets where they belong to it', () => {
    const view = groupView(index, 'nist_800_53:sc');
    expect(view.capabilities.map((c) => [c.capability.displayId, c.rowCount, c.techniqueCount])).toEqual([['SC-7', 2, 2]]);
    expect(view.rowCount).toBe(2);
    expect(view.framework.id).toBe('nist_800_53');
  });

  it('shows the matrix of what it covers in its newest set', () => {
    expect(groupView(index, 'nist_800_53:sc').matrix?.set.id).toBe('nist_800_53-rev5_attack-16.1-enterprise');
  });
});
