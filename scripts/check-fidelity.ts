/**
 * npm run fidelity -- [--data PATH ...] [--dist DIR] [--model FILE] [--strict]
 * Compares every row of every download of a built site with the source files it was built from,
 * field by field (scripts/site-check/download-fidelity.ts), and prints the differences by
 * download kind and field; those a warning names (repairs listed on /data-quality/) are counted
 * apart. Each page's all-sets CSV is made from the set files as the browser makes it. Exits 1
 * with --strict when a difference is not warned.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { modelPath, readModel } from '../src/lib/model/model-store.ts';
import type { Model } from '../src/lib/model/schema.ts';
import { listInputFiles } from '../src/lib/ingest/read-inputs.ts';
import type { LoadedSet } from '../src/lib/exports/page-downloads.ts';
import { decodeSetFiles } from '../src/lib/exports/formats/rows-file.ts';
import { csvFormat } from '../src/lib/exports/formats/csv.ts';
import { isMain, parseCommand } from './cli.ts';
import { checkDownloadFidelity, formatFidelityReport, unwarnedDifferences, type FidelityInput, type FidelityReport } from './site-check/download-fidelity.ts';

/** The all-sets CSV of every page that offers one, made from the sets' JSON and rows files. */
export function allSetsFiles(loaded: readonly LoadedSet[]): Map<string, string> {
  const byScope = new Map<string, LoadedSet[]>();
  for (const set of loaded) {
    const scopes = new Set(set.rows.flatMap((r) => (r.mapping ? r.scopes : [])));
    for (const scope of scopes) byScope.set(scope, [...(byScope.get(scope) ?? []), set]);
  }
  const files = new Map<string, string>();
  for (const [scope, sets] of byScope) files.set(`${scope}_all-sets.csv`, csvFormat.scopes.page.write({ scope, sets }));
  return files;
}

export interface SiteFiles {
  /** The mapping files or folders the site was built from. */
  data: readonly string[];
  /** The built site. */
  dist: string;
  /** Its model.json. */
  model: string;
}

/** What the checker compares: a built site's downloads (its pages' all-sets CSV files made as the browser makes them) and its sources. */
export async function readSiteFiles(options: SiteFiles): Promise<FidelityInput> {
  const dir = path.join(options.dist, 'downloads');
  const downloads = new Map<string, string>();
  for (const name of await readdir(dir)) downloads.set(name, await readFile(path.join(dir, name), 'utf8'));
  return fidelityInput(readModel(options.model), options.data, downloads);
}

/** The checker's input from a model, the data it was built from and its download files by name. */
export async function fidelityInput(model: Model, data: readonly string[], files: ReadonlyMap<string, string>): Promise<FidelityInput> {
  const listed = await listInputFiles(data);
  const sources = new Map<string, string>();
  const wanted = new Set(model.sets.flatMap((s) => s.sources));
  for (const file of listed.files) if (wanted.has(file.name)) sources.set(file.name, (await readFile(file.path, 'utf8')).replace(/^\ufeff/, ''));
  const downloads = new Map([...files].filter(([name]) => /(\.csv|\.json)$/.test(name) && !name.startsWith('compare_')));
  const loaded: LoadedSet[] = [];
  for (const set of model.sets) {
    const json = downloads.get(`${set.id}.json`);
    const rows = downloads.get(`${set.id}_rows.json`);
    if (json && rows) loaded.push(decodeSetFiles(JSON.parse(json), JSON.parse(rows)));
  }
  for (const [name, text] of allSetsFiles(loaded)) downloads.set(name, text);
  return { model, sources, downloads };
}

/** Read a built site's downloads and its sources, and compare them. */
export async function checkSite(options: SiteFiles & { examples?: number }): Promise<FidelityReport> {
  return checkDownloadFidelity(await readSiteFiles(options), { examples: options.examples });
}

if (isMain(import.meta.url)) {
  const parsed = parseCommand('fidelity', process.argv.slice(2));
  if ('status' in parsed) process.exitCode = parsed.status;
  else {
    const { values } = parsed;
    const report = await checkSite({
      data: values.data,
      dist: path.resolve(values.out),
      model: values.fidelityModel ? path.resolve(values.fidelityModel) : modelPath(path.resolve(values.generated)),
      examples: values.examples,
    });
    for (const line of formatFidelityReport(report)) console.log(line);
    process.exitCode = values.fidelityStrict && unwarnedDifferences(report) > 0 ? 1 : 0;
  }
}
