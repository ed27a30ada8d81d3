import { describe, expect, it } from 'vitest';
import {
  capabilityKey,
  compareNatural,
  isSubtechniqueId,
  normalizeAttackVersion,
  normalizeFrameworkVersion,
  normalizeTechniqueId,
  parentTechniqueId,
} from '../../../src/lib/core/ids.ts';

describe('capabilityKey', () => {
  it('folds padding, case and whitespace so spellings of one control meet', () => {
    expect(new Set(['AC-4', 'AC-04', 'AC-4 ', ' ac-4', 'AC-004'].map(capabilityKey))).toEqual(new Set(['ac-4']));
  });
  it('folds spaces and underscores, so display-name ids meet snake_case ids', () => {
    expect(capabilityKey('Azure AD Identity Protection')).toBe(capabilityKey('azure_ad_identity_protection'));
    expect(capabilityKey('AWS  RDS')).toBe('aws-rds');
    expect(capabilityKey('aws_rds')).toBe(capabilityKey('aws-rds'));
    expect(capabilityKey('SC-7 (5)')).toBe(capabilityKey('SC-7(5)'));
  });
  it('keeps distinct controls distinct', () => {
    expect(capabilityKey('AC-4')).not.toBe(capabilityKey('AC-40'));
    expect(capabilityKey('AC-2(1)')).not.toBe(capabilityKey('AC-2'));
    expect(capabilityKey('CVE-2021-0001')).toBe('cve-2021-0001');
    expect(capabilityKey('CVE-2021-0001')).not.toBe(capabilityKey('CVE-2021-1'));
  });
});

describe('technique ids', () => {
  it('normalizes case and whitespace and rejects other ids', () => {
    expect(normalizeTechniqueId(' t1046 ')).toBe('T1046');
    expect(normalizeTechniqueId('T1059.001')).toBe('T1059.001');
    expect(normalizeTechniqueId('X1046')).toBeNull();
    expect(normalizeTechniqueId('T1059.1')).toBeNull();
  });
  it('knows the parent of a sub-technique', () => {
    expect(parentTechniqueId('T1059.001')).toBe('T1059');
    expect(parentTechniqueId('T1059')).toBeNull();
    expect(isSubtechniqueId('T1059.001')).toBe(true);
    expect(isSubtechniqueId('T1059')).toBe(false);
  });
});

describe('versions and id order', () => {
  it('normalizes ATT&CK versions and refuses unknown ones', () => {
    expect(normalizeAttackVersion('9')).toBe('9.0');
    expect(normalizeAttackVersion('v16.1')).toBe('16.1');
    expect(normalizeAttackVersion('[UNKNOWN_VERSION]')).toBeNull();
  });
  it('zero-pads framework versions that are dates', () => {
    expect(normalizeFrameworkVersion('7/28/2025')).toBe('07/28/2025');
    expect(normalizeFrameworkVersion(' rev5 ')).toBe('rev5');
  });
  it('sorts ids naturally', () => {
    expect(['AC-10', 'AC-2', 'AC-1', 'AC-2(1)'].sort(compareNatural)).toEqual(['AC-1', 'AC-2', 'AC-2(1)', 'AC-10']);
    expect(['T1110', 'T1059.001', 't1059'].sort(compareNatural)).toEqual(['t1059', 'T1059.001', 'T1110']);
  });
});
