import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addBundle, catalogToJson, emptyCatalog, indexCatalog, parseCatalog, stateAt, techniqueStixId } from '../../../src/lib/attack/catalog.ts';
import { readAttackBundle, type AttackBundle } from '../../../src/lib/attack/stix.ts';
import { formatProblem } from '../../../src/lib/ingest/problems.ts';
import { fixture } from '../../support/paths.ts';

const bundle = (name: string): AttackBundle => readAttackBundle(name, readFileSync(fixture('attack', 'bundles', name), 'utf8')).bundle!;
const v1 = bundle('enterprise-attack-1.0.json');
const v2 = bundle('enterprise-stix21.json');
// Version 5.0, complete: groups, campaigns, software, mitigations, detections (tests/fixtures/attack/complete).
const v5 = readAttackBundle('enterprise-attack-5.0.json', readFileSync(fixture('attack', 'complete', 'enterprise-attack-5.0.json'), 'utf8')).bundle!;
const readCommitted = (domain: string) => readFileSync(new URL(`../../../data/attack/${domain}.json`, import.meta.url), 'utf8');

describe('the ATT&CK catalog', () => {
  it('writes facts that hold over several versions once, as a state listing them', () => {
    const catalog = addBundle(addBundle(emptyCatalog('enterprise'), v1), v2);
    expect(catalog.versions.map((v) => v.version)).toEqual(['1.0', '2.0']);
    const t1901 = catalog.techniques.find((t) => t.id === 'T1901')!;
    expect(t1901.states).toEqual([{ versions: ['1.0', '2.0'], name: 'Knock on Doors', tactics: ['TA0901'], platforms: ['Linux', 'Windows'] }]);
    const t1902 = catalog.techniques.find((t) => t.id === 'T1902')!;
    expect(t1902.states.map((s) => [s.versions, s.name])).toEqual([
      [['1.0'], 'Count Rooms'],
      [['2.0'], 'Count the Rooms'],
    ]);
    expect(stateAt(catalog.techniques.find((t) => t.id === 'T1904')!.states, '2.0')).toMatchObject({ revoked: true, revokedBy: 'T1903' });
    expect(catalog.techniques.find((t) => t.id === 'T1906')!.states[0]!.versions).toEqual(['2.0']);
  });

  it('holds facts only: no descriptions or other prose', () => {
    const json = catalogToJson(addBundle(emptyCatalog('enterprise'), v2));
    expect(json).not.toContain('Adversaries may');
    expect(json).not.toContain('Invented tactic text');
    expect(json).not.toContain('Citation');
  });

  it('replaces a version it already has, whatever the order bundles come in', () => {
    const forward = catalogToJson(addBundle(addBundle(emptyCatalog('enterprise'), v1), v2));
    const backward = catalogToJson(addBundle(addBundle(emptyCatalog('enterprise'), v2), v1));
    const again = catalogToJson(addBundle(addBundle(addBundle(emptyCatalog('enterprise'), v1), v2), v1));
    expect(backward).toBe(forward);
    expect(again).toBe(forward);
  });

  it('reads back what it writes, and rejects what is not a catalog with the field at fault', () => {
    const json = catalogToJson(addBundle(emptyCatalog('enterprise'), v1));
    expect(parseCatalog('enterprise.json', json).catalog!.techniques).toHaveLength(6);
    const broken = JSON.parse(json);
    broken.techniques[0].states[0].tactics = ['discovery'];
    expect(parseCatalog('enterprise.json', JSON.stringify(broken)).problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^enterprise\.json: techniques\[0\]\.states\[0\]\.tactics\[0\]: expected .*, got "discovery"$/),
    ]);
  });

  it("keeps each technique's STIX id per version, apart from the states the model copies", () => {
    const catalog = addBundle(addBundle(emptyCatalog('enterprise'), v1), v2);
    const t1901 = catalog.techniques.find((t) => t.id === 'T1901')!;
    expect(t1901.stixIds).toEqual([{ versions: ['1.0', '2.0'], stixId: 'attack-pattern--00000000-0000-4000-8000-000000000001' }]);
    expect(Object.keys(t1901.states[0]!)).not.toContain('stixId');
    const index = indexCatalog(parseCatalog('enterprise.json', catalogToJson(catalog)).catalog!);
    expect(techniqueStixId(index, 'T1906', '2.0')).toMatch(/^attack-pattern--/);
    expect(techniqueStixId(index, 'T1906', '1.0')).toBeUndefined();
  });

  it('writes format /2 and still reads a /1 catalog (without STIX ids or the complete part)', () => {
    const json = catalogToJson(addBundle(emptyCatalog('enterprise'), v1));
    expect(JSON.parse(json).format).toBe('mapscope-attack-catalog/2');
    const old = JSON.parse(json);
    old.format = 'mapscope-attack-catalog/1';
    for (const t of old.techniques) delete t.stixIds;
    const read = parseCatalog('enterprise.json', JSON.stringify(old));
    expect(read.problems).toEqual([]);
    expect(read.catalog!.techniques).toHaveLength(6);
    expect(indexCatalog(read.catalog!).complete).toBeNull();
    const upgraded = JSON.parse(catalogToJson(addBundle(read.catalog!, v5)));
    expect(upgraded.format).toBe('mapscope-attack-catalog/2');
    expect(upgraded.techniques.find((t: { id: string }) => t.id === 'T1901').stixIds).toEqual([
      { versions: ['5.0'], stixId: 'attack-pattern--00000000-0000-4000-8000-000000000001' },
    ]);
  });

  it('takes groups, software, mitigations and detections from the newest complete bundle, facts only', () => {
    const catalog = addBundle(addBundle(emptyCatalog('enterprise'), v5), v2);
    expect(catalog.complete!.version).toBe('5.0');
    expect(catalog.complete!.groups.map((g) => g.id)).toEqual(['G0901', 'G0904']);
    expect(catalogToJson(catalog)).toBe(catalogToJson(addBundle(addBundle(emptyCatalog('enterprise'), v2), v5)));
    const json = catalogToJson(catalog);
    expect(json).toContain('"complete": {');
    expect(json).toContain('{"id":"G0901","name":"Quiet Otters","aliases":["River Gang","Otter Crew"]');
    expect(json).not.toMatch(/invented|Citation|EventCode|knocked/i);
    expect(parseCatalog('enterprise.json', json).catalog!.complete).toEqual(catalog.complete);
    // The same version again as a bundle of techniques only: its complete part goes with it.
    const techniquesOnly = { ...v5, complete: undefined };
    expect(addBundle(catalog, techniquesOnly).complete).toBeUndefined();
  });

  it('rejects a complete part whose ids name nothing in the catalog, saying where', () => {
    const data = JSON.parse(catalogToJson(addBundle(emptyCatalog('enterprise'), v5)));
    data.complete.groups[0].techniques[0] = 'T1904'; // revoked in 5.0
    data.complete.campaigns[0].groups = ['G0902']; // revoked: only its redirect remains
    data.complete.analytics[0].logSources[0].dataComponent = 'DC0999';
    expect(parseCatalog('enterprise.json', JSON.stringify(data)).problems.map(formatProblem)).toEqual([
      'enterprise.json: complete.groups[0].techniques[0]: expected a technique active in ATT&CK 5.0 of this catalog, got "T1904"',
      'enterprise.json: complete.campaigns[0].groups[0]: expected an id of complete.groups, got "G0902"',
      'enterprise.json: complete.analytics[0].logSources[0]: expected an id of complete.dataComponents, got "DC0999"',
    ]);
  });

  it('holds the complete 18.1 bundles of each domain, with STIX ids of every technique in every version', () => {
    const figures = ['enterprise', 'mobile', 'ics'].map((d) => {
      const { catalog, problems } = parseCatalog(`${d}.json`, readCommitted(d));
      expect(problems).toEqual([]);
      const c = catalog!.complete!;
      expect(catalog!.techniques.every((t) => t.states.every((s) => s.versions.every((v) => stateAt(t.stixIds ?? [], v))))).toBe(true);
      return [
        d,
        c.version,
        c.groups.length,
        c.campaigns.length,
        c.software.length,
        c.mitigations.length,
        c.detectionStrategies.length,
        c.analytics.length,
        c.dataComponents.length,
      ];
    });
    // Published counts less revoked and deprecated objects (224 of enterprise's 268 mitigations are deprecated).
    expect(figures).toEqual([
      ['enterprise', '18.1', 172, 52, 784, 44, 691, 1739, 106],
      ['mobile', '18.1', 17, 3, 122, 13, 124, 211, 17],
      ['ics', '18.1', 14, 7, 23, 52, 83, 82, 36],
    ]);
  });

  it('of the 17 published bundles is committed in data/attack/, under 3 MB', () => {
    const sizes = ['enterprise', 'mobile', 'ics'].map((d) => readFileSync(new URL(`../../../data/attack/${d}.json`, import.meta.url)).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(3e6);
    const enterprise = parseCatalog('enterprise.json', readFileSync(new URL('../../../data/attack/enterprise.json', import.meta.url), 'utf8')).catalog!;
    expect(enterprise.versions.map((v) => v.version)).toEqual(['8.2', '9.0', '10.0', '10.1', '12.1', '14.1', '15.1', '16.1', '17.1', '18.1']);
    expect(stateAt(enterprise.techniques.find((t) => t.id === 'T1046')!.states, '8.2')!.name).toBe('Network Service Scanning');
  });
});
