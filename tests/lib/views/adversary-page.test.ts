import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adversarySummaries, adversaryView } from '../../../src/lib/views/adversary-page.ts';
import { mitigationView } from '../../../src/lib/views/mitigation-page.ts';
import { coverageSummary } from '../../../src/lib/views/adversary-facts.ts';
import { techniqueThreats } from '../../../src/lib/views/technique-threats.ts';
import { adversaryProseOf } from '../../../src/lib/attack/bundles.ts';
import { addBundle, emptyCatalog, indexCatalog } from '../../../src/lib/attack/catalog.ts';
import { readAttackBundle } from '../../../src/lib/attack/stix.ts';
import { modelAdversaries } from '../../../src/lib/ingest/normalize/model-adversaries.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import type { Framework, Model } from '../../../src/lib/model/schema.ts';
import { fixture } from '../../support/paths.ts';

// The mapex fixture's model with the invented complete bundle as its adversaries (Quiet Otters,
// G0901, uses T1901 and T1902; its campaign C0901 uses T1901 and T1903; PaperMoth S0901 and
// KeyRing S0902 are its software), and AC-4 of NIST rev5 mapped to T1901 as well.
let index: ModelIndex;
let real: ModelIndex;
beforeAll(async () => {
  const model = structuredClone((await runPipeline([fixture('mapex')])).model!) as Model;
  const bundle = readAttackBundle('enterprise-attack-5.0.json', readFileSync(fixture('attack', 'complete', 'enterprise-attack-5.0.json'), 'utf8')).bundle!;
  const attack = {
    catalogs: new Map([['enterprise' as const, indexCatalog(addBundle(emptyCatalog('enterprise'), bundle))]]),
    descriptions: new Map(),
    prose: adversaryProseOf([bundle]),
  };
  model.adversaries = modelAdversaries(attack, ['enterprise'], new Set(model.techniques.map((t) => t.id)));
  const ac4 = model.mappings.find((m) => m.capabilityId === 'nist_800_53:ac-4' && m.setId.includes('rev5'))!;
  model.mappings.push({ ...ac4, id: 'invented-t1901', rowId: 'invented-t1901', techniqueId: 'T1901' });
  index = indexModel(model);
  real = indexModel((await runPipeline([fixture('mapex')])).model!);
});

