import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { HTMLElement } from 'node-html-parser';
import { buildSite, type BuiltSite } from '../support/build-site.ts';
import { page, tableOf, text } from '../support/html.ts';
import { fixture } from '../support/paths.ts';

// The pages of ATT&CK groups, campaigns, software and mitigations, and what technique pages gain:
// on a site built from the invented complete bundle (Quiet Otters G0901 uses T1901 and T1902, its
// campaign C0901 uses T1903, its software PaperMoth S0901 uses T1901.001 and T1906) and the
// invented demo set (C-1 maps T1901 and T1901.001, C-2 maps T1901 and T1903) and scored rated set
// (R-1 maps T1901: protects significantly, detects minimally), with an empty catalog folder; and on
// the default site (the committed 18.1 catalog).
let site: BuiltSite;
const { dist } = inject('defaultSite');

beforeAll(async () => {
  const catalog = await mkdtemp(path.join(tmpdir(), 'mapscope-catalog-'));
  site = await buildSite({
    data: [fixture('attack', 'mappings'), fixture('attack', 'scored')],
    attack: [fixture('attack', 'complete')],
    catalog,
    label: 'adversaries',
  });
});

const factsOf = (doc: HTMLElement) => Object.fromEntries(doc.querySelectorAll('dl.facts dt').map((dt) => [text(dt), dt.nextElementSibling!]));
const linksOf = (element: HTMLElement | undefined) => (element?.querySelectorAll('a') ?? []).map((a) => [text(a), a.getAttribute('href')]);
/** The matrix cells of a page: technique id -> the cell's li. */
const cellsOf = (doc: HTMLElement, section: string) => new Map(doc.querySelectorAll(`${section} .matrix li`).map((li) => [text(li.querySelector('code')), li]));

describe('a group page', () => {
  let doc: HTMLElement;
  beforeAll(() => {
    doc = page(site.dist, '/groups/G0901/');
  });

  it('names the group with its aliases, its campaigns and software linked', () => {
    expect(text(doc.querySelector('h1'))).toBe('G0901 Quiet Otters');
    const facts = factsOf(doc);
    expect(facts['Also known as']!.querySelectorAll('li').map(text)).toEqual(['River Gang', 'Otter Crew']);
    expect(linksOf(facts['Campaigns'])).toEqual([['Operation Paper Lantern', '/campaigns/C0901/']]);
    expect(linksOf(facts['Software'])).toEqual([
      ['PaperMoth', '/software/S0901/'],
      ['KeyRing', '/software/S0902/'],
    ]);
  });

  it('lists its techniques by the counting rules, each with its tactics and, in one cell, what covers it', () => {
    const table = tableOf(doc.querySelector('#enterprise-techniques table')!);
    expect(table.headers).toEqual(['ID', 'Name', 'Tactics', 'Coverage']);
    expect(table.rows.map((r) => [text(r.cells['ID']), text(r.cells['Tactics']), text(r.cells['Coverage'])])).toEqual([
      ['T1901', 'First Steps', '2 frameworks · 3 capabilities:demo 2rated 1 Significant'],
      ['T1902', 'Looking Around', '– not covered'],
      ['T1903', 'Looking Around, Leaving', '1 framework · 1 capability:demo 1'],
    ]);
    // One line per framework, each its own list item (copied text does not run together); the best score for the scored one.
    const t1901 = table.rows[0]!.cells['Coverage']!;
    expect(t1901.querySelectorAll('li').map(text)).toEqual(['demo 2', 'rated 1 Significant']);
    expect(text(t1901.querySelector('li small'))).toBe('Significant');
    // Sorted by capabilities (its text starts with the number of frameworks); "not covered" for screen readers.
    expect(table.rows.map((r) => r.cells['Coverage']!.getAttribute('data-sort'))).toEqual(['3', undefined, '1']);
    expect(text(table.rows[1]!.cells['Coverage']!.querySelector('.visually-hidden'))).toBe('not covered');
    // T1903 is the campaign's: said, and linked.
    expect(linksOf(table.rows[2]!.cells['Name'])).toContainEqual(['C0901', '/campaigns/C0901/']);
    expect(text(doc.querySelector('#enterprise-techniques-title'))).toBe(
      'Techniques 3 techniques in ATT&CK Enterprise 5.0; 2 covered by the site’s frameworks',
    );
  });

  it('states the counting rules, and shows the techniques of its software apart, not counted', () => {
    expect(text(doc.querySelector('.counting-rules'))).toMatch(
      /a group’s techniques are those it uses itself plus those of the campaigns attributed to it.*the techniques of its software are listed apart and not counted/,
    );
    expect(text(doc.querySelector('#enterprise-software-techniques-title'))).toBe('With its software 2 more techniques, 5 in all');
    const apart = tableOf(doc.querySelector('#enterprise-software-techniques table')!);
    expect(apart.headers).toEqual(['ID', 'Name', 'Software', 'Coverage']);
    expect(apart.rows.map((r) => [text(r.cells['ID']), text(r.cells['Software']), text(r.cells['Coverage'])])).toEqual([
      ['T1901.001', 'S0901', '1 framework · 1 capability:demo 1'],
      ['T1906', 'S0901', '– not covered'],
    ]);
  });

  it('gives its ATT&CK description under its facts, before the techniques, and its name in the possessive', () => {
    expect(doc.querySelectorAll('.description')).toHaveLength(1);
    const description = doc.querySelector('.description');
    expect(text(description)).toMatch(/^Quiet Otters is an invented group that knocks on doors\..*Description from ATT&CK Enterprise 5\.0\.$/);
    expect(description!.previousElementSibling!.classList.contains('facts')).toBe(true);
    expect(text(doc.querySelector('a.threat-profile')!.parentNode as HTMLElement)).toContain('with Quiet Otters’ techniques');
    expect(text(doc.querySelector('#enterprise-matrix-title'))).toBe('ATT&CK matrix Quiet Otters’ techniques in ATT&CK Enterprise 5.0');
  });

  it('opens the coverage builder with the group as the threat profile', () => {
    const link = doc.querySelector('a.threat-profile')!;
    expect(text(link)).toBe('Use as threat profile');
    expect(link.getAttribute('href')).toBe('/coverage/?t=G0901');
  });

  it('has the matrix of its techniques only, shaded by how many capabilities cover each', () => {
    const cells = cellsOf(doc, '#enterprise-matrix');
    expect([...cells.keys()].sort()).toEqual(['T1901', 'T1902', 'T1903']);
    expect(cells.get('T1901')!.getAttribute('class')).toBe('s2');
    expect(cells.get('T1902')!.getAttribute('class')).toBeUndefined();
    expect(text(cells.get('T1902'))).toContain('(not mapped)');
    expect(cells.get('T1903')!.getAttribute('class')).toBe('s1');
    expect(text(doc.querySelector('#enterprise-matrix .matrix-summary'))).toMatch(/^2 of 3 techniques/);
  });
});

