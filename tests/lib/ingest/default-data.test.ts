import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import type { Model } from '../../../src/lib/model/schema.ts';
import { ROOT } from '../../support/paths.ts';
import path from 'node:path';

// The shipped data/ folder: T1046 with its NIST SP 800-53 rev5 and Azure mappings
// (the seed page plus ../shared/reference/T1046-FACTS.md).
let model: Model;
beforeAll(async () => {
  const result = await runPipeline([path.join(ROOT, 'data')]);
  expect(result.problems).toEqual([]);
  model = result.model!;
});

const NIST = 'nist_800_53-rev5_attack-8.2-enterprise';
const AZURE = 'azure-06.29.2021_attack-8.2-enterprise';

describe('the default data', () => {
  it('holds exactly 17 mappings, all to T1046: 11 NIST and 6 Azure', () => {
    expect(model.mappings).toHaveLength(17);
    expect(model.mappings.every((m) => m.techniqueId === 'T1046')).toBe(true);
    expect(model.mappings.filter((m) => m.setId === NIST)).toHaveLength(11);
    expect(model.mappings.filter((m) => m.setId === AZURE)).toHaveLength(6);
    expect(model.nonMappables).toEqual([]);
    expect(model.duplicates).toEqual([]);
  });

  it('has the NIST rev5 set with its dates, type and control families', () => {
    const set = model.sets.find((s) => s.id === NIST)!;
    expect(set).toMatchObject({
      frameworkId: 'nist_800_53',
      frameworkVersion: 'rev5',
      attackVersion: '8.2',
      domain: 'enterprise',
      creationDate: '2022-01-13',
      lastUpdate: '2022-01-13',
      mappingTypes: [{ id: 'protects', label: 'Protects', description: null }],
    });
    const controls = model.mappings.filter((m) => m.setId === NIST).map((m) => model.capabilities.find((c) => c.id === m.capabilityId)!.displayId);
    expect(controls).toEqual(['AC-4', 'CA-7', 'CM-2', 'CM-6', 'CM-7', 'CM-8', 'RA-5', 'SC-7', 'SC-46', 'SI-3', 'SI-4']);
    const groups = model.groups.filter((g) => g.frameworkId === 'nist_800_53').map((g) => `${g.displayId} ${g.label}`);
    expect(groups).toEqual([
      'AC Access Control',
      'CA Security Assessment and Authorization',
      'CM Configuration Management',
      'RA Risk Assessment',
      'SC System and Communications Protection',
      'SI System and Information Integrity',
    ]);
    for (const m of model.mappings.filter((x) => x.setId === NIST)) {
      expect(m).toMatchObject({ mappingType: 'protects', status: 'complete', comments: null, references: [], scoreCategory: null });
    }
  });

  it('has the six Azure rows with their scores, comments and references', () => {
    const set = model.sets.find((s) => s.id === AZURE)!;
    expect(set).toMatchObject({ frameworkVersion: '06/29/2021', creationDate: '2021-06-29', contact: 'ctid@mitre.org' });
    const rows = model.mappings
      .filter((m) => m.setId === AZURE)
      .map((m) => ({
        id: model.capabilities.find((c) => c.id === m.capabilityId)!.displayId,
        category: m.scoreCategory,
        value: m.scoreValue,
        refs: m.references.length,
        comment: m.comments!.slice(0, 40),
      }));
    expect(rows).toEqual(
      expect.arrayContaining([
        { id: 'network_security_groups', category: 'protect', value: 'partial', refs: 3, comment: 'This control can be used to restrict acc' },
        { id: 'azure_sentinel', category: 'detect', value: 'partial', refs: 2, comment: 'The Azure Sentinel Analytics "High count' },
        { id: 'azure_web_application_firewall', category: 'protect', value: 'partial', refs: 1, comment: 'This control can protect web application' },
        { id: 'azure_web_application_firewall', category: 'detect', value: 'partial', refs: 1, comment: 'This control can detect network service ' },
        { id: 'azure_firewall', category: 'protect', value: 'partial', refs: 1, comment: 'This control typically filters external ' },
        { id: 'azure_network_traffic_analytics', category: 'detect', value: 'significant', refs: 1, comment: 'This control can detect network service ' },
      ]),
    );
    expect(rows).toHaveLength(6);
    const sentinel = model.mappings.find((m) => m.capabilityId === 'azure:azure-sentinel')!;
    expect(sentinel.comments).toContain('30 or more ports used within a 10 minute window');
    expect(sentinel.references).toEqual([
      'https://docs.microsoft.com/en-us/azure/sentinel/overview',
      'https://docs.microsoft.com/en-us/azure/sentinel/hunting',
    ]);
    // Each Azure capability is its own group, labelled with its name.
    expect(model.groups.find((g) => g.id === 'azure:azure-sentinel')!.label).toBe('Azure Sentinel');
  });

  it('has the T1046 technique record: names, tactic, description', () => {
    const t = model.techniques.find((x) => x.id === 'T1046')!;
    expect(t.names.map((n) => n.name)).toEqual(['Network Service Discovery', 'Network Service Scanning']);
    // ATT&CK's own names from the catalog, for every version it has.
    expect(t.names[1]!.attackVersions).toEqual(['10.1', '10.0', '9.0', '8.2']);
    expect(t.names[0]!.attackVersions).toEqual(['18.1', '17.1', '16.1', '15.1', '14.1', '12.1']);
    expect(t.tactics).toEqual([{ id: 'TA0007', name: 'Discovery' }]);
    expect(t.states.map((s) => s.versions.join(','))).toEqual(['8.2', '9.0,10.0,10.1', '12.1,14.1,15.1,16.1', '17.1,18.1']);
    expect(t.domains).toEqual(['enterprise']);
    expect(t.description).toMatch(/^Adversaries may attempt to get a listing of services running on remote hosts/);
    expect(t.description).toContain('\n\nWithin cloud environments');
  });

  it('gives rows ids that are derived from content, not position', () => {
    const ids = model.mappings.map((m) => m.rowId);
    expect(new Set(ids).size).toBe(17);
    expect(model.mappings.find((m) => m.capabilityId === 'nist_800_53:ac-4')!.rowId).toMatch(/^ac-4-t1046-[0-9a-f]{6}$/);
  });
});
