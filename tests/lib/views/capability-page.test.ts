import { beforeAll, describe, expect, it } from 'vitest';
import { capabilityView } from '../../../src/lib/views/capability-page.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture } from '../../support/paths.ts';

let mapex: ModelIndex;
let warned: ModelIndex;
beforeAll(async () => {
  mapex = indexModel((await runPipeline([fixture('mapex')])).model!);
  warned = indexModel((await runPipeline([fixture('warnings')])).model!);
});

describe('capability view', () => {
  it('lists every technique it maps to, across sets', () => {
    const view = capabilityView(mapex, 'nist_800_53:ac-4');
    expect(view.rows.map((r) => r.technique.id)).toEqual(['T1046']);
    // Shown as the shorter of two equally used spellings; the other is listed.
    expect(view.capability.displayId).toBe('AC-4');
    expect(view.otherSpellings).toEqual(['AC-04']);
    expect(view.sets).toHaveLength(2);
    expect(view.framework.id).toBe('nist_800_53');
  });

  it('shows the matrix of the newest set that maps it', () => {
    const view = capabilityView(mapex, 'nist_800_53:ac-4');
    expect(view.matrix?.set.id).toBe('nist_800_53-rev5_attack-16.1-enterprise');
    expect(view.matrix?.label).toBe('NIST SP 800-53 rev5 @ 16.1');
  });

  it('orders its rows by technique and marks those without a score', () => {
    const ap = capabilityView(warned, 'm365:def-ap-e3');
    const ids = ap.rows.map((r) => r.technique.id);
    expect(ids).toEqual([...ids].sort());
    expect(ap.rows.filter((r) => r.notScoredIn.length > 0).map((r) => r.technique.id)).toEqual(['T1534', 'T1656']);
    expect(ap.scores).toBe(true);
  });

  it('lists what its sets title it only when they differ', () => {
    expect(capabilityView(warned, 'nist_800_53:ac-11').titles.map((t) => [t.value, t.sets.map((s) => s.id)])).toEqual([
      ['Device Lock', ['nist_800_53-rev5_attack-16.1-enterprise']],
      ['Session Lock', ['nist_800_53-rev4_attack-14.1-enterprise']],
    ]);
    expect(capabilityView(mapex, 'nist_800_53:ac-4').titles).toEqual([]);
  });
});
