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
import { serveStatic } from '../support/static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    siteDist: string;
    largeSiteUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const corpus = path.join(await mkdtemp(path.join(tmpdir(), 'mapscope-e2e-corpus-')), 'corpus');
  await writeCorpus(corpus);
  const [site, large] = await Promise.all([
    buildSite({ label: 'e2e' }),
    buildSite({ label: 'e2e-large', data: [corpus] }),
  ]);
  const server = await serveStatic(site.dist, site.base);
  const largeServer = await serveStatic(large.dist, large.base);
  project.provide('siteUrl', server.url);
  project.provide('siteDist', site.dist);
  project.provide('largeSiteUrl', largeServer.url);
  return async () => {
    await server.close();
    await largeServer.close();
  };
}
