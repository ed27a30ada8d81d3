/**
 * npm run data -- [--data PATH ...] [--out DIR]
 * Reads mapping files (data/ by default, or MAPSCOPE_DATA=path:path, or --data), validates and
 * normalizes them, and writes generated/model.json. On any problem it lists them, writes
 * nothing and exits 1, leaving the previous model as it was.
 */
import { parseArgs } from 'node:util';
import { formatProblems } from '../src/lib/errors.ts';
import { generatedDir, writeModel } from '../src/lib/model-store.ts';
import { runPipeline } from '../src/lib/pipeline.ts';
import path from 'node:path';
import type { Model } from '../src/lib/schema.ts';
import { isMain } from './cli.ts';

const USAGE = `usage: npm run data -- [--data PATH ...] [--out DIR]
  --data PATH  a mapping file or folder (*.json, *.csv, read recursively); repeatable.
               Default: $MAPSCOPE_DATA (paths separated by ":"), else data/
  --out DIR    where to write model.json. Default: $MAPSCOPE_GENERATED, else generated/`;

/** Run the data step with command-line arguments; the exit status, and the model and its folder when written. */
export async function dataStep(argv: string[]): Promise<{ status: number; model?: Model; dir?: string }> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        data: { type: 'string', multiple: true },
        out: { type: 'string' },
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
  const fromEnv = (process.env['MAPSCOPE_DATA'] ?? '').split(':').filter((p) => p.trim() !== '');
  const paths = args.data?.length ? args.data : fromEnv.length ? fromEnv : ['data'];
  const out = args.out ? generatedDir({ MAPSCOPE_GENERATED: args.out }) : generatedDir();

  const started = performance.now();
  const result = await runPipeline(paths);
  if (!result.model) {
    console.error(formatProblems(result.problems));
    console.error('Nothing was written; the previous model is unchanged.');
    return { status: 1 };
  }
  for (const line of result.summary) {
    console.log(
      `${line.setId}: ${line.mappings} mappings, ${line.nonMappable} non-mappable, ${line.duplicates} duplicates dropped (${line.objects} objects read)`,
    );
  }
  const shownNotices = result.notices.slice(0, 20);
  for (const notice of shownNotices) console.log(`note: ${notice}`);
  if (result.notices.length > shownNotices.length) {
    console.log(`note: ... and ${result.notices.length - shownNotices.length} more notes`);
  }
  const file = await writeModel(out, result.model);
  const m = result.model;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `Model: ${m.sets.length} sets, ${m.mappings.length} mappings, ${m.nonMappables.length} non-mappable, ${m.duplicates.length} duplicates dropped, ${m.techniques.length} techniques, ${m.capabilities.length} capabilities from ${result.files.length} files in ${seconds} s -> ${path.relative(process.cwd(), file) || file}`,
  );
  return { status: 0, model: result.model, dir: out };
}

if (isMain(import.meta.url)) {
  process.exitCode = (await dataStep(process.argv.slice(2))).status;
}
