/**
 * npm run screenshots [-- --dist DIR] [--out DIR] [--url URL] [--max-height PX]
 * PNGs of one page of each kind (scripts/screenshots/pick-pages.ts chooses them from the built
 * site) at 1366 x 900 (desktop) and 390 x 844 (phone), in light and dark colour schemes, for a
 * person to look over. Each is a full-page shot (cut at --max-height, default 12,000 px, which the
 * log says) and a viewport shot: <kind>-<viewport>-<scheme>.png and ...-viewport.png.
 * The site in --dist (default dist/, from npm run build) is served locally, or, with --url, read
 * from a server already serving that same build. Chromium: $CHROMIUM_PATH, else /usr/bin/chromium.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { isMain, parseCommand, synopsis } from './cli.ts';
import { SETTINGS } from '../src/lib/config/settings.ts';
import { launchBrowser } from './site-check/browser.ts';
import { serveStatic } from './site-check/static-server.ts';
import { pickPages, siteBase, type PickedPage, type Readiness } from './screenshots/pick-pages.ts';

export const VIEWPORTS = {
  desktop: { viewport: { width: 1366, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} satisfies Record<string, BrowserContextOptions>;
export const SCHEMES = ['light', 'dark'] as const;
const DEFAULT_MAX_HEIGHT = SETTINGS.maxHeight.default;

export interface ScreenshotOptions {
  dist: string;
  out: string;
  /** A server already serving `dist`; by default the folder is served here. */
  url?: string;
  maxHeight?: number;
  log?: (line: string) => void;
}

/** A problem the user can fix, said without a stack trace. */
export class ScreenshotInputError extends Error {}

/** Wait until what the page's own scripts do is done, and its fonts are in. */
async function ready(page: Page, readiness: Readiness): Promise<void> {
  const undefinedElements = () => page.evaluate(() => [...new Set([...document.querySelectorAll(':not(:defined)')].map((e) => e.localName))]);
  await page
    .waitForFunction(() => !document.querySelector(':not(:defined)'), null, { timeout: 15_000 })
    .catch(async () => {
      throw new Error(`custom elements never defined: ${(await undefinedElements()).join(', ')}`);
    });
  if (readiness === 'coverage') {
    await page.waitForSelector('coverage-builder[data-render-ms]', { timeout: 15_000 });
    if ((await page.locator('.coverage-chosen li').count()) === 0) throw new Error('the coverage builder shows no chosen capability');
  }
  if (readiness === 'search') {
    // Results come twice: names first, then with the mapping notes; wait for the complete ones.
    await page.waitForFunction(
      () => {
        const status = document.querySelector('.search-status')?.textContent ?? '';
        return /^No results/.test(status) || (document.querySelector('.search-results .result-link') !== null && !/still loading/.test(status));
      },
      null,
      { timeout: 20_000 },
    );
    if ((await page.locator('.search-results .result-link').count()) === 0)
      throw new Error(`the search found nothing: ${await page.locator('.search-status').innerText()}`);
  }
  await page.evaluate(async () => {
    // Long tables and matrices skip rendering off screen (content-visibility: auto) and stand in
    // at a guessed height, so the page's height is a guess until they are drawn. Drawn now as a
    // reader scrolling down sees them: on screen, content-visibility: auto is this containment.
    // (The CSSOM is allowed by the page's CSP, a style element would not be.)
    for (const element of document.querySelectorAll<HTMLElement>('*')) {
      if (getComputedStyle(element).contentVisibility !== 'auto') continue;
      element.style.contentVisibility = 'visible';
      element.style.contain = 'layout style paint';
    }
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

interface Shot {
  file: string;
  bytes: number;
  width: number;
  height: number;
  note: string;
  url: string;
}

/** The full-page shot (cut at maxHeight) and the viewport shot of one loaded page. */
async function shoot(page: Page, out: string, name: string, url: string, maxHeight: number): Promise<Shot[]> {
  const { width } = page.viewportSize()!;
  const size = await page.evaluate(() => ({
    height: Math.max(document.documentElement.scrollHeight, document.body.scrollHeight),
    width: document.documentElement.scrollWidth,
  }));
  const notes: string[] = [];
  const height = Math.min(size.height, maxHeight);
  if (size.height > maxHeight) notes.push(`first ${maxHeight} of ${size.height} px`);
  // Always the viewport's width: what spills sideways is cut off as on a screen, and said here.
  if (size.width > width) notes.push(`page is ${size.width} px wide, wider than the ${width} px viewport`);
  const note = notes.length ? ` (${notes.join('; ')})` : '';
  const full = await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width, height }, animations: 'disabled' });
  await page.evaluate(() => window.scrollTo(0, 0));
  const top = await page.screenshot({ animations: 'disabled' });
  const shots: Shot[] = [];
  for (const [file, body, h] of [
    [`${name}.png`, full, height],
    [`${name}-viewport.png`, top, page.viewportSize()!.height],
  ] as const) {
    await writeFile(path.join(out, file), body);
    shots.push({ file: path.join(out, file), bytes: body.length, width, height: h, note: file.endsWith('-viewport.png') ? '' : note, url });
  }
  return shots;
}

