import { beforeAll, describe, expect, it } from 'vitest';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { setFilterCss } from '../../../src/lib/site/set-filter-css.ts';
import { fixture } from '../../support/paths.ts';

let index: ModelIndex;
beforeAll(async () => {
  index = indexModel((await runPipeline([fixture('mapex')])).model!);
});

describe('the set filter stylesheet', () => {
  it('writes one rule per set keyed by its anchor', () => {
    const css = setFilterCss(index.setTokens);
    expect(css.split('\n')).toHaveLength(index.model.sets.length);
    const token = index.setTokens.get('nist_800_53-rev5_attack-16.1-enterprise')!;
    expect(css).toContain(`:root:has([id="set-nist_800_53-rev5_attack-16.1-enterprise"]:target) [data-sets]:not([data-sets~="${token}"]){display:none}`);
  });
});
