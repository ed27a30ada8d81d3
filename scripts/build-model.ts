/**
 * npm run data -- [--data PATH ...] [--attack PATH ...] [--descriptions PATH ...] [--out DIR] [--strict] (flags and variables:
 * src/lib/config/settings.ts, docs/configuration.md)
 * Reads mapping files (data/ by default, or MAPSCOPE_DATA=path:path, or --data), validates and
 * normalizes them, and writes generated/model.json. On any error it lists them, writes
 * nothing and exits 1, leaving the previous model as it was. Warnings (what was mended) are
 * summarized by kind and kept in the model; --strict (or MAPSCOPE_STRICT=1) makes them errors.
 * It holds the generated folder's lock meanwhile (src/lib/io/output-lock.ts): a build or another
 * npm run data writing the same folder is refused, and this run is refused while one of them is.
 */
import { formatImportWarning, formatProblems, formatWarningSummary } from '../src/lib/ingest/problems.ts';
import { writeModel } from '../src/lib/model/model-store.ts';
import { warningTotal } from '../src/lib/model/warnings.ts';
import { runPipeline } from '../src/lib/ingest/pipeline.ts';
import path from 'node:path';
import type { Model } from '../src/lib/model/schema.ts';
import { plural } from '../src/lib/core/id-breaks.ts';
import { lockOutput } from '../src/lib/io/output-lock.ts';
import { isMain, parseCommand, runCommand, type ParsedCommand } from './cli.ts';

/** What the data step reads, from the settings of npm run data (or of npm run build, which takes the same flags). */
export type DataSettings = Pick<ParsedCommand<'data'>['values'], 'data' | 'attack' | 'descriptions' | 'strict'>;

/** The model read from the data, with its summary printed; null (and the problems printed) when there were errors. */
export async function readData(values: DataSettings): Promise<{ model: Model; files: number; started: number } | null> {
  const { data: paths, attack, descriptions, strict } = values;
  const started = performance.now();
  const result = await runPipeline(paths, { strict, attack, descriptions });
  for (const warning of result.attackWarnings ?? []) console.error(formatImportWarning(warning));
  if (!result.model) {
    console.error(formatProblems(result.problems));
    if (strict && result.warnings.length) console.error('(--strict: warnings count as errors.)');
    console.error('Nothing was written; the previous model is unchanged.');
    return null;
  }
  for (const line of result.summary) {
    const notScored = line.notScored ? ` (${line.notScored} not scored)` : '';
    const warnings = line.warnings ? `, ${plural(line.warnings, 'warning')}` : '';
    console.log(
      `${line.setId}: ${line.mappings} mappings${notScored}, ${line.nonMappable} non-mappable, ${line.duplicates} duplicates dropped${warnings} (${line.objects} objects read)`,
    );
  }
  for (const line of formatWarningSummary(result.warnings)) console.log(line);
  return { model: result.model, files: result.files.length, started };
}

/** The line that sums a model up, ending with where it goes. */
export function modelLine(m: Model, files: number, started: number, file: string): string {
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const warningCount = warningTotal(m.warnings);
  return `Model: ${m.sets.length} sets, ${m.mappings.length} mappings, ${m.nonMappables.length} non-mappable, ${m.duplicates.length} duplicates dropped, ${plural(warningCount, 'warning')}, ${m.techniques.length} techniques, ${m.capabilities.length} capabilities from ${files} files in ${seconds} s -> ${path.relative(process.cwd(), file) || file}`;
}

/** Run the data step with command-line arguments; the exit status. */
export async function dataStep(argv: string[]): Promise<number> {
  const parsed = parseCommand('data', argv);
  if ('status' in parsed) return parsed.status;
  const out = path.resolve(parsed.values.generated);
  const lock = await lockOutput(out, 'npm run data');
  try {
    const read = await readData(parsed.values);
    if (!read) return 1;
    const file = await writeModel(out, read.model);
    console.log(modelLine(read.model, read.files, read.started, file));
    return 0;
  } finally {
    await lock.release();
  }
}

if (isMain(import.meta.url)) {
  process.exitCode = await runCommand(() => dataStep(process.argv.slice(2)), `Nothing was written; the previous model is unchanged.`);
}
