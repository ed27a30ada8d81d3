import { beforeAll, describe, expect, it } from 'vitest';
import { footerView, frameworkSources, frameworkSummaries } from '../../../src/lib/views/home-page.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture } from '../../support/paths.ts';

let mapex: ModelIndex;
let warned: ModelIndex;
beforeAll(async () => {
  mapex = indexModel((await runPipeline([fixture('mapex')])).model!);
  warned = indexModel((await runPipeline([fixture('warnings')])).model!);
});

describe('framework summaries', () => {
  it('list every framework by name with its sets, mappings and capabilities', () => {
    const summaries = frameworkSummaries(mapex);
    const names = summaries.map((s) => s.framework.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(summaries).toHaveLength(mapex.model.frameworks.length);
    const nist = summaries.find((s) => s.framework.id === 'nist_800_53')!;
    expect(nist.sets.map((s) => s.id)).toEqual(['nist_800_53-rev5_attack-16.1-enterprise', 'nist_800_53-rev4_attack-14.1-enterprise']);
    expect(nist.mappingCount).toBe(mapex.model.mappings.filter((m) => nist.sets.some((s) => s.id === m.setId)).length);
    expect(nist.capabilityCount).toBe(mapex.model.capabilities.filter((c) => c.frameworkId === 'nist_800_53').length);
  });

  it("name each framework's sources: who made its sets, else their files", () => {
    const sources = frameworkSources(mapex);
    expect(sources.map((s) => s.framework.id)).toEqual(frameworkSummaries(mapex).map((s) => s.framework.id));
    for (const { framework, who } of sources) {
      const sets = framework.setIds.map((id) => mapex.sets.get(id)!);
      const people = sets.flatMap((s) => [s.organization, s.author, s.contact]).filter(Boolean);
      expect(who.length, framework.id).toBeGreaterThan(0);
      if (people.length) expect(new Set(who)).toEqual(new Set(people));
      else expect(who.every((f) => !f.includes('/') && sets.some((s) => s.sources.some((p) => p.endsWith(f))))).toBe(true);
    }
  });
});

describe('footer', () => {
  it('counts the sets, the frameworks and the objects the build warns about', () => {
    expect(footerView(mapex)).toMatchObject({ setCount: mapex.model.sets.length, frameworkCount: mapex.model.frameworks.length });
    const warnings = footerView(warned).warningCount;
    expect(warnings).toBe(warned.model.warnings.reduce((n, w) => n + w.occurrences.length, 0));
    expect(warnings).toBeGreaterThan(10);
    expect(footerView(mapex).warningCount).toBe(mapex.model.warnings.reduce((n, w) => n + w.occurrences.length, 0));
  });
});
