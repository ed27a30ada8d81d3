import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { page, text } from '../support/html.ts';
import { layerProblems } from '../support/navigator-layer-format.ts';

// The guide (/guide/) and the links to its sections from set pages, matrix legends, the header and footer.
const { dist } = inject('defaultSite');
const guide = page(dist, '/guide/');
const anchors = new Set(guide.querySelectorAll('[id]').map((e) => e.getAttribute('id')));
const guideAnchor = (href: string) => /^\/guide\/#(.+)$/.exec(href)?.[1];
const setIds = readdirSync(path.join(dist, 'sets'));

describe('the guide', () => {
  it('has a section per mapping type family, each with a heading, reached from its table of contents', () => {
    for (const id of [
      'what-a-mapping-is',
      'control-mappings',
      'technique-scores',
      'cve-mappings',
      'veris',
      'non-mappable',
      'scope',
      'merged-rows',
      'warnings',
      'coverage-builder',
      'comparisons',
      'urls',
    ]) {
      expect(guide.querySelector(`section#${id} h2`), id).not.toBeNull();
      expect(guide.querySelector(`.guide-toc a[href="#${id}"]`), id).not.toBeNull();
    }
    expect(text(guide.querySelector('#technique-scores'))).toMatch(/Minimal.*Partial.*Significant/s);
  });

  it('says, from the data, which NIST SP 800-53 families no set maps', () => {
    const scope = text(guide.querySelector('#scope'));
    // The default data maps only some families; the list is computed at build time.
    expect(scope).toMatch(/NIST SP 800-53: \d+ of its 20 families have no mapping in any set of this site \(([A-Z]{2}, )*[A-Z]{2}\)/);
    expect(scope).toContain('PE');
  });

  it('is linked from the header and the footer of every page', () => {
    const doc = page(dist, '/techniques/T1046/');
    expect(doc.querySelector('.site-nav a[href="/guide/"]')).not.toBeNull();
    expect(doc.querySelector('.site-footer a[href="/guide/"]')).not.toBeNull();
  });
});

describe('set pages', () => {
  it('describe each mapping type and link the guide section that explains it, instead of "No description given"', () => {
    expect(setIds.length).toBeGreaterThan(0);
    for (const id of setIds) {
      const doc = page(dist, `/sets/${id}/`);
      const types = doc.querySelector('#types-title')!.parentNode!;
      expect(text(types)).not.toContain('No description given');
      const links = types.querySelectorAll('a.guide-link').map((a) => a.getAttribute('href')!);
      expect(links.length, id).toBe(types.querySelectorAll('dt').length);
      for (const href of links) expect(anchors.has(guideAnchor(href)!), `${id}: ${href}`).toBe(true);
    }
  });

  it('link the guide from the key above the matrix legend, to a section that exists', () => {
    for (const id of setIds) {
      const href = page(dist, `/sets/${id}/`).querySelector('.matrix-summary a.guide-link')?.getAttribute('href');
      if (!href) continue;
      expect(anchors.has(guideAnchor(href)!), `${id}: ${href}`).toBe(true);
    }
    const scored = setIds.find((id) => id.startsWith('azure'))!;
    expect(page(dist, `/sets/${scored}/`).querySelector('.matrix-summary a.guide-link')!.getAttribute('href')).toBe('/guide/#technique-scores');
  });
});

describe('score tables and the coverage builder', () => {
  it('say above a table with scores what they are and link the guide section on them; tables without scores do not', () => {
    const doc = page(dist, '/techniques/T1046/');
    const scored = doc.querySelector('#fw-azure')!;
    expect(scored.querySelector('th')).not.toBeNull();
    const key = scored.querySelector('.table-key')!;
    expect(text(key)).toMatch(/protect against, detect or respond/);
    expect(key.querySelector('a.guide-link')!.getAttribute('href')).toBe('/guide/#technique-scores');
    expect(anchors.has('technique-scores')).toBe(true);
    expect(doc.querySelector('#fw-nist_800_53 table')).not.toBeNull();
    expect(doc.querySelector('#fw-nist_800_53 .table-key')).toBeNull();
    // A scored capability's own page too.
    const capability = readdirSync(path.join(dist, 'frameworks/azure/capabilities'))[0]!;
    const href = page(dist, `/frameworks/azure/capabilities/${capability}/`).querySelector('.table-key a.guide-link')?.getAttribute('href');
    expect(href).toBe('/guide/#technique-scores');
  });

  it('the coverage builder links the guide sections on its counting rules and on scores, which exist', () => {
    const hrefs = page(dist, '/coverage/')
      .querySelectorAll('main a.guide-link')
      .map((a) => a.getAttribute('href')!);
    expect(hrefs).toEqual(['/guide/#coverage-builder', '/guide/#technique-scores']);
    for (const href of hrefs) expect(anchors.has(guideAnchor(href)!), href).toBe(true);
  });
});

