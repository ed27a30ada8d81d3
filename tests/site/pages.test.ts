import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { checkLinks } from '../../scripts/site-check/links.ts';
import { page, tableOf, text } from '../support/html.ts';

const { dist } = inject('defaultSite');

describe('the default site', () => {
  it("AC-4's page lists T1046 with its row link", () => {
    const doc = page(dist, '/frameworks/nist_800_53/capabilities/ac-4/');
    expect(text(doc.querySelector('h1'))).toBe('AC-4 Information Flow Enforcement');
    const table = tableOf(doc.querySelector('#table-techniques')!);
    // Named as its one set, rev5 @ ATT&CK 8.2, names it (ATT&CK 12.1 renamed it Network Service Discovery).
    expect(table.rows.map((r) => [text(r.cells['ATT&CK ID']), text(r.cells['ATT&CK Name'])])).toEqual([['T1046', 'Network Service Scanning']]);
    const technique = page(dist, '/techniques/T1046/');
    const sameRow = technique.querySelector(`tr[id="${table.rows[0]!.id}"]`);
    expect(text(sameRow?.querySelector('th'))).toBe('AC-4');
  });

  it('home names the frameworks with their sets and counts, and links the indexes', () => {
    const doc = page(dist, '/');
    const cards = doc.querySelectorAll('.cards .card').map(text);
    expect(cards).toEqual([
      expect.stringMatching(/^Microsoft Azure 5 capabilities · 6 mappings 06\/29\/2021 @ 8\.2 6 mappings$/),
      expect.stringMatching(/^NIST SP 800-53 11 capabilities · 11 mappings rev5 @ 8\.2 11 mappings$/),
    ]);
    const hrefs = doc.querySelectorAll('main a').map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('/techniques/');
    expect(hrefs).toContain('/frameworks/');
    expect(doc.querySelector('header form[role="search"] input[name="q"]')).not.toBeNull();
  });

  it('a set page shows metadata, mapping types, groups and capabilities with counts', () => {
    const doc = page(dist, '/sets/nist_800_53-rev5_attack-8.2-enterprise/');
    expect(text(doc.querySelector('h1'))).toBe('NIST SP 800-53 rev5 → ATT&CK Enterprise 8.2');
    const facts = Object.fromEntries(doc.querySelectorAll('dl.facts dt').map((dt) => [text(dt), text(dt.nextElementSibling)]));
    expect(facts).toMatchObject({ Created: '13 Jan 2022', 'Last updated': '13 Jan 2022', 'ATT&CK': 'Enterprise 8.2', 'Framework version': 'rev5' });
    expect(text(doc.querySelector('#types-title')?.parentNode as never)).toContain('Protects protects');
    const groups = doc.querySelectorAll('section').find((s) => s.querySelector('#groups-title'))!;
    expect(tableOf(groups.querySelector('table')!).rows.map((r) => text(r.cells['Group']))).toEqual(['AC', 'CA', 'CM', 'RA', 'SC', 'SI']);
    const caps = doc.querySelectorAll('section').find((s) => s.querySelector('#capabilities-title'))!;
    expect(tableOf(caps.querySelector('table')!).rows).toHaveLength(11);
  });

  it('the framework page lists its sets and groups with counts', () => {
    const doc = page(dist, '/frameworks/azure/');
    expect(text(doc.querySelector('h1'))).toBe('Microsoft Azure');
    const sets = tableOf(doc.querySelectorAll('table')[0]!);
    expect(sets.rows.map((r) => text(r.cells['Version']))).toEqual(['06/29/2021']);
    const groups = tableOf(doc.querySelectorAll('table')[1]!);
    expect(groups.rows.find((r) => text(r.cells['Group']) === 'azure_web_application_firewall')!.cells['Mappings']!.text).toBe('2');
  });

  it("the footer carries the ATT&CK attribution and leads to each framework's source", () => {
    const footer = page(dist, '/techniques/T1046/').querySelector('footer')!;
    expect(text(footer)).toContain('ATT&CK® is a registered trademark of The MITRE Corporation.');
    expect(text(footer)).toContain('Mapping data: 2 sets of 2 frameworks; their sources are on the frameworks page.');
    expect(footer.querySelector('a[href="/frameworks/#sources"]')).not.toBeNull();
    const sources = page(dist, '/frameworks/').querySelector('#sources dl')!;
    const entries = sources.querySelectorAll('dt').map((dt) => [text(dt), text(dt.nextElementSibling)]);
    expect(entries).toEqual([
      ['Microsoft Azure', 'ctid@mitre.org'],
      ['NIST SP 800-53', 'nist_800_53-rev5_attack-8.2-enterprise.csv, nist_800_53-rev5_attack-8.2-enterprise.json'],
    ]);
  });

  it('every internal link and every #fragment resolves', async () => {
    const report = await checkLinks(dist, '/');
    expect(report.problems).toEqual([]);
    expect(report.pages).toBeGreaterThanOrEqual(30);
    expect(report.fragments).toBeGreaterThan(17);
  });

  it('makes no request to another origin: no external scripts, styles, fonts or images', () => {
    for (const path of ['/', '/techniques/T1046/', '/sets/azure-06.29.2021_attack-8.2-enterprise/']) {
      const doc = page(dist, path);
      const loaded = [
        ...doc.querySelectorAll('script[src]').map((e) => e.getAttribute('src')!),
        ...doc.querySelectorAll('link[href]').map((e) => e.getAttribute('href')!),
        ...doc.querySelectorAll('img[src]').map((e) => e.getAttribute('src')!),
      ];
      for (const url of loaded) expect(url).toMatch(/^\/[^/]/);
      expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toMatch(/^default-src 'self'; script-src 'self';/);
    }
  });
});

