/**
 * npm run data -- [--data PATH ...] [--attack PATH ...] [--out DIR] [--strict] (flags and variables:
 * src/lib/config/settings.ts, docs/configuration.md)
 * Reads mapping files (data/ by default, or MAPSCOPE_DATA=path:path, or --data), validates and
 * normalizes them, and writes generated/model.json. On any error it lists them, writes
 * nothing and exits 1, leaving the previous model as it was. Warnings (what was mended) are
 * summarized by kind and kept in the model; --strict (or MAPSCOPE_STRICT=1) makes them errors.
 */
import { formatImportWarning, formatProblem, formatProblems, formatWarningSummary } from '../src/lib/ingest/problems.ts';
import { maxInputSize } from '../src/lib/io/input-file.ts';
import { writeModel } from '../src/lib/model/model-store.ts';
import { warningTotal } from '../src/lib/model/warnings.ts';
import { runPipeline } from '../src/lib/ingest/pipeline.ts';
import path from 'node:path';
import type { Model } from '../src/lib/model/schema.ts';
import { plural } from '../src/lib/core/id-breaks.ts';
import { isMain, parseCommand } from './cli.ts';

/** Run the data step with command-line arguments; the exit status, and the model and its folder when written. */
export async function dataStep(argv: string[], command: 'data' | 'build' = 'data'): Promise<{ status: number; model?: Model; dir?: string; strict?: boolean }> {
  // The build takes the data step's flags; its help and errors say npm run build.
  const parsed = command === 'build' ? parseCommand('build', argv) : parseCommand('data', argv);
  if ('status' in parsed) return parsed;
  const { data: paths, attack, generated, strict } = parsed.values;
  const out = path.resolve(generated);

  const limit = maxInputSize();
  if ('problem' in limit) {
    console.error(formatProblem(limit.problem));
    return { status: 2 };
  }
  const started = performance.now();
  const result = await runPipeline(paths, { strict, attack });
  for (const warning of result.attackWarnings ?? []) console.error(formatImportWarning(warning));
  if (!result.model) {
    console.error(formatProblems(result.problems));
    if (strict && result.warnings.length) console.error('(--strict: warnings count as errors.)');
    console.error('Nothing was written; the previous model is unchanged.');
    return { status: 1 };
  }
  for (const line of result.summary) {
    const notScored = line.notScored ? ` (${line.notScored} not scored)` : '';
    const warnings = line.warnings ? `, ${plural(line.warnings, 'warning')}` : '';
    console.log(
      `${line.setId}: ${line.mappings} mappings${notScored}, ${line.nonMappable} non-mappable, ${line.duplicates} duplicates dropped${warnings} (${line.objects} objects read)`,
    );
  }
  for (const line of formatWarningSummary(result.warnings)) console.log(line);
  const file = await writeModel(out, result.model);
  const m = result.model;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const warningCount = warningTotal(m.warnings);
  console.log(
    `Model: ${m.sets.length} sets, ${m.mappings.length} mappings, ${m.nonMappables.length} non-mappable, ${m.duplicates.length} duplicates dropped, ${plural(warningCount, 'warning')}, ${m.techniques.length} techniques, ${m.capabilities.length} capabilities from ${result.files.length} files in ${seconds} s -> ${path.relative(process.cwd(), file) || file}`,
  );
  return { status: 0, model: result.model, dir: out, strict };
}

if (isMain(import.meta.url)) {
  process.exitCode = (await dataStep(process.argv.slice(2))).status;
}
