/** Global setup of the site tests: build the default site (once per run, shared: tests/support/build-site.ts) before the test files run. */
import type { TestProject } from 'vitest/node';
import { sharedSite, type BuiltSite } from '../support/build-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    defaultSite: BuiltSite;
  }
}

export default async function setup(project: TestProject) {
  project.provide('defaultSite', await sharedSite());
}
