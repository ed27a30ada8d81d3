import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../../../src/lib/ingest/pipeline.ts';
import type { Model } from '../../../../src/lib/model/schema.ts';
import { fixture } from '../../../support/paths.ts';

let model: Model;
beforeAll(async () => {
  const result = await runPipeline([fixture('warnings')]);
  expect(result.problems).toEqual([]);
  model = result.model!;
});

const capability = (id: string) => model.capabilities.find((c) => c.id === id)!;

describe('capabilities', () => {
  it('keep the title each set gives them: rev4 "Session Lock", rev5 "Device Lock"', () => {
    const ac11 = capability('nist_800_53:ac-11');
    expect(ac11.description).toBe('Device Lock');
    expect(ac11.sets['nist_800_53-rev4_attack-14.1-enterprise']!.description).toBe('Session Lock');
    expect(ac11.sets['nist_800_53-rev5_attack-16.1-enterprise']!.description).toBe('Device Lock');
  });

  it('are titled in a set as most of its rows describe them, whatever the order of rows', () => {
    const satt = capability('m365:def-satt-e3');
    expect(satt.sets['m365-12.11.2023_attack-14.1-enterprise']!.description).toBe('Safe Attachments');
    const odd = model.mappings.find((m) => m.capabilityId === satt.id && m.techniqueId === 'T1204.002')!;
    expect(odd.capabilityDescription).toBe('Safe Attachment');
    expect(model.mappings.filter((m) => m.capabilityId === satt.id && m.techniqueId !== 'T1204.002').every((m) => m.capabilityDescription === undefined)).toBe(
      true,
    );
  });
});

describe('mapping types', () => {
  it('keep the name each set declares, and resolve keys that say nothing by their name', () => {
    const types = (setId: string) => model.sets.find((s) => s.id === setId)!.mappingTypes;
    expect(types('nist_800_53-rev4_attack-14.1-enterprise')).toEqual([{ id: 'protects', name: 'Protects', label: 'Protects', description: null }]);
    expect(types('nist_800_53-rev5_attack-16.1-enterprise')).toEqual([{ id: 'mitigates', name: 'mitigates', label: 'Mitigates', description: null }]);
    expect(types('nist_800_53-1_attack-13.0-enterprise')).toEqual([{ id: 'mitigates', name: 'mitigates', label: 'Mitigates', description: null }]);
  });
});

describe('groups', () => {
  it('keep their spelling and label per set', () => {
    const group = model.groups.find((g) => g.id === 'nist_800_53:5678')!;
    expect(group.sets).toEqual({ 'nist_800_53-1_attack-13.0-enterprise': { spelling: '5678', label: 'group' } });
    expect(group.label).toBe('group');
  });
});
