/** Global setup of `npm test`: build the default site once (into a temporary folder) for the site tests. */
import type { TestProject } from 'vitest/node';
import { buildSite } from '../support/build-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    defaultSite: { dist: string; generated: string; base: string };
  }
}

export default async function setup(project: TestProject) {
  project.provide('defaultSite', await buildSite({ label: 'default' }));
}
