/**
 * Sites for the tests, built the way `npm run build` does (scripts/site-check/build-site.ts does the work).
 *   sharedSite(options): built once per test run for each fixture and options, however many test
 *     files ask, in whichever worker or project (tests/support/run-cache.ts). Read it, never change it.
 *   copyOfSite(options): a copy of that build of the test's own, to build over or add files to.
 *   buildSite(options): a build of its own in a fresh temporary folder (the browser tests' setup).
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSiteInto, type BuiltSite, type SiteOptions } from '../../scripts/site-check/build-site.ts';
import { ROOT } from './paths.ts';
import { madeOnce, runFolder } from './run-cache.ts';

export type { BuiltSite, SiteOptions };

export async function buildSite(options: SiteOptions & { label?: string } = {}): Promise<BuiltSite> {
  const work = await mkdtemp(path.join(tmpdir(), `mapscope-${options.label ?? 'site'}-`));
  return buildSiteInto(work, options);
}

/** One name per fixture and options, readable: "warnings-<hash>". */
function nameOf(options: SiteOptions): string {
  const data = (options.data ?? [path.join(ROOT, 'data')]).map((p) => path.resolve(p));
  const canonical = {
    data,
    base: options.base ?? '/',
    attack: (options.attack ?? []).map((p) => path.resolve(p)),
    catalog: options.catalog ? path.resolve(options.catalog) : null,
  };
  const hash = createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 12);
  return `site-${data.map((p) => path.basename(p)).join('+')}-${hash}`;
}

/** The site for `options`, built once per test run; do not change its files. */
export function sharedSite(options: SiteOptions = {}): Promise<BuiltSite> {
  return madeOnce(nameOf(options), (folder) => buildSiteInto(folder, options));
}

/** A copy of the shared site for `options`, alone in a folder of its own (dist/ and generated/), to change at will. */
export async function copyOfSite(options: SiteOptions & { label?: string } = {}): Promise<BuiltSite> {
  const site = await sharedSite(options);
  const work = await mkdtemp(path.join(runFolder(), `copy-${options.label ?? 'site'}-`));
  const dist = path.join(work, 'dist');
  const generated = path.join(work, 'generated');
  await Promise.all([cp(site.dist, dist, { recursive: true }), cp(site.generated, generated, { recursive: true })]);
  return { ...site, dist, generated };
}
