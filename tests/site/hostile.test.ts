import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../scripts/site-check/files.ts';
import { checkLinks } from '../../scripts/site-check/links.ts';
import { sharedSite, type BuiltSite } from '../support/build-site.ts';
import { fixture } from '../support/paths.ts';
import { page, text } from '../support/html.ts';

// Mapping files from many hands: text in every field tries to inject markup, ids try to escape
// the site's folders. The built site must show all of it as text and keep every file inside.
let site: BuiltSite;
let pages: { file: string; doc: HTMLElement }[];

beforeAll(async () => {
  site = await sharedSite({ data: [fixture('hostile')] });
  const html = (await listFiles(site.dist)).filter((f) => f.endsWith('.html'));
  pages = await Promise.all(html.map(async (file) => ({ file, doc: parse(await readFile(file, 'utf8')) })));
});

describe('hostile data in the built site', () => {
  it('never becomes markup: no injected scripts, images, SVG, frames or event handlers', () => {
    expect(pages.length).toBeGreaterThan(15);
    for (const { file, doc } of pages) {
      const where = path.relative(site.dist, file);
      for (const script of doc.querySelectorAll('script')) {
        expect(script.getAttribute('src'), where).toMatch(/^\/_astro\/[\w.-]+\.js$/);
        expect(script.text, where).toBe('');
      }
      expect(doc.querySelectorAll('img, svg, iframe, object, embed, b'), where).toEqual([]);
      for (const element of doc.querySelectorAll('*')) {
        for (const name of Object.keys(element.attributes)) expect(name.startsWith('on'), `${where}: ${name}`).toBe(false);
        for (const attribute of ['href', 'src', 'action']) {
          expect(element.getAttribute(attribute) ?? '', where).not.toMatch(/^\s*javascript:/i);
        }
      }
    }
  });

  it('shows the text as it was written', () => {
    const doc = page(site.dist, '/techniques/T1999/');
    const main = text(doc.querySelector('main'));
    expect(main).toContain("<script>alert('xss-script')</script> javascript:alert('xss-js')");
    expect(main).toContain("\"><svg onload=alert('xss-svg')>");
    expect(text(doc.querySelector('h1'))).toBe(`T1999 <img src=x onerror="alert('xss-img')">`);
    const reference = doc.querySelectorAll('ul.refs a').map((a) => a.getAttribute('href'));
    // Quoted and escaped in the attribute: the link goes where the data says, nothing runs.
    expect(reference).toContain('https://example.org/"><script>alert(6)</script>');
    // References of any other scheme are shown as the text they are, never as links.
    expect(doc.querySelectorAll('ul.refs .ref-text').map((e) => e.textContent)).toEqual([
      "javascript:alert('xss-ref')",
      "JaVaScRiPt:alert('xss-ref-case')",
      "data:text/html,<script>alert('xss-data')</script>",
      "chrome-extension://x/javascript:alert('xss-wrapped')",
    ]);
  });

  it('keeps ids with "..", "/", "%", "&", spaces and unicode on safe pages whose links all resolve', async () => {
    const all = await listFiles(site.dist);
    for (const file of all) expect(path.relative(site.dist, file).startsWith('..')).toBe(false);
    expect(await readdir(path.dirname(site.dist))).toEqual(expect.arrayContaining(['dist', 'generated']));
    expect((await readdir(path.dirname(site.dist))).sort()).toEqual(['dist', 'generated']);
    const capabilityDirs = await readdir(path.join(site.dist, 'frameworks/hostile/capabilities'));
    expect(capabilityDirs).toHaveLength(9);
    for (const dir of capabilityDirs) expect(dir).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
    const report = await checkLinks(site.dist, '/');
    expect(report.problems).toEqual([]);
    const passwd = pages.find(({ doc }) => text(doc.querySelector('h1')).startsWith('../../etc/passwd'));
    expect(passwd, 'the "../../etc/passwd" capability has its own page').toBeTruthy();
  });

  it('keeps exports inert too: JSON carries the text as strings', async () => {
    const downloads = await readdir(path.join(site.dist, 'downloads'));
    const setJson = downloads.find(
      (f) => /_attack-16\.1-enterprise\.json$/.test(f) && !f.includes('_T') && !f.includes('_capability') && !f.includes('_group'),
    )!;
    const data = JSON.parse(await readFile(path.join(site.dist, 'downloads', setJson), 'utf8'));
    expect(data.mapping_objects.map((o: { capability_id: string }) => o.capability_id)).toContain('../../etc/passwd');
    expect(data.metadata.author).toBe(`<img src=x onerror="alert('xss-img')">`);
  });
});
