/**
 * What a reader sees of the ATT&CK matrices: the computed colour of every shade, in light and dark
 * mode, on a set shaded by count, a set shaded by score, a capability page, the coverage
 * builder with a selection and an ATT&CK group's page (full-size corpus). A shaded cell must look different from an
 * unshaded one and from the page, darker shades must mean more coverage (light mode), the legend's
 * swatches must be the colours the cells have, and the text on every shade must pass axe's
 * colour-contrast rule. (Every matrix once shipped unshaded: `.matrix li {background}` outranked
 * the shade classes, and every structural test passed.)
 */
import { createRequire } from 'node:module';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../scripts/site-check/browser.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** sRGB relative luminance of a computed "rgb(r, g, b)" colour. */
function luminance(rgb: string): number {
  const [r, g, b] = rgb
    .match(/\d+(\.\d+)?/g)!
    .slice(0, 3)
    .map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

interface Seen {
  page: string;
  /** Computed background of the first few cells of each shade class (1-4) present, by class. */
  shades: Record<string, string[]>;
  unshaded: string;
  legend: Record<string, string>;
  /** Techniques whose cells (one per tactic they belong to) are not shaded alike. */
  unlike: string[];
}

/** The colours the matrix (the first one on the page) shows, read with getComputedStyle. */
async function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const matrix = document.querySelector('.matrix')!;
    const shades: Record<string, string[]> = {};
    for (const li of matrix.querySelectorAll<HTMLElement>('li[class^="s"]')) {
      const bg = getComputedStyle(li).backgroundColor;
      const seen = (shades[li.className] ??= []);
      if (seen.length < 5) seen.push(bg);
    }
    const plain = [...matrix.querySelectorAll<HTMLElement>('li')].find((li) => !li.className || li.className === 's0');
    const legend: Record<string, string> = {};
    const frame = matrix.closest('.matrix-frame, .coverage-domain') ?? document;
    for (const swatch of frame.querySelectorAll<HTMLElement>('.mx-swatch')) {
      const shade = [...swatch.classList].find((c) => /^s\d$/.test(c));
      // An adversary's matrix also has the swatch of a container (a parent shown for its sub-techniques).
      if (shade) legend[shade] = getComputedStyle(swatch).backgroundColor;
    }
    const byTechnique = new Map<string, Set<string>>();
    for (const li of matrix.querySelectorAll<HTMLElement>('li')) {
      const id = li.querySelector(':scope > a code')?.textContent ?? '';
      if (!byTechnique.has(id)) byTechnique.set(id, new Set());
      byTechnique.get(id)!.add(getComputedStyle(li).backgroundColor);
    }
    const unlike = [...byTechnique].filter(([, colours]) => colours.size > 1).map(([id]) => id);
    return { page: getComputedStyle(document.body).backgroundColor, shades, unshaded: plain ? getComputedStyle(plain).backgroundColor : '', legend, unlike };
  });
}

/** axe's colour-contrast violations inside the matrix. */
async function contrastViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: object, options: object) => Promise<{ violations: { nodes: { target: string[]; failureSummary: string }[] }[] }> };
      }
    ).axe;
    // Laid out in full: the matrix is below the fold, where content-visibility would skip it.
    for (const el of document.querySelectorAll<HTMLElement>('.matrix-scroll')) el.style.contentVisibility = 'visible';
    const results = await axe.run({ include: [['.matrix']] }, { runOnly: ['color-contrast'], resultTypes: ['violations'] });
    return results.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`));
  });
}

/** The largest page of a kind in a built site (the one with the most cells and rows). */
async function largest(dist: string, folder: string, ...contains: RegExp[]): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  let best = { size: -1, name: '' };
  for (const name of await readdir(path.join(dist, folder))) {
    const file = path.join(dist, folder, name, 'index.html');
    const size = (await stat(file).catch(() => null))?.size ?? -1;
    if (size <= best.size) continue;
    const html = contains.length ? await readFile(file, 'utf8') : '';
    if (!contains.every((re) => re.test(html))) continue;
    best = { size, name };
  }
  return `${folder}/${best.name}/`;
}

const large = () => inject('largeSiteUrl');
const dist = () => inject('largeSiteDist');

const PAGES: [string, () => Promise<string>, number, boolean][] = [
  // [what, path, shades it must show at least, has uncovered cells (a covered-only matrix may not)]
  ['a set shaded by the number of capabilities', () => largest(dist(), 'sets', /10 or more capabilities/, /<li class="s4">/, /<li class="s2">/), 3, true],
  ['a set shaded by best score', () => largest(dist(), 'sets', /best score significant/, /<li class="s3">/, /<li class="s1">/), 3, true],
  ['a capability page', async () => 'frameworks/nist_800_53/capabilities/sc-7/', 1, false],
  // The full-size corpus has two frameworks: shades 1 and 2.
  ['the matrix of every framework, shaded by the number of frameworks', async () => 'matrix/', 2, true],
  ['the coverage builder with a selection', async () => 'coverage/?b=nist_800_53-rev5-moderate&c=azure:azure_sentinel&c=aws:amazon_guardduty', 3, true],
  // On the full-size corpus every technique of APT29 is covered: no uncovered cell (the default site's group below has some).
  ["an ATT&CK group's page (APT29: its techniques only, shaded by the capabilities of every framework)", async () => 'groups/G0016/', 2, false],
];

describe.each(['light', 'dark'] as const)('matrix shades in %s mode', (colorScheme) => {
  it.each(PAGES)('%s: covered cells are shaded, distinct from uncovered ones and the page, as the legend says', async (_what, where, minShades, uncovered) => {
    const context = await browser.newContext({ colorScheme, bypassCSP: true, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const url = `${large()}${await where()}`;
    await page.goto(url);
    if (url.includes('/coverage/')) await page.waitForSelector('coverage-builder[data-render-ms] .coverage-domain .matrix li');
    const s = await seen(page);
    const classes = Object.keys(s.shades)
      .filter((c) => c !== 's0')
      .sort();
    expect(classes.length, `${url}: shade classes present`).toBeGreaterThanOrEqual(minShades);
    if (uncovered) expect(s.unshaded, 'an uncovered cell').not.toBe('');
    const colour = (c: string) => s.shades[c]![0]!;
    for (const c of classes) {
      // Every cell of a class has one colour, not the plain cell's, not the page's.
      expect(new Set(s.shades[c]).size, `${c} cells agree`).toBe(1);
      if (uncovered) expect(colour(c), `${c} vs an uncovered cell`).not.toBe(s.unshaded);
      expect(colour(c), `${c} vs the page`).not.toBe(s.page);
      expect(s.legend[c], `the legend's ${c} swatch`).toBe(colour(c));
    }
    // Every shade of the legend (those no cell has too) looks distinct, and unlike "not mapped";
    // in light mode a darker shade means more coverage.
    const legend = Object.keys(s.legend).sort();
    expect(legend.length).toBeGreaterThanOrEqual(minShades + 1);
    expect(new Set(legend.map((c) => s.legend[c])).size).toBe(legend.length);
    if (colorScheme === 'light') {
      const lum = legend.map((c) => luminance(s.legend[c]!));
      for (let i = 1; i < lum.length; i++) expect(lum[i]!, `${legend[i]} darker than ${legend[i - 1]}`).toBeLessThan(lum[i - 1]!);
    }
    // A technique of several tactics (T1557 is Credential Access and Collection) looks the same in each column.
    expect(s.unlike).toEqual([]);
    expect(await contrastViolations(page)).toEqual([]);
    await context.close();
  });
});