describe('downloads on pages', () => {
  it("T1046 offers a menu of its own files: a line per format with what it is for and how many mappings, one select of all its sets or one, and each set's whole files on its page", () => {
    const doc = page(dist, '/techniques/T1046/');
    const section = doc.querySelector('section.downloads')!;
    expect(section.querySelector('table')).toBeNull();
    const menu = section.querySelector('.download-menu')!;
    // The menu needs JavaScript: hidden until the script shows it.
    expect(menu.hasAttribute('hidden')).toBe(true);
    expect(menu.hasAttribute('data-needs-js')).toBe(true);
    const select = menu.querySelector('select')!;
    expect(text(menu.querySelector(`label[for="${select.getAttribute('id')}"]`))).toBe('Mappings of');
    // One option in the HTML, all the sets; the script adds one per set from the links to the sets' whole files below.
    expect(select.querySelectorAll('option').map((o) => [o.getAttribute('value'), o.getAttribute('data-rows'), text(o)])).toEqual([
      ['', '17', 'All 2 sets (17 mappings)'],
    ]);
    const lines = menu.querySelectorAll('.format-lines li');
    expect(lines.map((li) => text(li.querySelector('button')))).toEqual(['CSV', 'Excel workbook', 'JSON', 'YAML', 'Navigator layer', 'STIX 2.1 bundle']);
    // The CSV and the workbook hold all the sets in one file; the other formats one set a file.
    expect(lines.map((li) => li.querySelector('button')!.hasAttribute('data-spans'))).toEqual([true, true, false, false, false, false]);
    expect(lines.every((li) => text(li.querySelector('small')).length > 20)).toBe(true);
    expect(menu.querySelector('[role="status"]')).not.toBeNull();
    // What the browser needs to name and make them.
    const element = section.querySelector('scoped-downloads')!;
    expect(['data-scope', 'data-name', 'data-stem', 'data-subject'].map((a) => element.getAttribute(a))).toEqual([
      'technique:T1046',
      'T1046',
      'T1046',
      'T1046',
    ]);
    // Without JavaScript: each set's page, grouped by framework, where its whole files are.
    const whole = section.querySelectorAll('.whole-sets li');
    expect(whole.map(text)).toEqual(['Microsoft Azure: 06/29/2021 @ 8.2', 'NIST SP 800-53: rev5 @ 8.2']);
    const links = section.querySelectorAll('.whole-sets a').map((a) => [a.getAttribute('href'), a.getAttribute('data-rows')]);
    expect(links).toEqual([
      ['/sets/azure-06.29.2021_attack-8.2-enterprise/#downloads', '6'],
      ['/sets/nist_800_53-rev5_attack-8.2-enterprise/#downloads', '11'],
    ]);
    expect(page(dist, '/sets/nist_800_53-rev5_attack-8.2-enterprise/').querySelector('section#downloads table')).not.toBeNull();
    // A capability's layer names the capability as its set spells it.
    expect(page(dist, '/frameworks/nist_800_53/capabilities/ac-4/').querySelector('scoped-downloads')!.getAttribute('data-name')).toBe(
      'nist_800_53_capability-ac-4',
    );
  });

  it('a set page offers its whole files with their sizes, the files a page makes its own from beside them', async () => {
    const { statSync } = await import('node:fs');
    const { formatBytes } = await import('../../src/lib/exports/site-downloads.ts');
    const links = page(dist, '/sets/nist_800_53-rev5_attack-8.2-enterprise/').querySelectorAll('section.downloads a');
    for (const link of links) {
      const size = statSync(`${dist}${link.getAttribute('href')}`).size;
      expect(text(link)).toMatch(new RegExp(`\\(${formatBytes(size).replace('.', '\\.')}\\)$`));
    }
    expect(existsSync(`${dist}/downloads/nist_800_53-rev5_attack-8.2-enterprise_rows.json`)).toBe(true);
    expect(readdirSync(`${dist}/downloads`).filter((f) => f.includes('T1046'))).toEqual([]);
  });

  it('set, capability and group pages offer their downloads too', () => {
    const links = page(dist, '/sets/nist_800_53-rev5_attack-8.2-enterprise/')
      .querySelectorAll('section.downloads a')
      .map((a) =>
        a
          .getAttribute('href')!
          .split('/')
          .pop()!
          .replace(/^.*?(_gaps)?\.(\w+)$/, '$2$1'),
      )
      .sort();
    // CSV (and the set's gaps), Excel, YAML, and three JSON files: unified, the Navigator layer, the STIX bundle.
    expect(links).toEqual(['csv', 'csv_gaps', 'json', 'json', 'json', 'xlsx', 'yaml']);
    for (const path of ['/frameworks/nist_800_53/capabilities/ac-4/', '/frameworks/nist_800_53/groups/cm/']) {
      const section = page(dist, path).querySelector('section.downloads')!;
      expect(
        section.querySelectorAll('.format-lines button').map((b) => b.getAttribute('data-format')),
        path,
      ).toEqual(['csv', 'xlsx', 'json', 'yaml', 'layer', 'stix']);
      expect(
        section.querySelectorAll('.whole-sets a').map((a) => a.getAttribute('href')),
        path,
      ).toEqual(['/sets/nist_800_53-rev5_attack-8.2-enterprise/#downloads']);
    }
    expect(page(dist, '/sets/nist_800_53-rev5_attack-8.2-enterprise/').querySelector('section.downloads a')!.getAttribute('href')).toBe(
      '/downloads/nist_800_53-rev5_attack-8.2-enterprise.csv',
    );
  });
});
