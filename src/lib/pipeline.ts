/**
 * The whole data step as one call: list the input files, read them, build the model.
 * Used by the CLI (scripts/build-model.ts), the tests and the benchmark.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { inputName, listInputFiles, readInputFiles } from './read-inputs.ts';
import { buildModel, type BuildModelResult, type BuildOptions } from './normalize/index.ts';

/**
 * How much input one build reads, in MB: $MAPSCOPE_MAX_INPUT_MB, else 1024. Input is held in
 * memory whole; measured on the 24 GB build machine, 200 MB of CSV (420,000 rows) builds with a
 * 3.1 GB peak, so 1 GB stays well inside it (see README, Limits).
 */
export function maxInputBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env['MAPSCOPE_MAX_INPUT_MB'] || 1024);
  return (Number.isFinite(mb) && mb > 0 ? mb : 1024) * 1024 * 1024;
}

/** Read files and folders into a model, or the list of problems that prevent one. */
export async function runPipeline(paths: readonly string[], options: BuildOptions = {}): Promise<BuildModelResult & { files: string[] }> {
  const listed = await listInputFiles(paths);
  const sizes = await Promise.all(listed.files.map(async (f) => (await stat(f.path)).size));
  const given = paths.map((p) => inputName(path.resolve(p), p));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total > maxInputBytes()) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return {
      model: null,
      problems: [
        {
          location: { file: given.join(', ') },
          expected: `at most ${mb(maxInputBytes())} of input (set MAPSCOPE_MAX_INPUT_MB to change the limit)`,
          found: `${mb(total)} in ${listed.files.length} files`,
        },
      ],
      warnings: [],
      summary: [],
      files: listed.files.map((f) => f.name),
    };
  }
  if (listed.files.length === 0 && listed.problems.length === 0) {
    listed.problems.push({
      location: { file: given.join(', ') || '(no paths)' },
      expected: 'at least one .json or .csv file',
      found: 'none',
    });
  }
  const read = await readInputFiles(listed.files);
  const files = listed.files.map((f) => f.name);
  // Normalize what could be read even when some files failed, so that one run lists every problem.
  const built = buildModel(read.inputs, given, options);
  const problems = [...listed.problems, ...read.problems, ...built.problems];
  if (problems.length) return { model: null, problems, warnings: built.warnings, summary: [], files };
  return { ...built, files };
}
