/**
 * Which page of each kind to photograph, chosen from the built site itself so that the choice
 * works on any data: the heaviest page of a kind (most rows, longest tables), the set with the
 * biggest matrix, a coverage selection and a search query that exist in this site's data.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { emptySelection, selectionQuery, type CoverageData } from '../../src/lib/coverage/coverage.ts';
import { listFiles } from '../site-check/files.ts';

/** What the page's own scripts must have done before it is photographed. */
export type Readiness = 'static' | 'coverage' | 'search';

export interface PickedPage {
  /** The page kind, the first part of the file names. */
  kind: string;
  /** The page's address below the site's base, e.g. "sets/x/" or "coverage/?b=...". */
  path: string;
  readiness: Readiness;
  /** Why this page was chosen, for the log. */
  why: string;
}

/** The page kinds in the order they are photographed. */
export const PAGE_KINDS = [
  'home', 'technique', 'capability', 'group', 'set', 'tactic', 'attack-group', 'attack-campaign', 'attack-software', 'mitigation', 'coverage', 'compare', 'data-quality', 'search',
] as const;

/** The base path a site was built for, read from its home page (its stylesheet sits in <base>_astro/). */
export async function siteBase(dist: string): Promise<string> {
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  const found = /\b(?:href|src)="([^"]*?)_astro\//.exec(html);
  return found?.[1] || '/';
}

interface PageFile {
  /** Address below the base, ending in "/". */
  path: string;
  file: string;
  bytes: number;
}

/** The pages whose address matches `pattern` (applied to the path below the base, e.g. "techniques/T1046/"). */
function pagesLike(pages: PageFile[], pattern: RegExp): PageFile[] {
  return pages.filter((p) => pattern.test(p.path));
}

const heaviest = (pages: PageFile[]) => pages.reduce<PageFile | undefined>((best, p) => (!best || p.bytes > best.bytes ? p : best), undefined);

/** The number of cells in a set page's matrix (the techniques listed between the matrix and the end of its section). */
function matrixCells(html: string): number {
  const start = html.indexOf('class="matrix"');
  if (start < 0) return 0;
  const end = html.indexOf('</section>', start);
  return html.slice(start, end < 0 ? undefined : end).split('<code>').length - 1;
}

/** A coverage selection that exists in this site: a baseline (a moderate one if any) and the most mapped capability of another framework. */
export function coverageSelection(data: CoverageData): { query: string; why: string } {
  const selection = emptySelection();
  const mappings = (c: number) => data.capabilities[c]![6].reduce((n, [, , m]) => n + m.length, 0);
  const byMappings = data.capabilities.map((_, c) => c).sort((a, b) => mappings(b) - mappings(a) || a - b);
  const baselines = data.baselines.map((_, b) => b).filter((b) => data.baselines[b]!.caps.length > 0);
  const moderate = baselines.filter((b) => /moderate/i.test(data.baselines[b]!.id));
  // The last moderate baseline by id is the newest revision (rev4 < rev5).
  const baseline = moderate.sort((a, b) => data.baselines[a]!.id.localeCompare(data.baselines[b]!.id)).at(-1) ?? baselines.sort((a, b) => data.baselines[b]!.caps.length - data.baselines[a]!.caps.length)[0];
  if (baseline !== undefined) {
    selection.baselines.add(baseline);
    const other = byMappings.find((c) => data.capabilities[c]![0] !== data.baselines[baseline]!.f);
    if (other !== undefined) selection.capabilities.add(other);
  } else {
    for (const c of byMappings.slice(0, 3)) selection.capabilities.add(c);
  }
  const query = selectionQuery(data, selection);
  return { query, why: baseline !== undefined ? 'a baseline and the most mapped capability of another framework' : 'the three most mapped capabilities' };
}

