import { describe, expect, it } from 'vitest';
import { setIdFor, slugFor, stableHash, versionSlug } from '../../../src/lib/model/slugs.ts';
import { compareFileStem } from '../../../src/lib/compare/site-comparisons.ts';
import { FRAMEWORK_ID } from '../../../src/lib/core/vocabulary.ts';

/** The file-system limit on one name, in bytes. */
const NAME_MAX = 255;

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
  it('keeps slugs of long keys short, distinct and readable: a 300-character id fits in a file name', () => {
    const long = `c${'0123456789'.repeat(30).slice(1)}`;
    const longer = `${long}x`;
    for (const key of [long, longer, 'Ünïcode capability '.repeat(16), 'a'.repeat(101)]) {
      const slug = slugFor(key);
      expect(slug.length).toBeLessThanOrEqual(100);
      expect(slug).toMatch(/^[a-z0-9][a-z0-9._-]*-[0-9a-f]{8}$/);
    }
    expect(slugFor(long)).toMatch(/^c123456789/);
    expect(slugFor(long)).not.toBe(slugFor(longer));
    expect(slugFor('a'.repeat(100))).toBe('a'.repeat(100));
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
  it('bounds set ids for any framework version or ATT&CK version, keeping the ATT&CK part readable', () => {
    const version = `v${'9'.repeat(299)}`;
    expect(versionSlug(version).length).toBeLessThanOrEqual(40);
    expect(versionSlug(version)).not.toBe(versionSlug(`${version}8`));
    const framework = 'f'.repeat(64);
    expect(FRAMEWORK_ID.test(framework)).toBe(true);
    expect(FRAMEWORK_ID.test(`${framework}f`)).toBe(false);
    const ids = [
      setIdFor(framework, version, '16.1', 'enterprise'),
      setIdFor(framework, `${version}8`, '16.1', 'enterprise'),
      setIdFor(framework, version, `${'1'.repeat(200)}.1`, 'enterprise'),
    ];
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(120);
    expect(ids[0]).toMatch(/_attack-16\.1-enterprise$/);
    expect(new Set(ids).size).toBe(3);
    // The longest file name a set id goes into: a comparison of two sets.
    expect(Buffer.byteLength(`${compareFileStem(ids[0]!, ids[2]!)}.csv`)).toBeLessThanOrEqual(NAME_MAX);
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
