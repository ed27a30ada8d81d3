/**
 * npm run baselines -- PATH... [--out DIR] [--id ID] [--framework ID] [--version V]
 * Imports OSCAL 1.x JSON profiles (files or folders, such as NIST's SP 800-53 baselines from
 * usnistgov/oscal-content) as control baselines, one file per baseline in data/baselines/: the
 * ids of the controls each selects and its title, never NIST's control text. A baseline already
 * in the folder is replaced. On any problem nothing is written: the files are written beside the
 * old under names of this run's own and renamed into place once all are written, while this run
 * holds the folder's lock (src/lib/io/output-lock.ts; a second import at once is refused).
 */
import { mkdir } from 'node:fs/promises';
import { lockOutput } from '../src/lib/io/output-lock.ts';
import { writing } from '../src/lib/io/write-errors.ts';
import path from 'node:path';
import { baselineFilePath, baselineToJson } from '../src/lib/baselines/baseline-file.ts';
import { readProfiles } from '../src/lib/baselines/read-profiles.ts';
import { writeFilesAtomically } from '../src/lib/io/atomic-files.ts';
import { formatProblems } from '../src/lib/ingest/problems.ts';
import { isMain, parseCommand, runCommand, type ParsedCommand } from './cli.ts';

/** Run the import with command-line arguments; the exit status. */
export async function importBaselines(argv: string[]): Promise<number> {
  const parsed = parseCommand('baselines', argv);
  if ('status' in parsed) return parsed.status;
  const out = path.resolve(parsed.values.baselinesOut);
  const lock = await lockOutput(out, 'npm run baselines');
  try {
    return await importInto(out, parsed);
  } finally {
    await lock.release();
  }
}

/** Import the profiles into the baselines folder `out`, whose lock this run holds. */
async function importInto(out: string, parsed: ParsedCommand<'baselines'>): Promise<number> {
  const { baselineId: id, framework, frameworkVersion: version } = parsed.values;
  const { imported, problems, skipped } = await readProfiles(parsed.positionals, { id, framework, version });
  for (const file of skipped) console.log(`${file}: an OSCAL catalog, not a profile: skipped`);
  if (problems.length) {
    console.error(formatProblems(problems));
    console.error('Nothing was written; the baselines are unchanged.');
    return 1;
  }
  imported.sort((a, b) => a.baseline.id.localeCompare(b.baseline.id));
  await writing(out, () => mkdir(out, { recursive: true }));
  // A failed write leaves the folder as it was.
  const writes = imported.map(({ baseline }) => ({ path: baselineFilePath(out, baseline.id), content: baselineToJson(baseline) }));
  await writeFilesAtomically(writes);
  for (const [i, { file, baseline }] of imported.entries()) {
    const shown = path.relative(process.cwd(), writes[i]!.path) || writes[i]!.path;
    console.log(`${file}: ${baseline.title}${baseline.version ? ` (version ${baseline.version})` : ''}: ${baseline.controls.length} controls and enhancements`);
    console.log(`  -> ${shown}: ${baseline.id} (${baseline.frameworkId} ${baseline.frameworkVersion})`);
  }
  return 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = await runCommand(() => importBaselines(process.argv.slice(2)), 'Nothing was written; the baselines are unchanged.');
}
