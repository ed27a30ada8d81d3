/** Paths shared by the tests. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
export const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

/**
 * A file or folder of ../shared (next to the repository: the ATT&CK bundles, NIST's OSCAL files
 * and the STIX schemas, which the project does not copy). Tests that read it say so in their name
 * and run in CI (.ci/run has ../shared); where it is missing they are skipped, except in CI, where
 * a missing ../shared is an error rather than a silent skip.
 */
export function shared(...parts: string[]): string | null {
  const full = path.resolve(ROOT, '..', 'shared', ...parts);
  if (existsSync(full)) return full;
  if (process.env['CI']) throw new Error(`This test needs ${full} (../shared next to the repository), which CI provides; it is missing.`);
  return null;
}