/** A search query with results in any site: the name of the heaviest technique page's technique. */
function searchQuery(techniqueHtml: string): string | undefined {
  const h1 = parse(techniqueHtml).querySelector('h1');
  if (!h1) return undefined;
  h1.querySelector('.id')?.remove();
  return h1.textContent.replace(/\s+/g, ' ').trim() || undefined;
}

/** One page of each kind that this site has, with why it was chosen; `missing` names the kinds it has none of. */
export async function pickPages(dist: string): Promise<{ pages: PickedPage[]; missing: string[] }> {
  const root = path.resolve(dist);
  const files = (await listFiles(root)).filter((f) => f.endsWith(`${path.sep}index.html`));
  const pages: PageFile[] = await Promise.all(
    files.map(async (file) => ({
      path: path.relative(root, path.dirname(file)).split(path.sep).filter(Boolean).map((s) => `${s}/`).join(''),
      file,
      bytes: (await stat(file)).size,
    })),
  );
  const picked: PickedPage[] = [];
  const add = (kind: string, page: PageFile | undefined, why: string, readiness: Readiness = 'static', query = '') => {
    if (page) picked.push({ kind, path: `${page.path}${query}`, readiness, why });
  };

  add('home', pages.find((p) => p.path === ''), 'the home page');
  const technique = heaviest(pagesLike(pages, /^techniques\/[^/]+\/$/));
  add('technique', technique, 'the heaviest technique page');
  add('capability', heaviest(pagesLike(pages, /^frameworks\/[^/]+\/capabilities\/[^/]+\/$/)), 'the heaviest capability page');
  add('group', heaviest(pagesLike(pages, /^frameworks\/[^/]+\/groups\/[^/]+\/$/)), 'the heaviest capability group page');
  const sets = await Promise.all(pagesLike(pages, /^sets\/[^/]+\/$/).map(async (p) => ({ page: p, cells: matrixCells(await readFile(p.file, 'utf8')) })));
  const set = sets.sort((a, b) => b.cells - a.cells || b.page.bytes - a.page.bytes)[0];
  add('set', set?.page, `the set with the biggest matrix (${set?.cells ?? 0} cells)`);
  add('tactic', heaviest(pagesLike(pages, /^tactics\/[^/]+\/$/)), 'the heaviest tactic page');
  add('attack-group', heaviest(pagesLike(pages, /^groups\/[^/]+\/$/)), 'the heaviest ATT&CK group page');
  add('attack-campaign', heaviest(pagesLike(pages, /^campaigns\/[^/]+\/$/)), 'the heaviest ATT&CK campaign page');
  add('attack-software', heaviest(pagesLike(pages, /^software\/[^/]+\/$/)), 'the heaviest ATT&CK software page');
  add('mitigation', heaviest(pagesLike(pages, /^mitigations\/[^/]+\/$/)), 'the heaviest ATT&CK mitigation page');

  const coverage = pages.find((p) => p.path === 'coverage/');
  const coverageJson = path.join(root, 'coverage', 'data.json');
  if (coverage && existsSync(coverageJson)) {
    const { query, why } = coverageSelection(JSON.parse(await readFile(coverageJson, 'utf8')) as CoverageData);
    add('coverage', coverage, why, 'coverage', query);
  }

  const comparison = heaviest(pagesLike(pages, /^compare\/[^/]+\/[^/]+\/$/));
  if (comparison) add('compare', comparison, 'the heaviest comparison page');
  else add('compare', pages.find((p) => p.path === 'compare/'), 'the comparison picker (this site has no comparison pages)');
  add('data-quality', pages.find((p) => p.path === 'data-quality/'), 'the data quality page');

  const query = technique && searchQuery(await readFile(technique.file, 'utf8'));
  if (query) add('search', pages.find((p) => p.path === 'search/'), `a search for the heaviest technique's name`, 'search', `?q=${encodeURIComponent(query)}`);

  const found = new Set(picked.map((p) => p.kind));
  return { pages: picked, missing: PAGE_KINDS.filter((k) => !found.has(k)) };
}
