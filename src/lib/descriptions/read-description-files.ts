/**
 * Description files from the paths a user gives (files, or folders searched for
 * `*_descriptions.json` and YAML files), each read by parseDescriptionFile. Files are named as
 * the mapping files are (read-inputs.ts, inputName): relative to the working directory when
 * inside it, else under the given folder's own name ("mappings/KEV/..."), so that paths of the
 * build machine never reach the site. The name keeps the folders that can tell the framework.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isDescriptionFileName, parseDescriptionFile, type DescriptionEntry, type DescriptionFile } from './description-files.ts';
import { descriptionWarning, quoteFound, type DescriptionWarning } from './description-warnings.ts';

export interface DescriptionInputs {
  files: DescriptionFile[];
  /** Every file's entries, in path order. */
  entries: DescriptionEntry[];
  warnings: DescriptionWarning[];
}

function fileName(file: string, root: string, cwd: string): string {
  const posix = (p: string) => p.split(path.sep).join('/');
  const relative = path.relative(cwd, file);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return posix(relative);
  return file === root ? path.basename(file) : posix(path.join(path.basename(root), path.relative(root, file)));
}

async function walk(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const item of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) found.push(...(await walk(full)));
    else if (item.isFile() && isDescriptionFileName(item.name)) found.push(full);
  }
  return found;
}

/** Read every description file under the given paths. */
export async function readDescriptionFiles(inputs: readonly string[], cwd = process.cwd()): Promise<DescriptionInputs> {
  const files: DescriptionFile[] = [];
  const warnings: DescriptionWarning[] = [];
  for (const input of inputs) {
    const root = path.resolve(input);
    const label = (file: string) => fileName(file, root, cwd);
    let paths: string[];
    try {
      paths = (await stat(root)).isDirectory() ? await walk(root) : [root];
    } catch (error) {
      warnings.push(descriptionWarning('description-file-unreadable', { file: input, pointer: '' }, { framework: null, field: '(file)', found: quoteFound(error instanceof Error ? error.message : String(error), 200), action: 'skipped the path' }));
      continue;
    }
    for (const file of paths) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        warnings.push(descriptionWarning('description-file-unreadable', { file: label(file), pointer: '' }, { framework: null, field: '(file)', found: quoteFound(error instanceof Error ? error.message : String(error), 200), action: 'skipped the file' }));
        continue;
      }
      const parsed = parseDescriptionFile(label(file), text, file);
      files.push(parsed);
      warnings.push(...parsed.warnings);
    }
  }
  return { files, entries: files.flatMap((f) => f.entries), warnings };
}
