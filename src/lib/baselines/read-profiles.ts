/** Finding and reading OSCAL profiles given as files or folders, into baseline files (npm run baselines). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataProblem } from '../ingest/problems.ts';
import { listInputFiles } from '../ingest/read-inputs.ts';
import type { BaselineFile } from '../model/schema.ts';
import { toBaselineFile, type BaselineNaming } from './baseline-naming.ts';
import { readOscalProfile } from './oscal-profile.ts';

/** A baseline made from a profile, and the name of the profile's file in messages. */
export interface ImportedBaseline {
  file: string;
  baseline: BaselineFile;
}

/** Whether a JSON text is an OSCAL catalog (its top-level object is "catalog"). */
function isOscalCatalog(text: string): boolean {
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === 'object' && data !== null && 'catalog' in data;
  } catch {
    return false;
  }
}

/**
 * Read every profile (*.json) of the paths (folders recursively); problems of all files are
 * collected. An OSCAL catalog found in a folder (NIST publishes catalogs beside the baselines) is
 * skipped and named in `skipped`; a catalog given by name is an error.
 */
export async function readProfiles(paths: readonly string[], naming: BaselineNaming = {}): Promise<{ imported: ImportedBaseline[]; problems: DataProblem[]; skipped: string[] }> {
  const listed = await listInputFiles(paths);
  const files = listed.files.filter((f) => f.path.toLowerCase().endsWith('.json'));
  const problems = [...listed.problems];
  if (files.length === 0 && problems.length === 0) {
    problems.push({ location: { file: paths.join(', ') }, expected: 'at least one OSCAL profile (*.json)', found: 'none' });
  }
  const imported: ImportedBaseline[] = [];
  const skipped: string[] = [];
  const named = new Set(paths.map((p) => path.resolve(p)));
  for (const file of files) {
    const text = await readFile(file.path, 'utf8');
    if (!named.has(file.path) && isOscalCatalog(text)) {
      skipped.push(file.name);
      continue;
    }
    const read = readOscalProfile(file.name, text);
    problems.push(...read.problems);
    if (!read.profile) continue;
    const baseline = toBaselineFile(read.profile, file.name, path.basename(file.path), naming);
    problems.push(...baseline.problems);
    if (baseline.baseline) imported.push({ file: file.name, baseline: baseline.baseline });
  }
  const profiles = files.length - skipped.length;
  if (naming.id !== undefined && profiles > 1) {
    problems.unshift({ location: { file: paths.join(', ') }, field: '--id', expected: 'one profile (--id names one baseline)', found: `${profiles} profiles` });
  }
  const seen = new Map<string, string>();
  for (const { file, baseline } of imported) {
    const first = seen.get(baseline.id);
    if (first) problems.push({ location: { file, pointer: '/profile/metadata/title' }, field: 'title', expected: `a baseline other than ${first}'s`, found: `the id ${baseline.id} again` });
    else seen.set(baseline.id, file);
  }
  return { imported, problems, skipped };
}
