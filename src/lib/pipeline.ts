/**
 * The whole data step as one call: list the input files, read them, build the model.
 * Used by the CLI (scripts/build-model.ts), the tests and the benchmark.
 */
import { displayPath, listInputFiles, readInputFiles } from './read-inputs.ts';
import { buildModel, type BuildModelResult } from './normalize.ts';

/** Read files and folders into a model, or the list of problems that prevent one. */
export async function runPipeline(paths: readonly string[]): Promise<BuildModelResult & { files: string[] }> {
  const listed = await listInputFiles(paths);
  if (listed.files.length === 0 && listed.problems.length === 0) {
    listed.problems.push({
      location: { file: paths.join(', ') || '(no paths)' },
      expected: 'at least one .json or .csv file',
      found: 'none',
    });
  }
  const read = await readInputFiles(listed.files);
  const files = listed.files.map((f) => displayPath(f));
  // Normalize what could be read even when some files failed, so that one run lists every problem.
  const built = buildModel(read.inputs, paths.map((p) => displayPath(p)));
  const problems = [...listed.problems, ...read.problems, ...built.problems];
  if (problems.length) return { model: null, problems, notices: built.notices, summary: [], files };
  return { ...built, files };
}
