import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../scripts/site-check/files.ts';
import { checkLinks } from '../../scripts/site-check/links.ts';
import { readModel, modelPath } from '../../src/lib/model/model-store.ts';
import type { Model } from '../../src/lib/model/schema.ts';
import { sharedSite, type BuiltSite } from '../support/build-site.ts';
import { page, tableOf, text } from '../support/html.ts';
import { fixture } from '../support/paths.ts';

// A site built from one object of each irregular shape of the published files
// (tests/fixtures/warnings): every warning is listed, rows show what their own sets say, and
// nothing that is not an http(s) URL becomes a link.
let site: BuiltSite;
let model: Model;
let pages: { file: string; doc: HTMLElement }[];

beforeAll(async () => {
  site = await sharedSite({ data: [fixture('warnings')] });
  model = readModel(modelPath(site.generated));
  const html = (await listFiles(site.dist)).filter((f) => f.endsWith('.html'));
  pages = await Promise.all(html.map(async (file) => ({ file, doc: parse(await readFile(file, 'utf8')) })));
});

const rowOn = (doc: HTMLElement, techniqueId: string) => doc.querySelectorAll('tbody tr').find((tr) => text(tr).includes(techniqueId))!;

describe('the data-quality page', () => {
  it('lists every warning of the build, by set and kind, each place linked to its row', async () => {
    const doc = page(site.dist, '/data-quality/');
    const total = model.warnings.reduce((n, w) => n + w.occurrences.length, 0);
    expect(text(doc.querySelector('main'))).toContain(`${total} warnings in 5 sets`);
    expect(doc.querySelectorAll('ul.places li')).toHaveLength(total);
    const m365 = doc.querySelector('[id="m365-12.11.2023_attack-14.1-enterprise"]')!;
    expect(m365.querySelectorAll('h3').map((h) => text(h))).toEqual([
      'References with stray spaces, tabs or quotes 3',
      'References holding several entries 1',
      'URLs split at a comma 1',
      'Reference entries that name no reference 3',
      'URLs wrapped in a viewer address 1',
      'References kept as plain text 6',
      'Scored mappings without a score 2',
      'Capabilities described in several ways in one set 1',
      "Techniques their set's ATT&CK version does not have 1",
      "Techniques revoked in their set's ATT&CK version 1",
      "Techniques deprecated in their set's ATT&CK version 1",
      'Mappings left out of the STIX bundle 1',
    ]);
    // The mapping the set's STIX bundle cannot hold: which set, technique and capability, and why.
    const stixKind = m365.querySelectorAll('h3').findIndex((h) => text(h).startsWith('Mappings left out of the STIX bundle'));
    const stix = tableOf(m365.querySelectorAll('table')[stixKind]!);
    expect(stix.rows).toHaveLength(1);
    expect(text(stix.rows[0]!.cells['Capability'])).toBe('DEF-AP-E3');
    expect(text(stix.rows[0]!.cells['Found'])).toBe('"T1521.003"');
    expect(text(stix.rows[0]!.cells['What Mapscope did'])).toBe(
      "left out of the set's STIX bundle: the catalog has no STIX id for T1521.003 in ATT&CK Enterprise 14.1",
    );
    expect(text(stix.rows[0]!.cells['Where'])).toMatch(/^#\/mapping_objects\/15 · T1521\.003 row$/);
    const bundle = JSON.parse(await readFile(path.join(site.dist, 'downloads', 'm365-12.11.2023_attack-14.1-enterprise_stix.json'), 'utf8'));
    expect(bundle.objects.filter((o: { type: string }) => o.type === 'relationship').length).toBeGreaterThan(0);
    expect(JSON.stringify(bundle)).not.toContain('T1521.003');
    const plain = tableOf(m365.querySelectorAll('table')[5]!);
    const js = plain.rows.find((r) => text(r.cells['Found']) === '"javascript:alert(document.cookie)"')!;
    expect(text(js.cells['Capability'])).toBe('EID-CA-E3');
    expect(text(js.cells['Field'])).toBe('references[0]');
    expect(text(js.cells['What Mapscope did'])).toBe('kept as plain text, not a link: "javascript:alert(document.cookie)"');
    expect(text(js.cells['Where'])).toBe('#/mapping_objects/9 · T1110 row');
    // Each place's link opens the row it concerns.
    const report = await checkLinks(site.dist, '/');
    expect(report.problems).toEqual([]);
    const link = js.cells['Where']!.querySelector('a')!.getAttribute('href')!;
    const [pagePath, anchor] = link.split('#');
    expect(page(site.dist, pagePath!).querySelector(`tr[id="${anchor}"]`)).not.toBeNull();
  });

  it("is linked from every page's footer, and each set page gives its own count", () => {
    for (const { doc } of pages.filter(({ file }) => !file.endsWith('404.html'))) {
      expect(doc.querySelector('footer a[href="/data-quality/"]')).not.toBeNull();
    }
    const set = page(site.dist, '/sets/m365-12.11.2023_attack-14.1-enterprise/');
    const stat = set.querySelector('#data-quality')!;
    const count = model.warnings.filter((w) => w.setId === 'm365-12.11.2023_attack-14.1-enterprise').reduce((n, w) => n + w.occurrences.length, 0);
    expect(text(stat)).toBe(`${count} warnings`);
    expect(stat.querySelector('a')!.getAttribute('href')).toBe('/data-quality/#m365-12.11.2023_attack-14.1-enterprise');
    expect(text(set.querySelector('.stats'))).toContain('2 not scored');
    const clean = page(site.dist, '/sets/nist_800_53-rev4_attack-14.1-enterprise/');
    expect(text(clean.querySelector('#data-quality'))).toBe('0 warnings');
  });
});

describe('rows', () => {
  it('link references only when they are http(s) URLs; every other entry is text', () => {
    const doc = page(site.dist, '/techniques/T1110/');
    const row = rowOn(doc, 'EID-CA-E3');
    expect(row.querySelectorAll('ul.refs a')).toHaveLength(0);
    expect(row.querySelectorAll('ul.refs .ref-text').map((e) => e.textContent)).toEqual([
      'javascript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
    ]);
    const split = rowOn(page(site.dist, '/techniques/T1059.009/'), 'EID-CA-E3');
    expect(split.querySelectorAll('ul.refs a').map((a) => a.getAttribute('href'))).toEqual(['https://learn.example.com/howto-conditional-access-apis2']);
    expect(split.querySelectorAll('ul.refs .ref-text').map((e) => e.textContent)).toEqual(['licensing']);
  });

  it("nowhere on the site link anything but http(s) URLs and the site's own pages", () => {
    let links = 0;
    for (const { file, doc } of pages) {
      for (const a of doc.querySelectorAll('a[href]')) {
        const href = a.getAttribute('href')!;
        links++;
        expect(/^(https?:\/\/|\/|#)/.test(href), `${path.relative(site.dist, file)}: ${href}`).toBe(true);
      }
    }
    expect(links).toBeGreaterThan(100);
  });

  it("show a scored row without a score as not scored, and a sub-technique's related score", () => {
    const doc = page(site.dist, '/frameworks/m365/capabilities/def-ap-e3/');
    const table = tableOf(doc.querySelector('#table-techniques')!);
    const unscored = table.rows.find((r) => text(r.cells['ATT&CK ID']) === 'T1534')!;
    expect(text(unscored.cells['Value'])).toBe('Not scored');
    expect(text(unscored.cells['Category'])).toBe('');
    const halfScored = table.rows.find((r) => text(r.cells['ATT&CK ID']) === 'T1656')!;
    expect(text(halfScored.cells['Category'])).toBe('Protect');
    expect(text(halfScored.cells['Value'])).toBe('Not scored');
    const related = tableOf(page(site.dist, '/frameworks/m365/capabilities/eid-ca-e3/').querySelector('#table-techniques')!).rows.find(
      (r) => text(r.cells['ATT&CK ID']) === 'T1059.009',
    )!;
    expect(text(related.cells['Value'])).toBe('Partial Related score: T1059');
    expect(related.cells['Value']!.querySelector('a')!.getAttribute('href')).toBe('/techniques/T1059/');
  });

  it('show the mapping type label and the capability title each of their sets gives', () => {
    const doc = page(site.dist, '/techniques/T1078/');
    const row = tableOf(doc.querySelector('#table-nist_800_53')!).rows[0]!;
    expect(text(row.cells['Mapping Type'])).toBe('Mitigates Protects in rev4 @ 14.1');
    expect(text(row.cells['Capability Description'])).toBe('Device Lock Session Lock in rev4 @ 14.1');
    const capability = page(site.dist, '/frameworks/nist_800_53/capabilities/ac-11/');
    const titles = capability.querySelectorAll('dl.facts dt').find((dt) => text(dt) === 'Titles')!.nextElementSibling!;
    expect(titles.querySelectorAll('li').map(text)).toEqual(['Device Lock in rev5 @ 16.1', 'Session Lock in rev4 @ 14.1']);
    const beside = tableOf(capability.querySelector('#table-techniques')!).rows.map((r) => text(r.cells['Sets (version @ ATT&CK)']));
    // T1110 is mapped in rev5 only (a CSV row), so nothing is said beside it.
    expect(beside).toEqual(['rev5 @ 16.1 rev4 @ 14.1 Session Lock in rev4 @ 14.1', 'rev5 @ 16.1 rev4 @ 14.1 Session Lock in rev4 @ 14.1', 'rev5 @ 16.1']);
  });

  it('keep the rows that differ only in spelling and description apart, each with its own description', () => {
    const doc = page(site.dist, '/techniques/T1660/');
    const rows = tableOf(doc.querySelector('#table-veris')!).rows;
    expect(rows.map((r) => text(r.cells['Capability Description'])).sort()).toEqual([
      'Any type of lure that asks the victim for data; the long invented description.',
      'Phishing (or any lure)',
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
  });

  it('of non-mappable entries show their comments and references', () => {
    const doc = page(site.dist, '/sets/veris-1.4.0_attack-16.1-mobile/');
    const section = doc.querySelectorAll('section').find((s) => s.querySelector('#non-mappable-title'))!;
    const row = tableOf(section.querySelector('table')!).rows[0]!;
    expect(text(row.cells['Notes']!.querySelector('p'))).toBe('No ATT&CK for Mobile technique applies.');
    expect(text(row.cells['Notes']!.querySelector('ul.refs'))).toBe('veris.example.org/enumerations#prompt');
    expect(row.cells['Notes']!.querySelector('a')!.getAttribute('href')).toBe('https://veris.example.org/enumerations#prompt');
  });
});