describe('the other adversary pages', () => {
  it('the lists: live objects only, with aliases and technique counts', () => {
    const groups = tableOf(page(site.dist, '/groups/').querySelector('table')!);
    expect(groups.rows.map((r) => [text(r.cells['ID']), text(r.cells['Also known as']), text(r.cells['Techniques'])])).toEqual([
      ['G0901', 'River Gang, Otter Crew', '3'],
      ['G0904', '', '1'],
    ]);
    // The revoked and the deprecated group have no page.
    expect(existsSync(path.join(site.dist, 'groups/G0902'))).toBe(false);
    expect(existsSync(path.join(site.dist, 'groups/G0903'))).toBe(false);
    const software = tableOf(page(site.dist, '/software/').querySelector('table')!);
    expect(software.rows.map((r) => [text(r.cells['ID']), text(r.cells['Type'])])).toEqual([
      ['S0901', 'malware'],
      ['S0902', 'tool'],
    ]);
  });

  it("a campaign's page names the group it is attributed to; software's the campaigns that use it", () => {
    const campaign = factsOf(page(site.dist, '/campaigns/C0901/'));
    expect(linksOf(campaign['Attributed to'])).toEqual([['Quiet Otters', '/groups/G0901/']]);
    const tool = page(site.dist, '/software/S0902/');
    expect(text(tool.querySelector('.kicker'))).toMatch(/^ATT&CK software \(tool\)/);
    expect(linksOf(factsOf(tool)['Used in campaigns'])).toEqual([['Operation Paper Lantern', '/campaigns/C0901/']]);
    expect(text(tool.querySelector('.counting-rules'))).toMatch(/software’s techniques are those it uses itself/);
    expect(tool.querySelector('a.threat-profile')!.getAttribute('href')).toBe('/coverage/?t=S0902');
  });
});

describe('a mitigation page', () => {
  it('lists the techniques it mitigates and, per framework, the capabilities mapped to them (the crosswalk)', () => {
    const doc = page(site.dist, '/mitigations/M0901/');
    expect(text(doc.querySelector('h1'))).toBe('M0901 Lock the Doors');
    const techniques = tableOf(doc.querySelector('table')!);
    expect(techniques.headers).toEqual(['ID', 'Name', 'Tactics', 'Coverage']);
    expect(techniques.rows.map((r) => [text(r.cells['ID']), text(r.cells['Coverage'])])).toEqual([
      ['T1901', '2 frameworks · 3 capabilities:demo 2rated 1 Significant'],
      ['T1901.001', '1 framework · 1 capability:demo 1'],
    ]);
    const crosswalk = doc.querySelector('#enterprise-crosswalk')!;
    expect(text(crosswalk.querySelector('h3'))).toBe('demo 2 capabilities');
    const rows = tableOf(crosswalk.querySelector('table')!).rows;
    expect(rows.map((r) => [text(r.cells['Capability']), text(r.cells['Techniques']), text(r.cells['Which'])])).toEqual([
      ['C-1', '2', 'T1901, T1901.001'],
      ['C-2', '1', 'T1901'],
    ]);
    expect(rows[0]!.cells['Capability']!.querySelector('a')!.getAttribute('href')).toBe('/frameworks/demo/capabilities/c-1/');
    // The deprecated mitigation whose id is a technique's has no page.
    expect(existsSync(path.join(site.dist, 'mitigations/T1901'))).toBe(false);
  });
});

