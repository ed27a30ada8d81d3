/** Finding and reading OSCAL profiles given as files or folders, into baseline files (npm run baselines). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataProblem } from '../errors.ts';
import { listInputFiles } from '../read-inputs.ts';
import type { BaselineFile } from '../schema.ts';
import { toBaselineFile, type BaselineNaming } from './baseline-naming.ts';
import { readOscalProfile } from './oscal-profile.ts';

/** A baseline made from a profile, and the name of the profile's file in messages. */
export interface ImportedBaseline {
  file: string;
  baseline: BaselineFile;
}

/** Read every profile (*.json) of the paths (folders recursively); problems of all files are collected. */
export async function readProfiles(paths: readonly string[], naming: BaselineNaming = {}): Promise<{ imported: ImportedBaseline[]; problems: DataProblem[] }> {
  const listed = await listInputFiles(paths);
  const files = listed.files.filter((f) => f.path.toLowerCase().endsWith('.json'));
  const problems = [...listed.problems];
  if (files.length === 0 && problems.length === 0) {
    problems.push({ location: { file: paths.join(', ') }, expected: 'at least one OSCAL profile (*.json)', found: 'none' });
  }
  if (naming.id !== undefined && files.length > 1) {
    problems.push({ location: { file: paths.join(', ') }, field: '--id', expected: 'one profile (--id names one baseline)', found: `${files.length} profiles` });
  }
  const imported: ImportedBaseline[] = [];
  for (const file of files) {
    const read = readOscalProfile(file.name, await readFile(file.path, 'utf8'));
    problems.push(...read.problems);
    if (!read.profile) continue;
    const named = toBaselineFile(read.profile, file.name, path.basename(file.path), naming);
    problems.push(...named.problems);
    if (named.baseline) imported.push({ file: file.name, baseline: named.baseline });
  }
  const seen = new Map<string, string>();
  for (const { file, baseline } of imported) {
    const first = seen.get(baseline.id);
    if (first) problems.push({ location: { file, pointer: '/profile/metadata/title' }, field: 'title', expected: `a baseline other than ${first}'s`, found: `the id ${baseline.id} again` });
    else seen.set(baseline.id, file);
  }
  return { imported, problems };
}
