import { describe, expect, it } from 'vitest';
import { setIdFor, slugFor, stableHash, versionSlug } from '../../../src/lib/model/slugs.ts';

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

describe('set ids', () => {
  it('names sets the way the public files do', () => {
    expect(setIdFor('nist_800_53', 'rev5', '8.2', 'enterprise')).toBe('nist_800_53-rev5_attack-8.2-enterprise');
    expect(setIdFor('azure', '06/29/2021', '8.2', 'enterprise')).toBe('azure-06.29.2021_attack-8.2-enterprise');
  });
  it('gives a version with nothing readable a hashed slug', () => {
    expect(versionSlug(' Rev 5 ')).toBe('rev-5');
    expect(versionSlug('??')).toMatch(/^v-[0-9a-f]{8}$/);
  });
});

describe('stableHash', () => {
  it('keeps null and "" apart, and field boundaries', () => {
    expect(stableHash([null])).not.toBe(stableHash(['']));
    expect(stableHash(['ab', 'c'])).not.toBe(stableHash(['a', 'bc']));
    expect(stableHash(['x'], 6)).toHaveLength(6);
  });
});
