import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readModel, modelPath } from '../../src/lib/model/model-store.ts';
import type { Model } from '../../src/lib/model/schema.ts';
import { buildSite, type BuiltSite } from '../support/build-site.ts';
import { page, text } from '../support/html.ts';
import { fixture } from '../support/paths.ts';

// A site built with --descriptions: the invented Acme OSCAL catalog and description files
// (tests/fixtures/descriptions) over two small sets that name their controls and CVE.
let site: BuiltSite;
let model: Model;

beforeAll(async () => {
  site = await buildSite({
    data: [fixture('descriptions', 'site')],
    descriptions: [fixture('descriptions', 'oscal', 'acme_rev5-shape_catalog.json'), fixture('descriptions', 'mappings')],
    label: 'descriptions',
  });
  model = readModel(modelPath(site.generated));
}, 300_000);

const capabilityPage = (framework: string, slug: string) => page(site.dist, `/frameworks/${framework}/capabilities/${slug}/`);

describe('a site built with --descriptions', () => {
  it('shows the control statement first, with its items labelled and parameters written out', () => {
    const doc = capabilityPage('nist_800_53', 'ac-2');
    const section = doc.querySelector('#text')!;
    expect(section).not.toBeNull();
    const main = doc.querySelector('main')!.innerHTML;
    expect(main.indexOf('id="text"')).toBeLessThan(main.indexOf('id="mappings"'));
    const said = text(section);
    expect(said).toContain('NIST SP 800-53 rev5: AC-2 Crank Accounts');
    expect(section.querySelectorAll('.item-label').map(text)).toContain('a.');
    expect(said).toMatch(/\[Assignment: [^\]]+\]/);
  });

  it('lists under a control the enhancements a baseline selects, linked when they have pages', () => {
    const section = capabilityPage('nist_800_53', 'ac-2').querySelector('.enhancements')!;
    expect(text(section)).toContain('AC-2(1) Automated Crank Accounts');
    expect(text(section.querySelector('li'))).toMatch(/AC-2\(1\) Automated Crank Accounts in (LOW, )?MODERATE, HIGH$/);
    expect(section.querySelector('li a')?.getAttribute('href')).toBeUndefined();
  });

  it('shows a withdrawn control as withdrawn, saying where it went', () => {
    const withdrawn = capabilityPage('nist_800_53', 'ac-3').querySelector('.withdrawn');
    expect(text(withdrawn)).toMatch(/^Withdrawn/);
  });

  it("shows the description files' texts, sanitized, each named by its source where two describe one capability", () => {
    const section = capabilityPage('nist_800_53', 'sc-7').querySelector('#text')!;
    expect(section.querySelectorAll('.description-text')).toHaveLength(2);
    expect(section.querySelectorAll('.text-source').map(text).join(' ')).toMatch(/rev5 \(.*nist-rev5_descriptions\.json\).*rev4/);
    expect(section.innerHTML).not.toMatch(/style=|class="MsoNormal"|mailto:/);
  });

  it('links a KEV capability to its CVE record, NVD and the KEV catalog, and names the vendor and product', () => {
    const section = capabilityPage('kev', 'cve-2031-10001').querySelector('#text')!;
    const hrefs = section.querySelectorAll('a').map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('https://www.cve.org/CVERecord?id=CVE-2031-10001');
    expect(hrefs).toContain('https://nvd.nist.gov/vuln/detail/CVE-2031-10001');
    expect(hrefs.some((h) => h?.startsWith('https://www.cisa.gov/known-exploited-vulnerabilities-catalog'))).toBe(true);
    expect(section.querySelectorAll('dl.cve dd').slice(0, 2).map(text)).toEqual(['Examplesoft', 'Widget Server']);
  });

  it('lists every irregularity of the description files on /data-quality/', () => {
    const kinds = new Set(model.warnings.map((w) => w.kind));
    for (const kind of [
      'description-list-empty',
      'description-id-blank',
      'description-not-available',
      'description-id-variant',
      'description-html-repaired',
    ] as const)
      expect(kinds).toContain(kind);
    const doc = page(site.dist, '/data-quality/');
    expect(text(doc.querySelector('main'))).toContain('Entries written "Not Available"');
    expect(text(doc.querySelector('main'))).toContain('HTML descriptions with markup Mapscope does not render');
  });
});

describe('a site built without --descriptions', () => {
  it('shows no capability text', () => {
    const { dist } = inject('defaultSite');
    const doc = page(dist, '/frameworks/');
    const link = doc.querySelectorAll('a').find((a) => /\/frameworks\/[^/]+\/$/.test(a.getAttribute('href') ?? ''))!;
    expect(link).toBeDefined();
    expect(page(dist, '/data-quality/').innerHTML).not.toContain('description-');
  });
});
