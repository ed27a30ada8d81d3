import { describe, expect, it } from 'vitest';
import { anchorHref, attackTechniqueUrl, createUrls, setAnchor, withAnchor } from '../../../src/lib/core/urls.ts';

describe('createUrls', () => {
  it('builds the documented URL scheme at the root', () => {
    const urls = createUrls('/');
    expect(urls.home()).toBe('/');
    expect(urls.technique('T1046')).toBe('/techniques/T1046/');
    expect(urls.technique('T1059.001')).toBe('/techniques/T1059.001/');
    expect(urls.framework('nist_800_53')).toBe('/frameworks/nist_800_53/');
    expect(urls.capability({ frameworkId: 'nist_800_53', slug: 'ac-4' })).toBe('/frameworks/nist_800_53/capabilities/ac-4/');
    expect(urls.group({ frameworkId: 'nist_800_53', slug: 'ac' })).toBe('/frameworks/nist_800_53/groups/ac/');
    expect(urls.set('azure-06.29.2021_attack-8.2-enterprise')).toBe('/sets/azure-06.29.2021_attack-8.2-enterprise/');
    expect(urls.search('ac 4')).toBe('/search/?q=ac%204');
    expect(urls.file('set-filter.css')).toBe('/set-filter.css');
    expect(urls.matrix()).toBe('/matrix/');
    expect(urls.matrixLayer('enterprise')).toBe('/matrix/layer-enterprise.json');
  });

  it('puts every URL under a base path, however the base is written', () => {
    for (const base of ['/mapscope/', '/mapscope', 'mapscope/', 'mapscope']) {
      const urls = createUrls(base);
      expect(urls.home()).toBe('/mapscope/');
      expect(urls.technique('T1046')).toBe('/mapscope/techniques/T1046/');
      expect(urls.file('favicon.svg')).toBe('/mapscope/favicon.svg');
      expect(urls.matrixLayer('ics')).toBe('/mapscope/matrix/layer-ics.json');
    }
    expect(createUrls('/a/b/').set('x')).toBe('/a/b/sets/x/');
  });

  it('encodes what could break out of a path segment', () => {
    expect(createUrls('/').technique('a/../b')).toBe('/techniques/a%2F..%2Fb/');
  });
});

describe('external and anchor helpers', () => {
  it('links ATT&CK pages for techniques and sub-techniques', () => {
    expect(attackTechniqueUrl('T1046')).toBe('https://attack.mitre.org/techniques/T1046/');
    expect(attackTechniqueUrl('T1059.001')).toBe('https://attack.mitre.org/techniques/T1059/001/');
  });
  it('names set filter anchors after the set id', () => {
    expect(setAnchor('nist_800_53-rev5_attack-8.2-enterprise')).toBe('set-nist_800_53-rev5_attack-8.2-enterprise');
  });
});

describe('anchors', () => {
  it('links to an element of the page, or of another page', () => {
    expect(anchorHref('m1a2b3c')).toBe('#m1a2b3c');
    expect(withAnchor(createUrls('/mapscope/').technique('T1046'), setAnchor('azure-06.29.2021_attack-8.2-enterprise'))).toBe(
      '/mapscope/techniques/T1046/#set-azure-06.29.2021_attack-8.2-enterprise',
    );
  });
  it('links the data-quality page to a set, or to one kind of its warnings', () => {
    const urls = createUrls('/');
    expect(urls.dataQuality()).toBe('/data-quality/');
    expect(urls.dataQuality('azure-06.29.2021_attack-8.2-enterprise')).toBe('/data-quality/#azure-06.29.2021_attack-8.2-enterprise');
    expect(urls.dataQuality('a b', 'technique-revoked')).toBe('/data-quality/#a%20b-technique-revoked');
  });
});