describe.each(['light', 'dark'] as const)("an ATT&CK group's matrix on the default site in %s mode", (colorScheme) => {
  it('shades its covered technique unlike its uncovered ones and the page, and shows a parent it does not use, holding sub-techniques it uses, as an unfilled dashed container', async () => {
    const context = await browser.newContext({ colorScheme, bypassCSP: true, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    // APT41: T1046 is covered (the default data maps it), most of its techniques are not.
    await page.goto(`${inject('siteUrl')}groups/G0096/`);
    const look = await page.evaluate(() => {
      const style = (el: Element | null | undefined) => {
        const s = el ? getComputedStyle(el) : null;
        return s ? { background: s.backgroundColor, border: s.borderTopStyle, colour: getComputedStyle(el!.querySelector(':scope > a')!).color } : null;
      };
      const frame = document.querySelector('#enterprise-matrix')!;
      const cells = [...frame.querySelectorAll('.matrix li')];
      const id = (li: Element | undefined) => li?.querySelector(':scope > a code')?.textContent ?? null;
      const covered = cells.find((li) => /^s[1-4]$/.test(li.className));
      const plain = cells.find((li) => !li.className);
      const container = cells.find((li) => li.className === 'mx-container');
      const swatch = (cls: string) => getComputedStyle(frame.querySelector(`.mx-swatch.${cls}`)!);
      return {
        page: getComputedStyle(document.body).backgroundColor,
        covered: { id: id(covered), legend: swatch(covered!.className).backgroundColor, ...style(covered)! },
        plain: style(plain),
        container: {
          id: id(container),
          subs: container!.querySelectorAll('details li').length,
          said: container!.querySelector(':scope > a')!.textContent,
          ...style(container)!,
        },
        containerSwatch: swatch('mx-container').borderTopStyle,
        legend: frame.querySelector('.mx-swatch.mx-container')!.parentElement!.textContent!.trim(),
      };
    });
    expect(look.covered.id).toBe('T1046');
    expect(look.covered.background).not.toBe(look.plain!.background);
    expect(look.covered.background).not.toBe(look.page);
    expect(look.covered.background).toBe(look.covered.legend);
    // The container: dashed where every other cell is solid, unfilled, its name muted, said in words.
    expect(look.container.subs).toBeGreaterThan(0);
    expect(look.container.border).toBe('dashed');
    expect(look.plain!.border).toBe('solid');
    expect(look.covered.border).toBe('solid');
    expect(look.container.background).toBe('rgba(0, 0, 0, 0)');
    expect(look.container.background).not.toBe(look.covered.background);
    expect(look.container.colour).not.toBe(look.plain!.colour);
    expect(look.container.said).toContain('(not used itself: the parent of used sub-techniques)');
    expect(look.containerSwatch).toBe('dashed');
    expect(look.legend).toBe('not used itself, only its sub-techniques');
    expect(await contrastViolations(page)).toEqual([]);
    await context.close();
  });
});