describe('technique pages', () => {
  it('say who uses the technique (counts, then the lists linked), its mitigations and detection strategies', () => {
    const doc = page(site.dist, '/techniques/T1901/');
    expect(text(doc.querySelector('#used-by-enterprise .used-by-count'))).toBe(
      '2 users: 1 group, 1 campaign, 0 software. Each uses T1901 itself (sub-techniques count as themselves).',
    );
    const lists = doc.querySelectorAll('#used-by-enterprise details');
    expect(lists.map((d) => text(d.querySelector('summary')))).toEqual(['Groups (1)', 'Campaigns (1)']);
    expect(text(lists[0]!.querySelector('li'))).toBe('Quiet Otters G0901');
    expect(lists[0]!.querySelector('a')!.getAttribute('href')).toBe('/groups/G0901/');
    expect(linksOf(doc.querySelector('#mitigations-enterprise')!)).toEqual([['Lock the Doors', '/mitigations/M0901/']]);
    const analytics = doc.querySelectorAll('#detections-enterprise .detection li').map(text);
    expect(analytics).toEqual(['AN0901 Windows: Door Sensor Reading, Window Log Entry', 'AN0902 Linux: Door Sensor Reading']);
  });

  it('T1003.001 on the default site is used by 75 groups, campaigns and software of 18.1', () => {
    const doc = page(dist, '/techniques/T1003.001/');
    expect(text(doc.querySelector('#used-by-enterprise .used-by-count'))).toMatch(/^75 users: 42 groups, 7 campaigns, 26 software\./);
    expect(text(doc.querySelector('#used-by-enterprise-title'))).toBe('Used by in ATT&CK Enterprise 18.1');
  });
});

describe('APT29 on the default site', () => {
  let doc: HTMLElement;
  beforeAll(() => {
    doc = page(dist, '/groups/G0016/');
  });

  it('lists its aliases, its campaigns and its software, and its 119 techniques of 18.1', () => {
    const facts = factsOf(doc);
    expect(facts['Also known as']!.querySelectorAll('li').map(text)).toEqual(expect.arrayContaining(['Cozy Bear', 'Midnight Blizzard', 'NOBELIUM']));
    expect(linksOf(facts['Campaigns'])).toEqual([
      ['Operation Ghost', '/campaigns/C0023/'],
      ['SolarWinds Compromise', '/campaigns/C0024/'],
    ]);
    expect(linksOf(facts['Software'])).toEqual(
      expect.arrayContaining([
        ['Mimikatz', '/software/S0002/'],
        ['Cobalt Strike', '/software/S0154/'],
      ]),
    );
    expect(doc.querySelectorAll('#enterprise-techniques tbody tr')).toHaveLength(119);
    expect(text(doc.querySelector('#enterprise-software-techniques-title'))).toMatch(/, 249 in all$/);
    expect(doc.querySelector('a.threat-profile')!.getAttribute('href')).toBe('/coverage/?t=G0016');
  });

  it('shows a parent it does not use, holding sub-techniques it does, as a container, not as an uncovered technique', () => {
    const cells = cellsOf(doc, '#enterprise-matrix');
    // APT29 uses T1595.002, not T1595.
    const parent = cells.get('T1595')!;
    expect(parent.getAttribute('class')).toBe('mx-container');
    expect(text(parent.querySelector(':scope > a'))).toContain('(not used itself: the parent of used sub-techniques)');
    expect(text(parent.querySelector(':scope > a'))).not.toContain('not mapped');
    expect(text(cells.get('T1595.002')!)).toContain('(not mapped)');
    expect(cells.get('T1595.002')!.getAttribute('class')).toBeUndefined();
    // A parent it uses is a plain cell; the legend says what a container is.
    expect(cells.get('T1078')!.getAttribute('class')).not.toBe('mx-container');
    expect(doc.querySelectorAll('#enterprise-matrix .matrix-legend li').map(text)).toContain('not used itself, only its sub-techniques');
  });
});

describe('routes', () => {
  it('/groups/ is the ATT&CK groups, apart from the capability groups of /frameworks/<framework>/groups/', () => {
    const groups = page(dist, '/groups/');
    expect(text(groups.querySelector('h1'))).toBe('Groups');
    expect(tableOf(groups.querySelector('table')!).rows.map((r) => text(r.cells['ID']))).toContain('G0016');
    expect(text(page(dist, '/frameworks/nist_800_53/groups/ac/').querySelector('h1'))).toBe('AC Access Control');
    expect(existsSync(path.join(dist, 'groups/ac'))).toBe(false);
    expect(existsSync(path.join(dist, 'frameworks/nist_800_53/groups/G0016'))).toBe(false);
  });

  it('set and capability matrices do not mark containers', () => {
    expect(page(dist, '/sets/nist_800_53-rev5_attack-8.2-enterprise/').querySelectorAll('.matrix li.mx-container')).toHaveLength(0);
  });
});
