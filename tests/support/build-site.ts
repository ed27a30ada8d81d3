/** Build a site for a test into a fresh temporary folder (scripts/site-check/build-site.ts does the work). */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSiteInto, type BuiltSite, type SiteOptions } from '../../scripts/site-check/build-site.ts';

export type { BuiltSite };

export async function buildSite(options: SiteOptions & { label?: string } = {}): Promise<BuiltSite> {
  const work = await mkdtemp(path.join(tmpdir(), `mapscope-${options.label ?? 'site'}-`));
  return buildSiteInto(work, options);
}
