import { beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../../scripts/site-check/links.ts';
import { sharedSite, type BuiltSite } from '../support/build-site.ts';
import { page } from '../support/html.ts';

// Deployed under a sub-path (a GitHub Pages project site), every link must carry the base.
let site: BuiltSite;
beforeAll(async () => {
  site = await sharedSite({ base: '/mapscope/' });
});

describe('a site built for /mapscope/', () => {
  it('resolves every internal link and fragment under the base', async () => {
    const report = await checkLinks(site.dist, '/mapscope/');
    expect(report.problems).toEqual([]);
    expect(report.links).toBeGreaterThan(500);
  });

  it('never links outside the base', () => {
    for (const path of ['/', '/techniques/T1046/', '/frameworks/nist_800_53/capabilities/ac-4/', '/404.html']) {
      const doc = page(site.dist, path);
      const internal = [
        ...doc.querySelectorAll('a[href]').map((a) => a.getAttribute('href')!),
        ...doc
          .querySelectorAll('link[href], script[src], form[action]')
          .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action')!),
      ].filter((href) => !/^https?:/.test(href) && !href.startsWith('#'));
      expect(internal.length).toBeGreaterThan(5);
      for (const href of internal) expect(href, `${path}: ${href}`).toMatch(/^\/mapscope\//);
    }
  });
});