describe('adversary pages', () => {
  it("a group's techniques follow the counting rules: its own and its campaigns', its software's apart", () => {
    const view = adversaryView(index, 'G0901');
    expect(view.name).toBe('Quiet Otters');
    expect(view.aliases).toEqual(['River Gang', 'Otter Crew']);
    const [part] = view.parts;
    expect(part!.techniques.map((t) => t.id)).toEqual(['T1901', 'T1902', 'T1903']);
    expect(part!.techniques.find((t) => t.id === 'T1903')!.campaigns).toEqual(['C0901']);
    expect(part!.softwareOnly.map((t) => [t.id, t.software])).toEqual([
      ['T1901.001', ['S0901']],
      ['T1906', ['S0901']],
    ]);
    expect(part!.related.map((r) => [r.label, r.items.map((i) => i.id)])).toEqual([
      ['Campaigns', ['C0901']],
      ['Software', ['S0901', 'S0902']],
    ]);
  });

  it('says which frameworks cover each technique, and how many capabilities', () => {
    const [part] = adversaryView(index, 'G0901').parts;
    const nist = part!.frameworks.findIndex((f) => f.id === 'nist_800_53');
    const t1901 = part!.techniques.find((t) => t.id === 'T1901')!;
    expect(t1901.coverage[nist]!.capabilityIds).toEqual(['nist_800_53:ac-4']);
    expect(part!.techniques.find((t) => t.id === 'T1902')!.coverage.every((c) => c === null)).toBe(true);
    expect(part!.covered).toBe(1);
  });

  it("sums a technique's coverage up for its one cell: frameworks, capabilities, a line per framework by its short name", () => {
    const fw = (id: string, name: string, scored: boolean): Framework => ({ id, name, scored, setIds: [] });
    const frameworks = [
      fw('nist_800_53', 'NIST SP 800-53', false),
      fw('azure', 'Microsoft Azure', true),
      fw('acme', 'Acme Shield', true),
      fw('aws', 'Amazon Web Services', true),
    ];
    expect(
      coverageSummary(frameworks, [
        { capabilityIds: ['a', 'b', 'c'], best: null },
        { capabilityIds: ['x', 'y'], best: 'significant' },
        { capabilityIds: ['z'], best: null },
        null,
      ]),
    ).toEqual({
      frameworks: 3,
      capabilities: 6,
      lines: [
        { framework: 'NIST 800-53', capabilities: 3, best: null },
        { framework: 'Azure', capabilities: 2, best: 'Significant' },
        { framework: 'Acme Shield', capabilities: 1, best: null },
      ],
    });
    expect(coverageSummary(frameworks, [null, null, null, null])).toBeNull();
  });

  it('has the description once, for the page to show under its facts', () => {
    const view = adversaryView(index, 'G0901');
    expect(view.descriptions).toHaveLength(1);
    expect(view.descriptions[0]!.text.html).toContain('knocks on doors');
    expect(view.descriptions[0]!.from).toEqual([{ domain: 'enterprise', version: view.parts[0]!.version }]);
  });

  it('shows the procedure text of the bundles given, without citation markers', () => {
    const [part] = adversaryView(index, 'G0901').parts;
    expect(part!.techniques.find((t) => t.id === 'T1901')!.procedure!.html).toContain('Quiet Otters');
    expect(part!.techniques.find((t) => t.id === 'T1903')!.procedure!.html).toContain('Operation Paper Lantern');
    expect(part!.description!.html).not.toContain('Citation');
  });

  it('leaves out revoked and deprecated objects, and lists each kind', () => {
    expect(adversarySummaries(index, 'group').map((g) => g.id)).toEqual(['G0901', 'G0904']);
    expect(adversarySummaries(index, 'group')[0]!.techniqueCount).toBe(3);
    expect(adversarySummaries(index, 'software').map((s) => s.id)).toEqual(['S0901', 'S0902']);
    expect(() => adversaryView(index, 'G0902')).toThrow(/unknown/);
  });

  it("software's page: its own techniques, the groups and campaigns that use it", () => {
    const view = adversaryView(index, 'S0902');
    expect(view.softwareType).toBe('tool');
    expect(view.parts[0]!.techniques.map((t) => t.id)).toEqual(['T1902']);
    expect(view.parts[0]!.related.find((r) => r.label === 'Used in campaigns')!.items.map((i) => i.id)).toEqual(['C0901']);
  });

  it('APT29 in the committed 18.1 catalog: 119 techniques, 249 with its software', () => {
    const [part] = adversaryView(real, 'G0016').parts;
    expect(part!.version).toBe('18.1');
    expect(part!.techniques).toHaveLength(119);
    expect(part!.techniques.length + part!.softwareOnly.length).toBe(249);
    expect(part!.matrix!.covered).toBeGreaterThan(0);
  });
});

describe('mitigation pages', () => {
  it('the techniques it mitigates, and per framework the capabilities mapped to them', () => {
    const view = mitigationView(index, 'M0901');
    const [part] = view.parts;
    expect(part!.techniques.map((t) => t.id)).toContain('T1901');
    expect(part!.crosswalk.map((c) => [c.framework.id, c.capabilities.map((x) => [x.capability.id, x.techniques])])).toEqual([
      ['nist_800_53', [['nist_800_53:ac-4', ['T1901']]]],
    ]);
    // The deprecated mitigation that reused a technique id is not a mitigation page.
    expect(() => mitigationView(index, 'T1901')).toThrow(/unknown/);
  });
});

describe('technique threats', () => {
  it('used by: counts and lists; T1003.001 in 18.1 is used by 75', () => {
    const [t] = techniqueThreats(real, 'T1003.001');
    expect(t!.userCount).toBe(75);
    expect(t!.users.groups).toHaveLength(42);
    expect(t!.users.groups[0]).toEqual({ kind: 'group', id: 'G0003', name: 'Cleaver' });
    expect(t!.mitigations.length).toBeGreaterThan(0);
    expect(t!.detections[0]!.analytics[0]!.platforms.length).toBeGreaterThan(0);
  });
});
