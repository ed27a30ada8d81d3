/** Paths shared by the tests. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
export const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

/** Whether the tests run in CI (CI=true, as CI services and .ci/run set it; CI=false or CI=0 mean no). */
export const inCi = () => !['', '0', 'false'].includes((process.env['CI'] ?? '').toLowerCase());

/**
 * A file or folder of ../shared (next to the repository: the ATT&CK bundles, NIST's OSCAL files
 * and the STIX schemas, which the project does not copy): the one way a test reads outside the
 * repository. Tests that read it say so in their name and skip where it is missing (`it.skipIf(!path)`;
 * this says which file is missing, once), except in CI, where a missing ../shared is an error.
 */
const missing = new Set<string>();
export function shared(...parts: string[]): string | null {
  const full = path.resolve(ROOT, '..', 'shared', ...parts);
  if (existsSync(full)) return full;
  if (inCi()) throw new Error(`This test needs ${full} (../shared next to the repository), which CI provides; it is missing.`);
  if (!missing.has(full)) console.warn(`Skipping the tests that need ${full} (../shared next to the repository): it is missing.`);
  missing.add(full);
  return null;
}
