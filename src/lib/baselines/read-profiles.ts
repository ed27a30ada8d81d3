/** Finding and reading OSCAL profiles given as files or folders, into baseline files (npm run baselines). */
import path from 'node:path';
import { renameProblems, type DataProblem } from '../ingest/problems.ts';
import { InputBudget, maxInputSize, readInputText, type InputLimit } from '../io/input-file.ts';
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
export async function readProfiles(
  paths: readonly string[],
  naming: BaselineNaming = {},
  limit: InputLimit = maxInputSize(),
): Promise<{ imported: ImportedBaseline[]; problems: DataProblem[]; skipped: string[] }> {
  if ('problem' in limit) return { imported: [], problems: [limit.problem], skipped: [] };
  const budget = new InputBudget(limit.bytes);
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
    const read = await readInputText(file, { budget });
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const text = read.text;
    if (!named.has(file.path) && isOscalCatalog(text)) {
      skipped.push(file.name);
      continue;
    }
    const profile = readOscalProfile(file.name, text);
    problems.push(...renameProblems(profile.problems, file.name, file.shown));
    if (!profile.profile) continue;
    const baseline = toBaselineFile(profile.profile, file.name, path.basename(file.path), naming);
    problems.push(...renameProblems(baseline.problems, file.name, file.shown));
    if (baseline.baseline) imported.push({ file: file.name, baseline: baseline.baseline });
  }
  const profiles = files.length - skipped.length;
  if (naming.id !== undefined && profiles > 1) {
    problems.unshift({ location: { file: paths.join(', ') }, field: '--id', expected: 'one profile (--id names one baseline)', found: `${profiles} profiles` });
  }
  const seen = new Map<string, string>();
  for (const { file, baseline } of imported) {
    const first = seen.get(baseline.id);
    if (first)
      problems.push({
        location: { file, pointer: '/profile/metadata/title' },
        field: 'title',
        expected: `a baseline other than ${first}'s`,
        found: `the id ${baseline.id} again`,
      });
    else seen.set(baseline.id, file);
  }
  return { imported, problems, skipped };
}
