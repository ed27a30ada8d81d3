/**
 * Description files from the paths a user gives (files, or folders searched for
 * `*_descriptions.json` and YAML files), each read by parseDescriptionFile. Files are found and
 * read as the mapping files are (read-inputs.ts, io/input-file.ts: regular files only, links
 * followed once, a bound on the bytes read) and named as they are (inputName): relative to the
 * working directory when inside it, else under the given folder's own name ("mappings/KEV/..."),
 * so that paths of the build machine never reach the site. The name keeps the folders that can
 * tell the framework. A file that cannot be read is a warning, and skipped.
 */
import path from 'node:path';
import { inputName, listInputFiles } from '../ingest/read-inputs.ts';
import { InputBudget, maxInputSize, readInputText, type InputLimit } from '../io/input-file.ts';
import type { DataProblem } from '../ingest/problems.ts';
import { isDescriptionFileName, parseDescriptionFile, type DescriptionEntry, type DescriptionFile } from './description-files.ts';
import { descriptionWarning, quoteFound, type DescriptionWarning } from './description-warnings.ts';

export interface DescriptionInputs {
  files: DescriptionFile[];
  /** Every file's entries, in path order. */
  entries: DescriptionEntry[];
  warnings: DescriptionWarning[];
}

/** Read every description file under the given paths. */
export async function readDescriptionFiles(inputs: readonly string[], cwd = process.cwd(), limit: InputLimit = maxInputSize()): Promise<DescriptionInputs> {
  const files: DescriptionFile[] = [];
  const warnings: DescriptionWarning[] = [];
  const unreadable = (file: string, problem: DataProblem, action: string) =>
    descriptionWarning(
      'description-file-unreadable',
      { file, pointer: '' },
      { framework: null, field: '(file)', found: quoteFound(problem.found ?? problem.expected, 200), action },
    );
  if ('problem' in limit) return { files, entries: [], warnings: [unreadable(limit.problem.location.file, limit.problem, 'read no description file')] };
  const budget = new InputBudget(limit.bytes);
  for (const input of inputs) {
    const listed = await listInputFiles([input], { found: isDescriptionFileName, cwd });
    // A problem names the path as given; the warning, like the pages, by its name.
    for (const problem of listed.problems) {
      const full = path.resolve(problem.location.file);
      warnings.push(unreadable(inputName(full, input, cwd), problem, full === path.resolve(input) ? 'skipped the path' : 'skipped the file'));
    }
    for (const file of listed.files) {
      const read = await readInputText(file, { budget });
      if ('problem' in read) {
        warnings.push(unreadable(file.name, read.problem, 'skipped the file'));
        continue;
      }
      const parsed = parseDescriptionFile(file.name, read.text, file.path);
      files.push(parsed);
      warnings.push(...parsed.warnings);
    }
  }
  return { files, entries: files.flatMap((f) => f.entries), warnings };
}
