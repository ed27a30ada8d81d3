import { describe, expect, it } from 'vitest';
import { boundedDistance, highlightRanges, idKey, snippet, techniqueQuery, words } from '../../../src/lib/search/search-text.ts';

describe('search text helpers', () => {
  it('keys ids so spellings meet and different ids stay apart', () => {
    expect(new Set(['AC-4', 'ac-04', 'AC4', 'AC-4 ', 'ac 4'].map(idKey))).toEqual(new Set(['ac.4']));
    expect(idKey('AC-2(1)')).not.toBe(idKey('AC-21'));
    expect(idKey('T1059.001')).toBe('t.1059.1');
    expect(idKey('CVE-2021-0001')).toBe('cve.2021.0001');
  });

  it('recognizes technique ids as typed', () => {
    expect(techniqueQuery(' t1046 ')).toBe('T1046');
    expect(techniqueQuery('T1059.001')).toBe('T1059.001');
    expect(techniqueQuery('T104')).toBeNull();
    expect(techniqueQuery('AC-4')).toBeNull();
  });

  it('splits words, folding case and accents', () => {
    expect(words('Réseau AC-4(1) Boundary_Protection')).toEqual(['reseau', 'ac', '4', '1', 'boundary', 'protection']);
  });

  it('bounds the edit distance', () => {
    expect(boundedDistance('boundry', 'boundary', 1)).toBe(1);
    expect(boundedDistance('enforcment', 'enforcement', 2)).toBe(1);
    expect(boundedDistance('acess', 'access', 1)).toBe(1);
    expect(boundedDistance('sentinel', 'firewall', 2)).toBe(3);
  });

  it('highlights whole-word starts and merges overlaps', () => {
    const text = 'Azure Sentinel Analytics; sentinels';
    expect(highlightRanges(text, ['sentinel'])).toEqual([
      [6, 14],
      [26, 34],
    ]);
    expect(highlightRanges('network_security', ['security'])).toEqual([[8, 16]]);
    expect(highlightRanges('unsecured', ['secure'])).toEqual([]);
  });

  it('cuts a snippet around the first match, keeping ranges aligned', () => {
    const text = `${'word '.repeat(60)}the 30 or more ports part ${'tail '.repeat(60)}`;
    const ranges = highlightRanges(text, ['ports']);
    const cut = snippet(text, ranges, 80);
    expect(cut.text.startsWith('…')).toBe(true);
    expect(cut.text.endsWith('…')).toBe(true);
    const [start, end] = cut.ranges[0]!;
    expect(cut.text.slice(start, end)).toBe('ports');
  });
});
