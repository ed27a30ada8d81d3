/**
 * Global setup of the browser tests: build the default site and a full-size site from the
 * synthetic corpus (long tables, search at scale), and serve both locally.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { writeCorpus } from '../../scripts/generate-corpus.ts';
import { buildSite } from '../support/build-site.ts';
import { fixture } from '../support/paths.ts';
import { serveStatic } from '../../scripts/site-check/static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    siteDist: string;
    largeSiteUrl: string;
    largeSiteDist: string;
    hostileSiteUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const corpus = path.join(await mkdtemp(path.join(tmpdir(), 'mapscope-e2e-corpus-')), 'corpus');
  await writeCorpus(corpus);
  const [site, large, hostile] = await Promise.all([
    buildSite({ label: 'e2e' }),
    buildSite({ label: 'e2e-large', data: [corpus] }),
    buildSite({ label: 'e2e-hostile', data: [fixture('hostile')] }),
  ]);
  const servers = await Promise.all([site, large, hostile].map((s) => serveStatic(s.dist, s.base)));
  project.provide('siteUrl', servers[0]!.url);
  project.provide('siteDist', site.dist);
  project.provide('largeSiteUrl', servers[1]!.url);
  project.provide('largeSiteDist', large.dist);
  project.provide('hostileSiteUrl', servers[2]!.url);
  return async () => {
    await Promise.all(servers.map((s) => s.close()));
  };
}
