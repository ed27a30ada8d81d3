import { describe, expect, it } from 'vitest';
import {
  capabilityKey,
  compareNatural,
  normalizeAttackVersion,
  normalizeFrameworkVersion,
  normalizeTechniqueId,
  parentTechniqueId,
  setIdFor,
  slugFor,
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

describe('slugFor', () => {
  it('uses safe keys as they are', () => {
    expect(slugFor('ac-4')).toBe('ac-4');
    expect(slugFor('azure_firewall')).toBe('azure_firewall');
  });
  it('makes any other key URL- and path-safe, readable and distinct', () => {
    const hostile = ['a&a-1', 'ais/2', '../../etc/passwd', '%2e%2e', 'ünïcödé id', '.hidden', 'a b', 'a_b?x=1#y', '<script>'];
    const slugs = hostile.map(slugFor);
    for (const slug of slugs) {
      expect(slug).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
      expect(slug).not.toContain('..');
    }
    expect(new Set(slugs).size).toBe(hostile.length);
    expect(slugFor('a&a-1')).toMatch(/^a-a-1-[0-9a-f]{8}$/);
    expect(slugFor('ünïcödé id')).toMatch(/^unicode-id-/);
  });
  it('is stable: the same key always gives the same slug', () => {
    expect(slugFor('action.hacking.variety.scan network')).toBe(slugFor('action.hacking.variety.scan network'));
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
  });
});

describe('versions and set ids', () => {
  it('normalizes ATT&CK versions and refuses unknown ones', () => {
    expect(normalizeAttackVersion('9')).toBe('9.0');
    expect(normalizeAttackVersion('v16.1')).toBe('16.1');
    expect(normalizeAttackVersion('[UNKNOWN_VERSION]')).toBeNull();
  });
  it('zero-pads framework versions that are dates', () => {
    expect(normalizeFrameworkVersion('7/28/2025')).toBe('07/28/2025');
    expect(normalizeFrameworkVersion(' rev5 ')).toBe('rev5');
  });
  it('names sets the way the public files do', () => {
    expect(setIdFor('nist_800_53', 'rev5', '8.2', 'enterprise')).toBe('nist_800_53-rev5_attack-8.2-enterprise');
    expect(setIdFor('azure', '06/29/2021', '8.2', 'enterprise')).toBe('azure-06.29.2021_attack-8.2-enterprise');
  });
  it('sorts ids naturally', () => {
    expect(['AC-10', 'AC-2', 'AC-1', 'AC-2(1)'].sort(compareNatural)).toEqual(['AC-1', 'AC-2', 'AC-2(1)', 'AC-10']);
  });
});
