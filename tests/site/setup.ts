/** Global setup of `npm test`: build the default site once (into a temporary folder) for the site tests. */
import type { TestProject } from 'vitest/node';
import { buildSite, type BuiltSite } from '../support/build-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    defaultSite: BuiltSite;
  }
}

export default async function setup(project: TestProject) {
  project.provide('defaultSite', await buildSite({ label: 'default' }));
}
