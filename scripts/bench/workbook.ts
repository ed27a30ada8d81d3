/**
 * A page's own workbook, made in the browser: on a served site, the capability page with the
 * most mappings, its all-sets Excel link clicked, timed from the click to the file handed over
 * (the download event). The first click also fetches the sets' files and exceljs; later ones
 * make the workbook again from what the page holds, as a user asking twice would.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser } from '../site-check/browser.ts';
import { summarize, type Timing } from './stats.ts';

export interface WorkbookBench {
  route: string;
  mappings: number;
  sets: number;
  /** The first click: set files and exceljs fetched, then the workbook made. */
  first: number;
  /** Each later click. */
  made: Timing;
  bytes: number;
}

/** The capability page whose all-sets file holds the most mappings, from the build's manifest (generated/downloads.json). */
export async function largestCapabilityPage(manifestFile: string): Promise<{ route: string; rows: number; sets: number }> {
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<
    string,
    { setId: string | null; files: { format: string; path: string; scoped?: { rows: number } }[] }[]
  >;
  const pages = Object.entries(manifest)
    .filter(([scope]) => scope.startsWith('capability:'))
    .flatMap(([, groups]) => {
      const file = groups.find((g) => g.setId === null)?.files.find((f) => f.format === 'xlsx');
      // "<framework>_capability-<slug>_all-sets.xlsx" names the page: /frameworks/<framework>/capabilities/<slug>/.
      const named = file && /^(.+?)_capability-(.+)_all-sets\.xlsx$/.exec(file.path);
      return named
        ? [{ route: `frameworks/${named[1]}/capabilities/${named[2]}/`, rows: file.scoped?.rows ?? 0, sets: groups.filter((g) => g.setId !== null).length }]
        : [];
    });
  return pages.sort((a, b) => b.rows - a.rows)[0]!;
}

export async function benchWorkbook(siteUrl: string, route: string, runs: number): Promise<Omit<WorkbookBench, 'mappings' | 'sets'>> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${siteUrl}${route}`);
    const link = page.locator('section.downloads tr[data-all] a', { hasText: 'Excel' });
    const once = async () => {
      const started = await page.evaluate(() => performance.now());
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), link.click()]);
      const ended = await page.evaluate(() => performance.now());
      const file = await download.path();
      return { ms: ended - started, bytes: file ? (await readFile(file)).length : 0 };
    };
    const first = await once();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push((await once()).ms);
    await context.close();
    return { route, first: first.ms, made: summarize(samples), bytes: first.bytes };
  } finally {
    await browser.close();
  }
}

export const manifestOf = (generated: string) => path.join(generated, 'downloads.json');
