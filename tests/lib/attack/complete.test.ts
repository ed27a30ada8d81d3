import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adversaryProseOf } from '../../../src/lib/attack/bundles.ts';
import { readAttackBundle } from '../../../src/lib/attack/stix.ts';
import { formatProblem } from '../../../src/lib/ingest/problems.ts';
import { fixture } from '../../support/paths.ts';

// A small invented complete bundle in the shapes of MITRE's enterprise-attack 18.1 (STIX 2.0,
// github.com/mitre/cti): groups, a campaign, malware and tools, mitigations, detection strategies
// with analytics and data components, and every trap of the real files (revoked and deprecated
// objects and relationships, a deprecated mitigation whose ATT&CK id is a technique's).
const read = (...parts: string[]) => readAttackBundle(parts.join('/'), readFileSync(fixture('attack', ...parts), 'utf8'));
const { bundle, problems } = read('complete', 'enterprise-attack-5.0.json');
const facts = bundle!.complete!.facts;

describe('reading a complete ATT&CK bundle', () => {
  it('reads groups with their aliases, dates, techniques and software, leaving out revoked and deprecated ones', () => {
    expect(problems).toEqual([]);
    expect(facts.version).toBe('5.0');
    expect(facts.groups).toEqual([
      // Its use of a revoked technique (T1904) and of deprecated malware (S0904) are left out.
      {
        id: 'G0901',
        name: 'Quiet Otters',
        aliases: ['River Gang', 'Otter Crew'],
        created: '2019-03-04',
        modified: '2024-05-06',
        techniques: ['T1901', 'T1902'],
        software: ['S0901'],
      },
      // A revoked and a deprecated use of it are left out.
      { id: 'G0904', name: 'Night Herons', aliases: [], created: '2020-01-01', modified: '2021-01-01', techniques: ['T1902'], software: [] },
    ]);
  });

  it('keeps a revoked group or software as a redirect to what replaces it (malware revoked by a tool too)', () => {
    expect(facts.groups.map((g) => g.id)).not.toContain('G0902');
    expect(facts.revokedBy).toEqual({ groups: { G0902: 'G0901' }, campaigns: {}, software: { S0903: 'S0902' }, mitigations: {} });
  });

  it('reads a campaign with its first and last seen days and the group it is attributed to', () => {
    expect(facts.campaigns).toEqual([
      {
        id: 'C0901',
        name: 'Operation Paper Lantern',
        aliases: ['Lantern Festival'],
        firstSeen: '2020-02-01',
        lastSeen: '2021-06-01',
        created: '2020-01-01',
        modified: '2021-01-01',
        groups: ['G0901'],
        techniques: ['T1901', 'T1903'],
        software: ['S0902'],
      },
    ]);
  });

  it('reads malware and tools as software, with aliases, platforms and type', () => {
    expect(facts.software).toEqual([
      {
        id: 'S0901',
        name: 'PaperMoth',
        type: 'malware',
        aliases: ['MothLoader'],
        platforms: ['Linux', 'Windows'],
        created: '2020-01-01',
        modified: '2021-01-01',
        techniques: ['T1901.001', 'T1906'],
      },
      { id: 'S0902', name: 'KeyRing', type: 'tool', aliases: [], platforms: ['macOS'], created: '2020-01-01', modified: '2021-01-01', techniques: ['T1902'] },
    ]);
  });

  it('reads ids per object type: a deprecated mitigation with the id T1901 is neither a mitigation nor the technique', () => {
    expect(facts.mitigations).toEqual([
      { id: 'M0901', name: 'Lock the Doors', created: '2020-01-01', modified: '2021-01-01', techniques: ['T1901', 'T1901.001'] },
    ]);
    expect(bundle!.techniques.find((t) => t.id === 'T1901')).toMatchObject({
      name: 'Knock on Doors',
      stixId: 'attack-pattern--00000000-0000-4000-8000-000000000001',
    });
    expect(bundle!.descriptions.get('T1901')!.markdown).toBe('Adversaries may knock on doors (invented text).');
    expect(bundle!.complete!.prose.mitigates.get('M0901')!.get('T1901')!.markdown).toBe('Invented advice: lock the front door.');
  });

  it('reads detection strategies, their analytics (platforms, log sources) and data components', () => {
    expect(facts.detectionStrategies).toEqual([
      { id: 'DET0901', name: 'Detection of Repeated Knocking', techniques: ['T1901'], analytics: ['AN0901', 'AN0902'] },
      { id: 'DET0902', name: 'Detection of Room Counting', techniques: ['T1902'], analytics: ['AN0903'] },
    ]);
    expect(facts.analytics).toEqual([
      {
        id: 'AN0901',
        name: 'Analytic 0901',
        platforms: ['Windows'],
        logSources: [
          { dataComponent: 'DC0901', name: 'doorlog:Front' },
          { dataComponent: 'DC0902', name: 'windowlog:Side' },
        ],
      },
      // Its log source of a deprecated data component (DC0903) is left out.
      { id: 'AN0902', name: 'Analytic 0902', platforms: ['Linux'], logSources: [{ dataComponent: 'DC0901', name: 'doorlog:Back' }] },
      { id: 'AN0903', name: 'Analytic 0903', platforms: ['macOS'], logSources: [{ dataComponent: 'DC0902', name: 'windowlog:Side' }] },
    ]);
    expect(facts.dataComponents).toEqual([
      { id: 'DC0901', name: 'Door Sensor Reading' },
      { id: 'DC0902', name: 'Window Log Entry' },
    ]);
  });

  it('keeps prose apart: descriptions, procedure examples with their citations, log-source channels', () => {
    const prose = bundle!.complete!.prose;
    expect(prose.descriptions.groups.get('G0901')).toEqual({
      markdown: '[Quiet Otters](https://attack.example.org/groups/G0901) is an invented group that knocks on doors.(Citation: Otter Report)',
      citations: {
        'Otter Report': {
          description: 'Invented Analyst. (2022, March 3). Otters at the Door. Retrieved April 4, 2022.',
          url: 'https://reports.example.org/otters',
        },
      },
    });
    expect(prose.procedures.get('G0901')!.get('T1901')!.citations).toHaveProperty('Otter Report');
    expect(prose.procedures.get('C0901')!.get('S0902')!.markdown).toBe('The invented campaign used KeyRing.');
    expect([...prose.procedures.get('G0901')!.keys()]).toEqual(['T1901', 'T1902', 'S0901']);
    expect(prose.logSources.get('AN0901')).toEqual([
      { dataComponent: 'DC0901', name: 'doorlog:Front', channel: 'EventCode=1001' },
      { dataComponent: 'DC0902', name: 'windowlog:Side', channel: 'An invented channel sentence about side windows' },
    ]);
    expect(prose.mutableElements.get('AN0901')).toEqual([{ field: 'KnockThreshold', description: 'Invented tuning text' }]);
    expect(JSON.stringify(facts)).not.toMatch(/invented|Citation|EventCode/i);
  });

  it('gives the prose of the newest complete bundle of each domain', () => {
    const older = read('bundles', 'enterprise-stix21.json').bundle!;
    const prose = adversaryProseOf([bundle!, older]);
    expect([...prose.keys()]).toEqual(['enterprise']);
    expect(prose.get('enterprise')!.version).toBe('5.0');
    expect(prose.get('enterprise')!.descriptions.software.get('S0902')!.markdown).toBe('KeyRing is an invented tool.');
  });

  it('finds nothing complete in a bundle of techniques and tactics only', () => {
    expect(read('bundles', 'enterprise-attack-1.0.json').bundle!.complete).toBeUndefined();
  });

  it('says which file and object a relationship or reference with a missing end is in, and rejects two groups with one id', () => {
    const broken = read('broken', 'enterprise-attack-6.0.json');
    expect(broken.bundle).toBeUndefined();
    expect(broken.problems.map(formatProblem)).toEqual([
      'broken/enterprise-attack-6.0.json#/objects/8: external_references: expected one active object per ATT&CK id (G0901 is also intrusion-set--00000000-0000-4000-8000-000000000001, /objects/7), got "intrusion-set--00000000-0000-4000-8000-000000000004" with "G0901"',
      'broken/enterprise-attack-6.0.json#/objects/14: target_ref: expected the STIX id of an object in the bundle (in the uses relationship "relationship--00000000-0000-4000-8000-000000000902"), got "attack-pattern--00000000-0000-4000-8000-000000000099", which no object in the bundle has',
      'broken/enterprise-attack-6.0.json#/objects/12: x_mitre_analytic_refs[1]: expected the STIX id of an x-mitre-analytic in the bundle (in DET0901, "x-mitre-detection-strategy--00000000-0000-4000-8000-000000000001"), got "x-mitre-analytic--00000000-0000-4000-8000-000000000099", which no object in the bundle has',
    ]);
  });

  it('needs an ATT&CK id of the right kind on every active object it reads', () => {
    const data = JSON.parse(readFileSync(fixture('attack', 'complete', 'enterprise-attack-5.0.json'), 'utf8'));
    const index = data.objects.findIndex((o: { type: string }) => o.type === 'campaign');
    data.objects[index].external_references[0].external_id = 'G0999';
    expect(readAttackBundle('enterprise-attack-5.0.json', JSON.stringify(data)).problems.map(formatProblem)).toEqual([
      `enterprise-attack-5.0.json#/objects/${index}: external_references: expected a campaign with an ATT&CK id like C0024, got "campaign--00000000-0000-4000-8000-000000000001" with "G0999"`,
    ]);
  });
});
