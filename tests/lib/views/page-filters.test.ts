import { beforeAll, describe, expect, it } from 'vitest';
import { capabilityFilterSets, techniqueFilterSets, techniqueInSet } from '../../../src/lib/views/page-filters.ts';
import { createUrls } from '../../../src/lib/core/urls.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture } from '../../support/paths.ts';

let index: ModelIndex;
beforeAll(async () => {
  index = indexModel((await runPipeline([fixture('mapex')])).model!);
});

const REV5 = 'nist_800_53-rev5_attack-16.1-enterprise';
const REV4 = 'nist_800_53-rev4_attack-14.1-enterprise';

describe('set filters', () => {
  it('are offered only where a page has rows from two or more sets', () => {
    expect([...capabilityFilterSets(index, 'nist_800_53:ac-4')].sort()).toEqual([REV4, REV5]);
    expect(capabilityFilterSets(index, 'gcp:virus-total').size).toBe(0);
    expect(techniqueFilterSets(index, 'T1046').has(REV5)).toBe(true);
  });

  it('narrow a technique link to a set only where its page offers that set', () => {
    const urls = createUrls('/');
    expect(techniqueInSet(index, urls, 'T1046', REV5)).toBe('/techniques/T1046/#set-nist_800_53-rev5_attack-16.1-enterprise');
    const single = index.model.techniques.find((t) => techniqueFilterSets(index, t.id).size === 0 && index.mappingsByTechnique.has(t.id))!;
    const setId = index.mappingsByTechnique.get(single.id)![0]!.setId;
    expect(techniqueInSet(index, urls, single.id, setId)).toBe(urls.technique(single.id));
  });
});