/** A file's name as short as it is clear: relative to the current folder when inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

const kilobytes = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en')} KB`;

/** Photograph every picked page at every viewport in both schemes; returns the number of pages that failed. */
export async function takeScreenshots(options: ScreenshotOptions): Promise<number> {
  const log = options.log ?? console.log;
  const dist = path.resolve(options.dist);
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new ScreenshotInputError(
      `No built site in ${dist} (no index.html there). Build it first with npm run build, or name the built folder with --dist DIR.`,
    );
  }
  const maxHeight = options.maxHeight ?? DEFAULT_MAX_HEIGHT;
  if (!Number.isInteger(maxHeight) || maxHeight < 100)
    throw new ScreenshotInputError(`--max-height must be a whole number of pixels, 100 or more; found ${String(options.maxHeight)}.`);
  const out = path.resolve(options.out);
  const { pages, missing } = await pickPages(dist);
  for (const kind of missing) log(`No ${kind} page in this site: skipped.`);
  for (const page of pages) log(`${page.kind}: /${page.path} (${page.why})`);

  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    throw new ScreenshotInputError((error as Error).message);
  }
  const server = options.url ? null : await serveStatic(dist, await siteBase(dist));
  const siteUrl = (options.url ?? server!.url).replace(/\/?$/, '/');
  await mkdir(out, { recursive: true });
  let failures = 0;
  try {
    for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
      for (const colorScheme of SCHEMES) {
        const context = await browser.newContext({ ...viewport, colorScheme, deviceScaleFactor: 1 });
        try {
          for (const picked of pages) failures += await photograph(await context.newPage(), picked, `${picked.kind}-${viewportName}-${colorScheme}`);
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    await server?.close();
  }
  return failures;

  async function photograph(page: Page, picked: PickedPage, name: string): Promise<number> {
    const url = `${siteUrl}${picked.path}`;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      const response = await page.goto(url, { waitUntil: 'networkidle' });
      if (!response?.ok()) throw new Error(`HTTP ${response?.status() ?? 'no response'}`);
      await ready(page, picked.readiness);
      for (const shot of await shoot(page, out, name, url, maxHeight)) {
        log(`${shown(shot.file)}  ${kilobytes(shot.bytes)}  ${shot.width}x${shot.height}${shot.note}  ${shot.url}`);
      }
      for (const error of errors) log(`Warning: ${name}: a script failed on ${url}: ${error}`);
      return 0;
    } catch (error) {
      log(`Error: ${name}: ${url}: ${(error as Error).message.split('\n')[0]}`);
      return 1;
    } finally {
      await page.close();
    }
  }
}

if (isMain(import.meta.url)) {
  const parsed = parseCommand('screenshots', process.argv.slice(2));
  if ('status' in parsed) process.exitCode = parsed.status;
  else {
    const { values } = parsed;
    try {
      const failures = await takeScreenshots({
        dist: values.screenshotsDist,
        out: values.screenshotsOut,
        ...(values.url ? { url: values.url } : {}),
        maxHeight: values.maxHeight,
      });
      if (failures) console.error(`${failures} page shots failed (see the errors above).`);
      process.exitCode = failures ? 1 : 0;
    } catch (error) {
      if (!(error instanceof ScreenshotInputError)) throw error;
      console.error(`Error: ${error.message}`);
      console.error(`Usage: ${synopsis('screenshots')}`);
      process.exitCode = 1;
    }
  }
}
