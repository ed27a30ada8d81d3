import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  adversaryKind,
  adversaryTechniques,
  campaignTechniques,
  groupSoftware,
  groupTechniques,
  indexAdversaries,
  resolveId,
  softwareTechniques,
  techniqueDetections,
  techniqueMitigations,
  techniqueSources,
  techniqueUserCount,
  techniqueUsers,
} from '../../../src/lib/attack/adversaries.ts';
import { addBundle, emptyCatalog, parseCatalog } from '../../../src/lib/attack/catalog.ts';
import { readAttackBundle } from '../../../src/lib/attack/stix.ts';
import { fixture } from '../../support/paths.ts';

// The invented complete bundle (tests/fixtures/attack/complete): Quiet Otters (G0901) uses T1901
// and T1902 and the malware PaperMoth (S0901); its campaign Operation Paper Lantern (C0901) uses
// T1901, T1903 and the tool KeyRing (S0902); PaperMoth uses T1901.001 and T1906, KeyRing T1902.
const bundle = readAttackBundle('enterprise-attack-5.0.json', readFileSync(fixture('attack', 'complete', 'enterprise-attack-5.0.json'), 'utf8')).bundle!;
const index = indexAdversaries(addBundle(emptyCatalog('enterprise'), bundle).complete!);

describe('the counting rules', () => {
  it("a group's techniques: its own uses plus its attributed campaigns'", () => {
    expect(groupTechniques(index, 'G0901')).toEqual(['T1901', 'T1902', 'T1903']);
  });

  it("its software's techniques are apart, added only with its software (its campaigns' software included)", () => {
    expect(groupSoftware(index, 'G0901')).toEqual(['S0901', 'S0902']);
    expect(groupTechniques(index, 'G0901', { withSoftware: true })).toEqual(['T1901', 'T1901.001', 'T1902', 'T1903', 'T1906']);
    const sources = techniqueSources(index, 'G0901');
    expect(sources.get('T1901')).toEqual({ own: true, campaigns: ['C0901'], software: [] });
    expect(sources.get('T1903')).toEqual({ own: false, campaigns: ['C0901'], software: [] });
    expect(sources.get('T1902')).toEqual({ own: true, campaigns: [], software: ['S0902'] });
    expect(sources.get('T1906')).toEqual({ own: false, campaigns: [], software: ['S0901'] });
  });

  it('sub-techniques count as themselves: T1901 does not bring T1901.001, nor the reverse', () => {
    expect(groupTechniques(index, 'G0901')).not.toContain('T1901.001');
    expect(softwareTechniques(index, 'S0901')).toEqual(['T1901.001', 'T1906']);
    expect(softwareTechniques(index, 'S0901')).not.toContain('T1901');
  });

  it("a campaign's techniques are its own (its software's on request); software's are its own", () => {
    expect(campaignTechniques(index, 'C0901')).toEqual(['T1901', 'T1903']);
    expect(campaignTechniques(index, 'C0901', { withSoftware: true })).toEqual(['T1901', 'T1902', 'T1903']);
    expect(softwareTechniques(index, 'S0902')).toEqual(['T1902']);
    expect(adversaryTechniques(index, 'S0902', { withSoftware: true })).toEqual(['T1902']);
    expect(adversaryTechniques(index, 'G0904')).toEqual(['T1902']);
  });

  it("a technique's users: the groups, campaigns and software with a use of it, none left out as revoked or deprecated", () => {
    // T1902: Quiet Otters, Night Herons and KeyRing; the deprecated Sleepy Badgers is left out.
    expect(techniqueUsers(index, 'T1902')).toEqual({ groups: ['G0901', 'G0904'], campaigns: [], software: ['S0902'] });
    expect(techniqueUserCount(index, 'T1902')).toBe(3);
    // T1901: a revoked and a deprecated use by Night Herons are left out.
    expect(techniqueUsers(index, 'T1901')).toEqual({ groups: ['G0901'], campaigns: ['C0901'], software: [] });
    // T1903 only through the campaign: the campaign is its user, the group is not.
    expect(techniqueUsers(index, 'T1903')).toEqual({ groups: [], campaigns: ['C0901'], software: [] });
    expect(techniqueUserCount(index, 'T1905')).toBe(0);
  });

  it('resolves a revoked id to its replacement; a deprecated or unknown id to nothing', () => {
    expect(resolveId(index, 'group', 'G0902')).toBe('G0901');
    expect(groupTechniques(index, resolveId(index, 'group', 'G0902')!)).toEqual(['T1901', 'T1902', 'T1903']);
    expect(resolveId(index, 'software', 'S0903')).toBe('S0902');
    expect(resolveId(index, 'group', 'G0903')).toBeNull();
    expect(resolveId(index, 'group', 'G0901')).toBe('G0901');
    expect(resolveId(index, 'mitigation', 'T1901')).toBeNull();
    expect(groupTechniques(index, 'G0902')).toEqual([]);
    expect(adversaryKind('C0901')).toBe('campaign');
    expect(adversaryKind('T1901')).toBeNull();
  });

  it("a technique's mitigations and detections, with the analytics' platforms and data components", () => {
    expect(techniqueMitigations(index, 'T1901')).toEqual(['M0901']);
    expect(techniqueMitigations(index, 'T1903')).toEqual([]);
    const detections = techniqueDetections(index, 'T1901');
    expect(detections.map((d) => d.strategy.id)).toEqual(['DET0901']);
    expect(detections[0]!.analytics.map((a) => [a.analytic.id, a.analytic.platforms, a.dataComponents.map((c) => c.name)])).toEqual([
      ['AN0901', ['Windows'], ['Door Sensor Reading', 'Window Log Entry']],
      ['AN0902', ['Linux'], ['Door Sensor Reading']],
    ]);
  });
});

describe('the counting rules on the committed catalog (enterprise 18.1)', () => {
  const { catalog } = parseCatalog('enterprise.json', readFileSync(new URL('../../../data/attack/enterprise.json', import.meta.url), 'utf8'));
  const real = indexAdversaries(catalog!.complete!);

  it('APT29 (G0016): 119 techniques, 249 with its software; G0118 now names it', () => {
    expect(groupTechniques(real, 'G0016')).toHaveLength(119);
    expect(groupTechniques(real, 'G0016', { withSoftware: true })).toHaveLength(249);
    expect(resolveId(real, 'group', 'G0118')).toBe('G0016');
  });

  it('T1003.001 is used by 75 groups, campaigns and software', () => {
    expect(techniqueUserCount(real, 'T1003.001')).toBe(75);
    const users = techniqueUsers(real, 'T1003.001');
    expect([users.groups.length, users.campaigns.length, users.software.length]).toEqual([42, 7, 26]);
  });
});
