import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { checkLinks } from '../../scripts/site-check/links.ts';
import { sharedSite, type BuiltSite } from '../support/build-site.ts';
import { page, tableOf, text } from '../support/html.ts';
import { fixture } from '../support/paths.ts';

const V1 = 'acme_shield-v1_attack-16.1-enterprise';
const V2 = 'acme_shield-v2_attack-17.1-enterprise';
const V2_LATER = 'acme_shield-v2_attack-18.1-enterprise';

describe('comparisons in the default site (one set per framework)', () => {
  const { dist } = inject('defaultSite');

  it('has the compare index, which says there is nothing to compare, and no comparison links elsewhere', () => {
    const index = page(dist, '/compare/');
    expect(text(index.querySelector('h1'))).toBe('Compare mapping sets');
    expect(text(index.querySelector('main'))).toContain('No framework has more than one set');
    expect(page(dist, '/frameworks/nist_800_53/').querySelector('#comparisons-title')).toBeNull();
    expect(page(dist, '/sets/nist_800_53-rev5_attack-8.2-enterprise/').querySelector('#comparisons-title')).toBeNull();
  });
});

describe('comparisons of three releases (tests/fixtures/compare)', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await sharedSite({ data: [fixture('compare')] });
  });

  it('builds a page per consecutive pair, none for the others', async () => {
    const doc = page(site.dist, `/compare/${V1}/${V2}/`);
    expect(text(doc.querySelector('h1'))).toBe('acme_shield v1 @ 16.1 → v2 @ 17.1');
    expect(page(site.dist, `/compare/${V2}/${V2_LATER}/`).querySelector('h1')).not.toBeNull();
    await expect(readFile(path.join(site.dist, `compare/${V1}/${V2_LATER}/index.html`))).rejects.toThrow();
  });

  it('shows the counts, the two sets linked, and added, removed and changed rows linked to their pages', () => {
    const doc = page(site.dist, `/compare/${V1}/${V2}/`);
    const main = doc.querySelector('main')!;
    expect(text(main.querySelector('.stats'))).toContain('+5 added -5 removed ~1 changed');
    const links = main.querySelectorAll('a').map((a) => a.getAttribute('href'));
    expect(links).toEqual(expect.arrayContaining([`/sets/${V1}/`, `/sets/${V2}/`, `/downloads/compare_${V1}__${V2}.csv`]));
    const added = tableOf(doc.querySelector('#added table')!);
    expect(added.rows.length).toBe(5);
    const newRow = added.rows.find((r) => text(r.cells['Capability']) === 'NEW-3')!;
    expect(newRow.cells['Capability']!.querySelector('a')!.getAttribute('href')).toBe('/frameworks/acme_shield/capabilities/new-3/');
    expect(newRow.cells['Technique']!.querySelector('a')!.getAttribute('href')).toBe('/techniques/T1176/');
    const removed = tableOf(doc.querySelector('#removed table')!);
    expect(removed.rows.map((r) => text(r.cells['Capability']))).toEqual(['azure_sentinel', 'azure_sentinel', 'azure_sentinel', 'DL-2', 'OLD-9']);
    const changed = tableOf(doc.querySelector('#changed table')!);
    expect(changed.rows.map((r) => [text(r.cells['Capability']), text(r.cells['Field']), text(r.cells['Old']), text(r.cells['New'])])).toEqual([
      ['AC-01', 'Score', 'partial', '→ significant'],
      ['AC-01', 'Notes', 'Blocks scans at the edge.', '→ Blocks scans everywhere.'],
    ]);
  });

  it('flags the revoked technique as the same defence under a new id, and suggests the renamed capability', () => {
    const doc = page(site.dist, `/compare/${V1}/${V2}/`);
    const flags = tableOf(doc.querySelector('#techniques table')!);
    const revoked = flags.rows.find((r) => text(r.cells['Technique']) === 'T1574.002')!;
    expect(text(revoked.cells['Flag'])).toBe('revoked');
    expect(text(revoked.cells['Note'])).toContain('Revoked by T1574.001; DL-2: the same defence under a new id');
    const renames = tableOf(doc.querySelector('#renames table')!);
    expect(renames.rows.map((r) => [text(r.cells['Older']), text(r.cells['Newer'])])).toEqual([['azure_sentinel', 'microsoft_sentinel']]);
  });

  it('offers the comparison as CSV, one row per difference, formulas guarded', async () => {
    const csv = await readFile(path.join(site.dist, 'downloads', `compare_${V1}__${V2}.csv`), 'utf8');
    const rows = Papa.parse<Record<string, string>>(csv.trim(), { header: true }).data;
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r['kind'] === 'added')).toHaveLength(5);
    expect(rows.filter((r) => r['kind'] === 'removed')).toHaveLength(5);
    expect(rows.filter((r) => r['kind'] === 'changed').map((r) => r['field'])).toEqual(['score_value', 'comments']);
    // No cell starts a formula (tests/lib/compare/diff-sets.test.ts checks the guard on such a cell).
    expect(csv).not.toMatch(/(^|,)[=+@]/m);
  });

  it('offers it as an Excel workbook, YAML and a STIX 2.1 bundle too, made in the browser beside the prebuilt CSV', async () => {
    const doc = page(site.dist, `/compare/${V1}/${V2}/`);
    // Not prebuilt (MAPSCOPE_PREBUILD=current): buttons that the browser makes each file with, hidden without JavaScript.
    const made = doc.querySelectorAll('made-download');
    expect(made.map((m) => [m.getAttribute('data-format'), m.getAttribute('data-file'), m.getAttribute('data-compare'), text(m)])).toEqual([
      ['xlsx', `compare_${V1}__${V2}.xlsx`, `${V1} ${V2}`, '· Excel workbook (16 rows)'],
      ['yaml', `compare_${V1}__${V2}.yaml`, `${V1} ${V2}`, '· YAML (16 rows)'],
      ['stix', `compare_${V1}__${V2}_stix.json`, `${V1} ${V2}`, '· STIX 2.1 bundle (16 rows)'],
    ]);
    for (const m of made) {
      expect(m.querySelector('span')!.hasAttribute('hidden')).toBe(true);
      expect(m.querySelector('button.compare-other')!.getAttribute('type')).toBe('button');
      await expect(readFile(path.join(site.dist, 'downloads', m.getAttribute('data-file')!))).rejects.toThrow();
    }
    expect(doc.querySelectorAll('a.compare-other')).toHaveLength(0);
    const csv = Papa.parse<string[]>((await readFile(path.join(site.dist, 'downloads', `compare_${V1}__${V2}.csv`), 'utf8')).trim()).data;
    // The note counts the CSV's rows, which every format holds.
    expect(csv.length - 1).toBe(16);
    // A noscript's markup is text to the parser.
    expect(text(doc.querySelector('main noscript')).replace(/<[^>]+>/g, '')).toBe(
      "The Excel workbook, YAML and STIX 2.1 bundle files of this comparison are made in the browser, from the two sets' JSON files; the CSV above is prebuilt.",
    );
    // What the browser cannot read from the sets' files: the technique flags (the ATT&CK catalog's).
    const flags = JSON.parse(doc.querySelector('[data-technique-flags]')!.getAttribute('data-technique-flags')!) as { techniqueId: string; kind: string }[];
    expect(flags).toContainEqual(expect.objectContaining({ techniqueId: 'T1574.002', kind: 'revoked' }));
    expect(csv.filter((r) => r[0]!.startsWith('technique_'))).toHaveLength(flags.length);
    expect(doc.querySelector('.download-status')!.getAttribute('role')).toBe('status');
  });

  it("a superseded set's page makes its YAML, STIX and Excel files in the browser, and links the current set, which has them prebuilt", async () => {
    const doc = page(site.dist, `/sets/${V2}/`);
    const table = tableOf(doc.querySelector('section.downloads table')!);
    const row = table.rows[0]!;
    // CSV, JSON and the layer stay prebuilt, with their sizes.
    expect(text(row.cells['CSV'])).toMatch(/^CSV \(\d+(\.\d)? (B|KB)\)$/);
    expect(row.cells['CSV']!.querySelector('a')!.getAttribute('href')).toBe(`/downloads/${V2}.csv`);
    const made = doc.querySelectorAll('section.downloads made-download');
    expect(made.map((m) => [m.getAttribute('data-format'), m.getAttribute('data-file'), m.getAttribute('data-set'), text(m)])).toEqual([
      ['xlsx', `${V2}.xlsx`, V2, 'Excel (7 mappings)'],
      ['yaml', `${V2}.yaml`, V2, 'YAML (7 mappings)'],
      ['stix', `${V2}_stix.json`, V2, 'STIX (7 mappings)'],
    ]);
    for (const m of made) {
      expect(m.querySelector('button')!.hasAttribute('hidden')).toBe(true);
      expect(m.querySelector('a')).toBeNull();
      expect(existsSync(path.join(site.dist, 'downloads', m.getAttribute('data-file')!))).toBe(false);
    }
    const noscript = doc.querySelector('section.downloads noscript')!;
    expect(text(noscript).replace(/<[^>]+>/g, '')).toBe(
      `Excel, YAML and STIX files of this superseded set are made in the browser; the current set acme_shield v2 → ATT&CK Enterprise 18.1 has them prebuilt.`,
    );
    expect(noscript.innerHTML).toContain(`href="/sets/${V2_LATER}/"`);

    // The current set: every file prebuilt, with its size; nothing made on click.
    const current = page(site.dist, `/sets/${V2_LATER}/`);
    expect(current.querySelectorAll('made-download')).toHaveLength(0);
    expect(current.querySelector('section.downloads noscript')).toBeNull();
    const yaml = current.querySelectorAll('section.downloads a').find((a) => a.getAttribute('href') === `/downloads/${V2_LATER}.yaml`)!;
    expect(text(yaml)).toMatch(/^YAML \(\d+(\.\d)? KB\)$/);
    expect(existsSync(path.join(site.dist, 'downloads', `${V2_LATER}.yaml`))).toBe(true);
  });

  it("a technique page's menu, without JavaScript, leads to each set's page, superseded ones included, never to a file the build did not write", () => {
    const doc = page(site.dist, '/techniques/T1046/');
    const hrefs = doc.querySelectorAll('.whole-sets a').map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(expect.arrayContaining([`/sets/${V1}/#downloads`, `/sets/${V2}/#downloads`, `/sets/${V2_LATER}/#downloads`]));
    const files = doc.querySelectorAll('a[href^="/downloads/"]').map((a) => a.getAttribute('href')!);
    for (const file of files) expect(existsSync(path.join(site.dist, file)), file).toBe(true);
    expect(files.some((f) => f.endsWith(`${V1}.yaml`))).toBe(false);
  });

  it('links each set to its comparisons, and the framework and index to all of them', async () => {
    const set = page(site.dist, `/sets/${V2}/`);
    const items = set.querySelectorAll('.comparisons li');
    expect(items.map(text)).toEqual(['Compared with v1 @ 16.1 (older): +5 / -5 / ~1', 'Compared with v2 @ 18.1 (newer): +1 / -0 / ~0']);
    expect(items.map((li) => li.querySelector('a')!.getAttribute('href'))).toEqual([`/compare/${V1}/${V2}/`, `/compare/${V2}/${V2_LATER}/`]);
    const framework = page(site.dist, '/frameworks/acme_shield/');
    expect(framework.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(
      expect.arrayContaining([`/compare/${V1}/${V2}/`, `/compare/${V2}/${V2_LATER}/`, '/compare/']),
    );
    const index = page(site.dist, '/compare/');
    const table = tableOf(index.querySelector('#framework-acme_shield table')!);
    expect(table.rows.map((r) => [text(r.cells['Added']), text(r.cells['Removed']), text(r.cells['Changed'])])).toEqual([
      ['1', '0', '0'],
      ['5', '5', '1'],
    ]);
    const picker = index.querySelector('compare-picker')!;
    expect(picker.querySelector('form')!.hasAttribute('hidden')).toBe(true);
    expect(picker.querySelectorAll('select[name="a"] option').map((o) => o.getAttribute('value'))).toEqual([V2_LATER, V2, V1]);
    expect(Object.keys(JSON.parse(picker.getAttribute('data-static')!))).toEqual([`${V2} ${V2_LATER}`, `${V1} ${V2}`]);
    expect(text(index.querySelector('noscript'))).toContain('needs JavaScript');
    // Only /compare/ loads the picker: one script beyond the layout's.
    const layoutScripts = new Set(set.querySelectorAll('script').map((s) => s.getAttribute('src')));
    const own = index
      .querySelectorAll('script')
      .map((s) => s.getAttribute('src'))
      .filter((src) => !layoutScripts.has(src));
    expect(own).toHaveLength(1);
    expect(own[0]).toMatch(/^\/_astro\/[\w.-]+\.js$/);
    const report = await checkLinks(site.dist, '/');
    expect(report.problems).toEqual([]);
  });
});
