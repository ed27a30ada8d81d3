import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addBundle, catalogToJson, emptyCatalog, parseCatalog, stateAt } from '../../../src/lib/attack/catalog.ts';
import { readAttackBundle, type AttackBundle } from '../../../src/lib/attack/stix.ts';
import { formatProblem } from '../../../src/lib/errors.ts';
import { fixture } from '../../support/paths.ts';

const bundle = (name: string): AttackBundle => readAttackBundle(name, readFileSync(fixture('attack', 'bundles', name), 'utf8')).bundle!;
const v1 = bundle('enterprise-attack-1.0.json');
const v2 = bundle('enterprise-stix21.json');

describe('the ATT&CK catalog', () => {
  it('writes facts that hold over several versions once, as a state listing them', () => {
    const catalog = addBundle(addBundle(emptyCatalog('enterprise'), v1), v2);
    expect(catalog.versions.map((v) => v.version)).toEqual(['1.0', '2.0']);
    const t1901 = catalog.techniques.find((t) => t.id === 'T1901')!;
    expect(t1901.states).toEqual([{ versions: ['1.0', '2.0'], name: 'Knock on Doors', tactics: ['TA0901'], platforms: ['Linux', 'Windows'] }]);
    const t1902 = catalog.techniques.find((t) => t.id === 'T1902')!;
    expect(t1902.states.map((s) => [s.versions, s.name])).toEqual([[['1.0'], 'Count Rooms'], [['2.0'], 'Count the Rooms']]);
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

  it('of the 17 published bundles is committed in data/attack/, under 3 MB', () => {
    const sizes = ['enterprise', 'mobile', 'ics'].map((d) => readFileSync(new URL(`../../../data/attack/${d}.json`, import.meta.url)).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(3e6);
    const enterprise = parseCatalog('enterprise.json', readFileSync(new URL('../../../data/attack/enterprise.json', import.meta.url), 'utf8')).catalog!;
    expect(enterprise.versions.map((v) => v.version)).toEqual(['8.2', '9.0', '10.0', '10.1', '12.1', '14.1', '15.1', '16.1', '17.1', '18.1']);
    expect(stateAt(enterprise.techniques.find((t) => t.id === 'T1046')!.states, '8.2')!.name).toBe('Network Service Scanning');
  });
});
