import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../../scripts/site-check/links.ts';
import { sharedSite, type BuiltSite } from '../support/build-site.ts';
import { page, tableOf, text } from '../support/html.ts';
import { fixture } from '../support/paths.ts';

// A site built from an invented set and the hand-made ATT&CK bundles given at build time
// (npm run build -- --attack PATH), with an empty catalog folder: descriptions, tactic pages,
// the matrix and the gaps all come from the bundles.
let site: BuiltSite;

beforeAll(async () => {
  const catalog = await mkdtemp(path.join(tmpdir(), 'mapscope-catalog-'));
  site = await sharedSite({ data: [fixture('attack', 'mappings')], attack: [fixture('attack', 'bundles')], catalog });
});

describe('technique pages with bundles given', () => {
  it("render the description's markdown safely, with its citations as numbered sources", () => {
    const doc = page(site.dist, '/techniques/T1903/');
    const description = doc.querySelector('section.description')!;
    expect(text(description.querySelector('p'))).toBe('Adversaries may peek through keyholes with keyhole.exe --peek and care.[1]');
    expect(description.querySelector('code')!.text).toBe('keyhole.exe --peek');
    expect(description.querySelectorAll('script, img, svg, iframe')).toEqual([]);
    expect(text(description)).toContain("<script>alert('xss-desc')</script>");
    expect(text(description)).toContain("[a bad link](javascript:alert('xss-desc-link'))");
    expect(description.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual([
      '#source-T1903-1',
      'https://docs.example.org/keyhole',
      '#source-T1903-1',
      '#source-T1903-2',
      'https://reports.example.org/keyhole-report',
      'https://reports.example.org/lock-study',
    ]);
    expect(description.querySelectorAll('ol.sources li').map((li) => li.getAttribute('id'))).toEqual(['source-T1903-1', 'source-T1903-2']);
    expect(text(description)).toContain('Description from ATT&CK Enterprise 2.0.');
    expect(text(description)).toContain('Placeholders like <username> stay text.');
  });

  it('say when a technique was revoked, and link what replaces it', () => {
    const doc = page(site.dist, '/techniques/T1904/');
    const notice = doc.querySelector('.notice')!;
    expect(text(notice)).toBe('Revoked in ATT&CK Enterprise 2.0, replaced by T1903.');
    expect(notice.querySelector('a')!.getAttribute('href')).toBe('/techniques/T1903/');
    // Its rows say so too.
    expect(text(doc.querySelector('#table-demo td.sets'))).toContain('T1904 revoked in ATT&CK Enterprise 2.0, replaced by T1903');
  });

  it('link their tactics, and list their names by ATT&CK version', () => {
    const doc = page(site.dist, '/techniques/T1902/');
    const facts = Object.fromEntries(doc.querySelectorAll('dl.facts dt').map((dt) => [text(dt), dt.nextElementSibling!]));
    expect(facts['Tactic']!.querySelector('a')!.getAttribute('href')).toBe('/tactics/TA0902/');
    expect(facts['Names']!.querySelectorAll('li').map(text)).toEqual(['Count Rooms ATT&CK 1.0', 'Count the Rooms ATT&CK 2.0']);
    expect(text(facts['A gap in'])).toBe('demo 1 @ 2.0');
  });
});

describe('capability pages', () => {
  it("show what the capability covers under every tactic, with the counts, and link the set's full matrix", () => {
    const doc = page(site.dist, '/frameworks/demo/capabilities/c-1/');
    const matrix = doc.querySelector('#matrix')!;
    expect(matrix.querySelectorAll('.mx-col h3').map(text)).toEqual(['First Steps 2 of 3 covered', 'Looking Around 0 of 2 covered', 'Leaving 0 of 2 covered']);
    // Covered cells only: T1901, and of its sub-techniques the covered one.
    expect(matrix.querySelectorAll('li > a code').map(text)).toEqual(['T1901', 'T1901.001']);
    expect(text(matrix.querySelector('details summary'))).toBe('1 of 2 sub-techniques of T1901 covered');
    // One capability: a cell is mapped or not, with no count of capabilities; only the unmapped say so.
    expect(text(matrix.querySelector('li > a'))).toBe('T1901 Knock on Doors');
    expect(text(matrix.querySelector('.matrix-summary'))).toContain('Each technique is mapped unless marked “not mapped”.');
    expect(matrix.querySelectorAll('.matrix-legend li').map(text)).toEqual(['not mapped', 'mapped']);
    const full = matrix.querySelector('.matrix-summary a')!;
    expect(full.getAttribute('href')).toBe('/sets/demo-1_attack-2.0-enterprise/#matrix');
    expect(text(matrix.querySelector('.matrix-summary'))).toMatch(/^2 of 6 techniques and sub-techniques of ATT&CK Enterprise 2.0 covered by C-1\./);
  });
});

describe('tactic pages', () => {
  it("list the tactic's techniques with the capabilities of each framework mapped to them", () => {
    const doc = page(site.dist, '/tactics/TA0901/');
    expect(text(doc.querySelector('h1'))).toBe('TA0901 First Steps');
    const table = tableOf(doc.querySelector('main table')!);
    expect(table.headers).toEqual(['ID', 'Name', 'demo']);
    expect(table.rows.map((r) => [text(r.cells['ID']), text(r.cells['demo'])])).toEqual([
      ['T1901', '2'],
      ['T1901.001', '1'],
      ['T1901.002', '–'],
    ]);
    expect(
      page(site.dist, '/tactics/')
        .querySelectorAll('main a')
        .map((a) => a.getAttribute('href')),
    ).toEqual(expect.arrayContaining(['/tactics/TA0901/', '/tactics/TA0902/', '/tactics/TA0903/']));
    // Name and id read apart, as copied text too ("Initial AccessTA0001" once).
    const tactic = page(site.dist, '/tactics/').querySelector('main li:has(a[href="/tactics/TA0901/"])')!;
    expect(tactic.textContent).toMatch(/^\S.* TA0901 · \d+ techniques?$/);
    expect(page(site.dist, '/techniques/').querySelector('nav.by-tactic a[href="/tactics/TA0903/"]')).not.toBeNull();
  });
});

describe('set pages', () => {
  const doc = () => page(site.dist, '/sets/demo-1_attack-2.0-enterprise/');

  it("show the matrix of the set's version: tactics in order with counts, each cell linked and saying its coverage", () => {
    const matrix = doc().querySelector('#matrix')!;
    expect(matrix.querySelectorAll('.mx-col h3').map(text)).toEqual(['First Steps 2 of 3 covered', 'Looking Around 1 of 2 covered', 'Leaving 1 of 2 covered']);
    const cell = matrix.querySelector('.matrix li a')!;
    // The count is shown once, the word after it for screen readers: no hidden second copy of the number.
    expect(text(cell)).toBe('T1901 Knock on Doors2 capabilities');
    expect(text(cell.querySelector('.cov'))).toBe('2 capabilities');
    expect(cell.querySelector('.cov')!.hasAttribute('aria-hidden')).toBe(false);
    expect(text(cell.querySelector('.cov .sr'))).toBe('capabilities');
    expect(cell.getAttribute('href')).toBe('/techniques/T1901/');
    expect(text(matrix.querySelector('.matrix details summary'))).toBe('1 of 2 sub-techniques of T1901 covered');
    expect(text(matrix.querySelector('.matrix-summary'))).toMatch(/^3 of 6 techniques and sub-techniques of ATT&CK Enterprise 2.0 covered by demo 1\./);
  });

  it('show every technique of the version, the uncovered ones too', () => {
    const ids = doc().querySelectorAll('#matrix li > a code').map(text);
    expect(ids).toEqual(['T1901', 'T1901.001', 'T1901.002', 'T1902', 'T1903', 'T1906', 'T1903']);
  });

  it('say which mapped technique the matrix has no cell for, why, and link its warning', () => {
    // The set maps T1904, which its ATT&CK version revoked: counted among the set's techniques,
    // not among the matrix's covered cells. The page says so instead of leaving two counts apart.
    const stats = doc().querySelectorAll('ul.stats li').map(text);
    expect(stats).toContain('4 techniques');
    const note = doc().querySelector('#matrix .matrix-unplaced')!;
    expect(text(note)).toBe(
      'One mapped technique has no cell in this matrix, so it is not counted above: T1904 (revoked in ATT&CK Enterprise 2.0, replaced by T1903; see the warning).',
    );
    const links = note.querySelectorAll('a').map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/techniques/T1904/', '/techniques/T1903/', '/data-quality/#demo-1_attack-2.0-enterprise-technique-revoked']);
    const warnings = page(site.dist, '/data-quality/').querySelector('[id="demo-1_attack-2.0-enterprise-technique-revoked"]')!;
    expect(text(warnings)).toMatch(/^Techniques revoked in their set's ATT&CK version/);
  });

  it('list the gaps and offer them as a CSV', () => {
    const gaps = tableOf(doc().querySelector('#gaps table')!);
    expect(gaps.rows.map((r) => [text(r.cells['ID']), text(r.cells['Listed as'])])).toEqual([
      ['T1901.002', ''],
      ['T1902', 'non-mappable'],
      ['T1906', ''],
    ]);
    expect(doc().querySelector('a[href="/downloads/demo-1_attack-2.0-enterprise_gaps.csv"]')).not.toBeNull();
  });

  it('link only to pages and fragments that exist', async () => {
    const report = await checkLinks(site.dist, '/');
    expect(report.problems).toEqual([]);
  });
});
