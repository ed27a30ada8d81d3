import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/lib/ingest/problems.ts';
import { readAttackBundle } from '../../../src/lib/attack/stix.ts';
import { fixture } from '../../support/paths.ts';

// Small invented bundles in the real shapes (tests/fixtures/attack): version 1.0 in STIX 2.0 as
// github.com/mitre/cti publishes it, version 2.0 in STIX 2.1 as attack-stix-data does.
const read = (...parts: string[]) => readAttackBundle(parts.join('/'), readFileSync(fixture('attack', ...parts), 'utf8'));

describe('reading ATT&CK bundles', () => {
  it("reads STIX 2.0: domain from the matrix, version from the file name, the matrix's tactic order", () => {
    const { bundle, problems } = read('bundles', 'enterprise-attack-1.0.json');
    expect(problems).toEqual([]);
    expect(bundle).toMatchObject({ domain: 'enterprise', version: '1.0', matrix: ['TA0901', 'TA0902', 'TA0903'] });
    expect(bundle!.tactics.map((t) => [t.id, t.name, t.shortName])).toEqual([
      ['TA0901', 'First Steps', 'first-steps'],
      ['TA0902', 'Looking Around', 'looking-around'],
      ['TA0903', 'Leaving', 'leaving'],
    ]);
    expect(bundle!.techniques.map((t) => t.id)).toEqual(['T1901', 'T1901.001', 'T1902', 'T1903', 'T1904', 'T1905']);
    expect(bundle!.techniques.find((t) => t.id === 'T1903')).toEqual({
      id: 'T1903',
      stixId: 'attack-pattern--00000000-0000-4000-8000-000000000005',
      name: 'Peek Through Keyholes',
      tactics: ['TA0902', 'TA0903'],
      platforms: ['macOS'],
      parent: null,
      revokedBy: null,
      revoked: false,
      deprecated: false,
    });
    expect(bundle!.techniques.find((t) => t.id === 'T1901.001')!.parent).toBe('T1901');
  });

  it('reads STIX 2.1: the version from the collection object, revocations and deprecations', () => {
    const { bundle, problems } = read('bundles', 'enterprise-stix21.json');
    expect(problems).toEqual([]);
    expect(bundle).toMatchObject({ domain: 'enterprise', version: '2.0' });
    const byId = new Map(bundle!.techniques.map((t) => [t.id, t]));
    expect(byId.get('T1904')).toMatchObject({ revoked: true, revokedBy: 'T1903', tactics: [] });
    expect(byId.get('T1905')).toMatchObject({ deprecated: true, revoked: false });
    expect(byId.get('T1902')!.name).toBe('Count the Rooms');
    expect(byId.get('T1901.002')!.parent).toBe('T1901');
  });

  it('keeps descriptions apart, with the sources they cite', () => {
    const { bundle } = read('bundles', 'enterprise-stix21.json');
    const description = bundle!.descriptions.get('T1903')!;
    expect(description.markdown).toMatch(/^Adversaries may peek through keyholes/);
    expect(Object.keys(description.citations).sort()).toEqual(['Keyhole Report', 'Lock Study']);
    expect(description.citations['Lock Study']).toEqual({
      description: 'Invented Author. (2020). Lock Study. Retrieved January 1, 2021.',
      url: 'https://reports.example.org/lock-study',
    });
  });

  it('says which file and object a bad bundle fails on', () => {
    expect(read('broken', 'not-a-bundle.json').problems.map(formatProblem)).toEqual([
      'broken/not-a-bundle.json: expected a STIX bundle (an object with "type": "bundle" and "objects"), got a list of 1 entry',
    ]);
    expect(read('broken', 'enterprise-attack-3.0.json').problems.map(formatProblem)).toEqual([
      'broken/enterprise-attack-3.0.json#/objects/6: external_references: expected an attack-pattern with an ATT&CK id like T1046 or T1059.001, got "attack-pattern--00000000-0000-4000-8000-000000000001" with none',
    ]);
    expect(read('broken', 'enterprise-attack-4.0.json').problems.map(formatProblem)).toEqual([
      'broken/enterprise-attack-4.0.json#/objects/6: kill_chain_phases: expected a tactic the bundle holds (first-steps|looking-around|leaving), got "sneaking-in" on T1901 (attack-pattern--00000000-0000-4000-8000-000000000001)',
    ]);
  });

  it('needs a domain and a version', () => {
    const text = JSON.stringify({ type: 'bundle', id: 'bundle--x', objects: [] });
    expect(readAttackBundle('downloads/bundle.json', text).problems.map(formatProblem)).toEqual([
      'downloads/bundle.json: expected an ATT&CK domain: a matrix of enterprise-attack, mobile-attack or ics-attack, or a file named like enterprise-attack-16.1.json, got nothing',
    ]);
    expect(readAttackBundle('enterprise-attack.json', text).problems.map(formatProblem)).toEqual([
      'enterprise-attack.json: expected an ATT&CK domain: a matrix of enterprise-attack, mobile-attack or ics-attack, or a file named like enterprise-attack-16.1.json, got nothing',
    ]);
  });
});
