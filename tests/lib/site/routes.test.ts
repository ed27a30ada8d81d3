import { beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../../src/lib/model/schema.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { capabilityRoutes, groupRoutes, setRoutes, techniqueRoutes } from '../../../src/lib/site/routes.ts';
import { fixture } from '../../support/paths.ts';

let model: Model;
beforeAll(async () => {
  model = (await runPipeline([fixture('mapex')])).model!;
});

describe('routes', () => {
  it('give one page per technique, capability, group and set, at distinct paths', () => {
    expect(techniqueRoutes(model)).toHaveLength(model.techniques.length);
    const capabilityPaths = capabilityRoutes(model).map((r) => `${r.params.framework}/${r.params.capability}`);
    expect(new Set(capabilityPaths).size).toBe(model.capabilities.length);
    const groupPaths = groupRoutes(model).map((r) => `${r.params.framework}/${r.params.group}`);
    expect(new Set(groupPaths).size).toBe(model.groups.length);
    expect(setRoutes(model).map((r) => r.params.set)).toEqual(model.sets.map((s) => s.id));
  });
});
