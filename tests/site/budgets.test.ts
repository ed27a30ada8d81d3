import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, inject, it } from 'vitest';
import { gzipSize, listFiles } from '../../scripts/site-check/files.ts';

// Budgets of the default site, checked on every build: they fail when the site gets heavy.
const { dist } = inject('defaultSite');

describe('budgets of the default site', () => {
  it('every HTML page is under 20 KB gzip, a page with an ATT&CK matrix under 60 KB', async () => {
    const pages = (await listFiles(dist)).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(30);
    let matrices = 0;
    for (const page of pages) {
      const withMatrix = (await readFile(page, 'utf8')).includes('class="matrix"');
      if (withMatrix) matrices++;
      expect(await gzipSize(page), path.relative(dist, page)).toBeLessThan(withMatrix ? 60_000 : 20_000);
    }
    // Both set pages, and the capability and group pages, carry one.
    expect(matrices).toBeGreaterThanOrEqual(2);
  });

  it('all CSS together is under 10 KB gzip', async () => {
    const css = (await listFiles(dist)).filter((f) => f.endsWith('.css'));
    const total = (await Promise.all(css.map(gzipSize))).reduce((a, b) => a + b, 0);
    expect(css.length).toBeGreaterThan(0);
    expect(total).toBeLessThan(10_000);
  });

  it('pages load one small enhancement script; search code and index only on demand', async () => {
    const pages = (await listFiles(dist)).filter((f) => f.endsWith('.html'));
    // Two pages are features of their own and load their code too: the coverage builder and the
    // comparison picker. No other page loads it.
    const featurePages = new Set(['coverage/index.html', 'compare/index.html']);
    const everyPage = new Map<string, number>();
    for (const page of pages) {
      const doc = parse(await readFile(page, 'utf8'));
      const srcs = doc.querySelectorAll('script').map((s) => s.getAttribute('src')!);
      const relative = path.relative(dist, page);
      expect(srcs, relative).toHaveLength(featurePages.has(relative) ? 2 : 1);
      for (const src of srcs) everyPage.set(src, (everyPage.get(src) ?? 0) + 1);
      // Nothing preloads the search code or index.
      expect(doc.querySelectorAll('link[rel="modulepreload"], link[rel="preload"], link[rel="prefetch"]')).toEqual([]);
    }
    const scripts = new Set([...everyPage].filter(([, count]) => count === pages.length).map(([src]) => src));
    expect(scripts.size).toBe(1);
    expect(everyPage.size).toBe(1 + featurePages.size);
    const [enhance] = [...scripts];
    expect(enhance).not.toMatch(/search/);
    expect(await gzipSize(path.join(dist, enhance!))).toBeLessThan(5_000);
    const text = await readFile(path.join(dist, enhance!), 'utf8');
    expect(text).not.toContain('fuse');
    expect(text).toMatch(/import\(["'`][^"'`]*search-ui/);
  });
});
