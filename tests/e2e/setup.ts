/** Global setup of the browser tests: build the default site once and serve it. */
import type { TestProject } from 'vitest/node';
import { buildSite } from '../support/build-site.ts';
import { serveStatic } from '../support/static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    siteDist: string;
  }
}

export default async function setup(project: TestProject) {
  const site = await buildSite({ label: 'e2e' });
  const server = await serveStatic(site.dist, site.base);
  project.provide('siteUrl', server.url);
  project.provide('siteDist', site.dist);
  return async () => server.close();
}
