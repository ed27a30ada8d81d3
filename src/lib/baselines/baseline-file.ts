/**
 * Baseline files (data/baselines/<id>.json, format mapscope-baseline/1): writing one, validating
 * one, reading a folder of them, and putting the folder's and the inputs' baselines together.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describeValue, problemsFromZod, type DataProblem } from '../ingest/problems.ts';
import { baselineFileSchema, type BaselineFile, type SourceLocation } from '../model/schema.ts';
import { DEFAULT_MAX_INPUT_BYTES, InputBudget, readInputText } from '../io/input-file.ts';
import { jsonSyntaxProblem } from '../io/json-syntax.ts';

export const BASELINE_FORMAT = 'mapscope-baseline/1';

/** The file of a baseline inside a baselines folder. */
export const baselineFilePath = (dir: string, id: string) => path.join(dir, `${id}.json`);

/** A baseline as a file: its fields in the schema's order, one control a line (a changed baseline reads as a small diff). */
export function baselineToJson(input: BaselineFile): string {
  return `${JSON.stringify(baselineFileSchema.parse(input), null, 2)}\n`;
}

/** "controls", 3 -> "/controls/3" (RFC 6901). */
function pointerOf(pathParts: readonly PropertyKey[]): string {
  return pathParts.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Validate a baseline file's text; each problem names the JSON pointer of the value at fault. */
export function parseBaseline(file: string, text: string): { baseline?: BaselineFile; problems: DataProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problems: [jsonSyntaxProblem(file, text, error as Error, 'a baseline file (JSON)')] };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { problems: [{ location: { file }, expected: `a baseline file (an object with "format": "${BASELINE_FORMAT}")`, found: describeValue(data) }] };
  }
  const parsed = baselineFileSchema.safeParse(data);
  if (parsed.success) return { baseline: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.flatMap((issue) => {
      // An issue about an array element names the element, one about a whole field names the field.
      const location: SourceLocation = issue.path.length ? { file, pointer: pointerOf(issue.path) } : { file };
      return problemsFromZod([issue], location, data);
    }),
  };
}

/** A baseline and the name of the file it was read from. */
export interface BaselineSource {
  file: string;
  baseline: BaselineFile;
}

/** Every baseline file (*.json) of a folder, by file name; a folder that does not exist holds none. */
export async function readBaselines(dir: string, name = dir): Promise<{ baselines: BaselineSource[]; problems: DataProblem[] }> {
  const budget = new InputBudget(DEFAULT_MAX_INPUT_BYTES);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && e.name.toLowerCase().endsWith('.json'))
    .map((e) => e.name)
    .sort();
  const baselines: BaselineSource[] = [];
  const problems: DataProblem[] = [];
  for (const fileName of files) {
    const shown = path.posix.join(name.split(path.sep).join('/'), fileName);
    const text = await readInputText({ path: path.join(dir, fileName), shown }, { budget });
    if ('problem' in text) {
      problems.push(text.problem);
      continue;
    }
    const read = parseBaseline(shown, text.text);
    problems.push(...read.problems);
    if (read.baseline) baselines.push({ file: shown, baseline: read.baseline });
  }
  return { baselines, problems };
}

/**
 * The baselines of a build: the folder's, with a baseline among the inputs standing for the
 * folder's of the same id (so data/ given as input reads data/baselines/ once). Two files of
 * one kind with the same id are a problem: which one is meant cannot be told.
 */
export function mergeBaselines(folder: readonly BaselineSource[], inputs: readonly BaselineSource[]): { baselines: BaselineFile[]; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const unique = (list: readonly BaselineSource[]) => {
    const byId = new Map<string, BaselineSource>();
    for (const entry of list) {
      const first = byId.get(entry.baseline.id);
      if (first)
        problems.push({
          location: { file: entry.file, pointer: '/id' },
          field: 'id',
          expected: `an id no other baseline file has (${first.file} has it)`,
          found: JSON.stringify(entry.baseline.id),
        });
      else byId.set(entry.baseline.id, entry);
    }
    return byId;
  };
  const merged = unique(folder);
  for (const [id, entry] of unique(inputs)) merged.set(id, entry);
  return { baselines: [...merged.values()].map((e) => e.baseline), problems };
}
