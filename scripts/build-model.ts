/**
 * npm run data -- [--data PATH ...] [--out DIR] [--strict]
 * Reads mapping files (data/ by default, or MAPSCOPE_DATA=path:path, or --data), validates and
 * normalizes them, and writes generated/model.json. On any error it lists them, writes
 * nothing and exits 1, leaving the previous model as it was. Warnings (what was mended) are
 * summarized by kind and kept in the model; --strict (or MAPSCOPE_STRICT=1) makes them errors.
 */
import { parseArgs } from 'node:util';
import { formatProblem, formatProblems, formatWarningSummary } from '../src/lib/ingest/problems.ts';
import { maxInputSize } from '../src/lib/io/input-file.ts';
import { generatedDir, writeModel } from '../src/lib/model/model-store.ts';
import { runPipeline } from '../src/lib/ingest/pipeline.ts';
import path from 'node:path';
import type { Model } from '../src/lib/model/schema.ts';
import { plural } from '../src/lib/core/id-breaks.ts';
import { isMain } from './cli.ts';

const USAGE = `usage: npm run data -- [--data PATH ...] [--attack PATH ...] [--out DIR] [--strict]
  --data PATH    a mapping file or folder (*.json, *.csv, read recursively); repeatable.
                 Default: $MAPSCOPE_DATA (paths separated by ":"), else data/
  --attack PATH  ATT&CK STIX bundles as MITRE publishes them (files or folders): technique
                 descriptions, and ATT&CK versions the catalog (data/attack/) lacks; repeatable.
                 Default: $MAPSCOPE_ATTACK (paths separated by ":"), else none
  --out DIR      where to write model.json. Default: $MAPSCOPE_GENERATED, else generated/
  --strict       treat every warning as an error (also: MAPSCOPE_STRICT=1)`;

/** True when MAPSCOPE_STRICT asks for strict mode ("1", "true", "yes"). */
export function strictFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes|on)$/i.test((env['MAPSCOPE_STRICT'] ?? '').trim());
}

/** Run the data step with command-line arguments; the exit status, and the model and its folder when written. */
export async function dataStep(argv: string[]): Promise<{ status: number; model?: Model; dir?: string; strict?: boolean }> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        data: { type: 'string', multiple: true },
        attack: { type: 'string', multiple: true },
        out: { type: 'string' },
        strict: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return { status: 2 };
  }
  if (args.help) {
    console.log(USAGE);
    return { status: 0 };
  }
  const fromEnv = (name: string) => (process.env[name] ?? '').split(':').filter((p) => p.trim() !== '');
  const paths = args.data?.length ? args.data : fromEnv('MAPSCOPE_DATA').length ? fromEnv('MAPSCOPE_DATA') : ['data'];
  const attack = args.attack?.length ? args.attack : fromEnv('MAPSCOPE_ATTACK');
  const out = args.out ? generatedDir({ MAPSCOPE_GENERATED: args.out }) : generatedDir();

  const limit = maxInputSize();
  if ('problem' in limit) {
    console.error(formatProblem(limit.problem));
    return { status: 2 };
  }
  const strict = args.strict === true || strictFromEnv();
  const started = performance.now();
  const result = await runPipeline(paths, { strict, attack });
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
  const warningCount = m.warnings.reduce((n, w) => n + w.occurrences.length, 0);
  console.log(
    `Model: ${m.sets.length} sets, ${m.mappings.length} mappings, ${m.nonMappables.length} non-mappable, ${m.duplicates.length} duplicates dropped, ${plural(warningCount, 'warning')}, ${m.techniques.length} techniques, ${m.capabilities.length} capabilities from ${result.files.length} files in ${seconds} s -> ${path.relative(process.cwd(), file) || file}`,
  );
  return { status: 0, model: result.model, dir: out, strict };
}

if (isMain(import.meta.url)) {
  process.exitCode = (await dataStep(process.argv.slice(2))).status;
}