describe('framework pages', () => {
  it('say what the framework is and who publishes it, with links to the publisher and the mapping methodology', () => {
    const about = page(dist, '/frameworks/nist_800_53/').querySelector('#about')!;
    expect(about).not.toBeNull();
    expect(text(about)).toContain('National Institute of Standards and Technology');
    const hrefs = about.querySelectorAll('a').map((a) => a.getAttribute('href'));
    expect(hrefs.some((h) => h?.startsWith('https://csrc.nist.gov/'))).toBe(true);
    expect(hrefs).toContain('https://center-for-threat-informed-defense.github.io/mappings-explorer/about/methodology/nist-methodology/');
    expect(hrefs).toContain('https://center-for-threat-informed-defense.github.io/mappings-explorer/about/methodology/nist-scope/');
    expect(hrefs).toContain('/guide/#scope');
    expect(text(page(dist, '/frameworks/azure/').querySelector('#about'))).toContain('Microsoft');
  });
});

describe('the matrix of every framework (/matrix/)', () => {
  const doc = page(dist, '/matrix/');

  it('shades each technique by how many frameworks cover it and says per framework how many capabilities, linked to its page', () => {
    const cells = doc.querySelectorAll('#enterprise .matrix li');
    expect(cells.length).toBeGreaterThan(100);
    // T1046 is mapped by both frameworks of the default data.
    const t1046 = cells.find((li) => li.querySelector(':scope > a')?.getAttribute('href') === '/techniques/T1046/')!;
    expect(t1046.getAttribute('class')).toBe('s2');
    expect(text(t1046.querySelector('.fw-counts'))).toMatch(/^(nist_800_53 \d+ · azure \d+|azure \d+ · nist_800_53 \d+)$/);
    const blank = cells.find((li) => !li.getAttribute('class'))!;
    expect(text(blank.querySelector('.fw-counts'))).toBe('no framework');
    expect(doc.querySelectorAll('#enterprise .matrix-legend li').map(text)).toEqual([
      'no framework',
      '1 framework',
      '2–3 frameworks',
      '4–6 frameworks',
      '7 or more frameworks',
    ]);
  });

  it('is linked from the header', () => {
    expect(page(dist, '/').querySelector('.site-nav a[href="/matrix/"]')).not.toBeNull();
  });

  it("links each domain's Navigator layer, a layer (format 4.5) scoring techniques by the number of frameworks", () => {
    const sections = doc.querySelectorAll('main section[id]');
    expect(sections.length).toBeGreaterThan(0);
    for (const section of sections) {
      const domain = section.getAttribute('id')!;
      const link = section.querySelector('.matrix-layer a[download]')!;
      expect(text(link)).toBe('Navigator layer');
      expect(link.getAttribute('href')).toBe(`/matrix/layer-${domain}.json`);
      const layer = JSON.parse(readFileSync(path.join(dist, 'matrix', `layer-${domain}.json`), 'utf8')) as {
        domain: string;
        techniques: { techniqueID: string; score?: number; comment?: string }[];
      };
      expect(layerProblems(layer), domain).toEqual([]);
      expect(layer.domain).toBe(`${domain}-attack`);
      const scored = layer.techniques.filter((t) => t.score !== undefined);
      expect(scored.length, domain).toBeGreaterThan(0);
      // The layer scores what the page's cells say: as many frameworks as the cell lists.
      const t1046 = layer.techniques.find((t) => t.techniqueID === 'T1046');
      if (domain === 'enterprise') expect(t1046).toMatchObject({ score: 2, comment: expect.stringMatching(/^Covered by 2 frameworks: /) });
    }
  });
});
