/**
 * The whole data step as one call: list the input files, read them, build the model.
 * Used by the CLI (scripts/build-model.ts), the tests and the benchmark.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adversaryProseOf, descriptionsOf, readAttackBundles } from '../attack/bundles.ts';
import { addBundle, emptyCatalog, indexCatalog, readCatalogs } from '../attack/catalog.ts';
import { mergeBaselines, readBaselines, type BaselineSource } from '../baselines/baseline-file.ts';
import { renameProblems, type DataProblem, type ImportWarning } from './problems.ts';
import { InputBudget, MAX_INPUT_VARIABLE, maxInputSize, megabytes, shownPath, type InputLimit } from '../io/input-file.ts';
import { inputName, listInputFiles, readInputFiles } from './read-inputs.ts';
import { buildModel, type BuildModelResult } from './normalize/normalize.ts';
import type { AttackData } from './normalize/techniques.ts';
import type { AttackCatalog, BaselineFile } from '../model/schema.ts';
import type { Domain } from '../core/vocabulary.ts';
import { readSetting } from '../config/settings.ts';
import { loadDescriptions } from '../descriptions/load-descriptions.ts';

/** The ATT&CK catalog that ships with Mapscope: data/attack/ (npm run attack writes it). */
export const DEFAULT_CATALOG = fileURLToPath(new URL('../../../data/attack', import.meta.url));

/** The control baselines that ship with Mapscope: data/baselines/ (npm run baselines writes it). */
export const DEFAULT_BASELINES = fileURLToPath(new URL('../../../data/baselines', import.meta.url));

export interface PipelineOptions {
  /** Treat every warning as an error. */
  strict?: boolean;
  /** ATT&CK STIX bundles (files or folders) for descriptions, and for versions the catalog lacks. */
  attack?: readonly string[];
  /** The catalog folder; default $MAPSCOPE_CATALOG, else data/attack/. */
  catalog?: string;
  /** The baselines folder; default $MAPSCOPE_BASELINES, else data/baselines/. */
  baselines?: string;
  /** Capability texts (files or folders): OSCAL catalogs and Mappings Explorer description files. */
  descriptions?: readonly string[];
}

/**
 * ATT&CK as a build knows it: the catalog, with the bundles given merged in (a bundle's version
 * replaces the catalog's), and the bundles' descriptions.
 */
export async function loadAttack(
  options: PipelineOptions,
  inputCatalogs: readonly AttackCatalog[] = [],
  limit: InputLimit = maxInputSize(),
): Promise<{ attack: AttackData; problems: DataProblem[]; warnings: ImportWarning[] }> {
  const dir = options.catalog ?? readSetting('catalog') ?? DEFAULT_CATALOG;
  const read = await readCatalogs(dir, shownPath(dir));
  const problems = [...read.problems];
  const catalogs = new Map<Domain, AttackCatalog>(read.catalogs.map((c) => [c.domain, c]));
  // A catalog among the data files stands for its domain's.
  for (const catalog of inputCatalogs) catalogs.set(catalog.domain, catalog);
  const bundles = options.attack?.length ? await readAttackBundles(options.attack, limit) : { bundles: [], problems: [], warnings: [] };
  problems.push(...bundles.problems);
  for (const bundle of bundles.bundles) catalogs.set(bundle.domain, addBundle(catalogs.get(bundle.domain) ?? emptyCatalog(bundle.domain), bundle));
  return {
    attack: {
      catalogs: new Map([...catalogs].map(([domain, catalog]) => [domain, indexCatalog(catalog)])),
      descriptions: descriptionsOf(bundles.bundles),
      prose: adversaryProseOf(bundles.bundles),
    },
    problems,
    warnings: bundles.warnings,
  };
}

/** The baselines of a build: the baselines folder's, and those among the inputs (which stand for the folder's of the same id). */
export async function loadBaselines(
  options: PipelineOptions,
  inputBaselines: readonly BaselineSource[] = [],
): Promise<{ baselines: BaselineFile[]; problems: DataProblem[] }> {
  const dir = options.baselines ?? readSetting('baselines') ?? DEFAULT_BASELINES;
  const read = await readBaselines(dir, shownPath(dir));
  const merged = mergeBaselines(read.baselines, inputBaselines);
  return { baselines: merged.baselines, problems: [...read.problems, ...merged.problems] };
}

/** Read files and folders into a model, or the list of problems that prevent one. */
export async function runPipeline(
  paths: readonly string[],
  options: PipelineOptions = {},
): Promise<BuildModelResult & { files: string[]; attackWarnings?: ImportWarning[] }> {
  // Input is held in memory whole; measured on the 24 GB build machine, 200 MB of CSV (420,000
  // rows) builds with a 3.1 GB peak, so the default 1 GB stays well inside it (see README, Limits).
  const limit = maxInputSize();
  if ('problem' in limit) return { model: null, problems: [limit.problem], warnings: [], summary: [], files: [] };
  const listed = await listInputFiles(paths);
  const sizes = await Promise.all(listed.files.map(async (f) => (await stat(f.path).catch(() => null))?.size ?? 0));
  const given = paths.map((p) => inputName(path.resolve(p), p));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total > limit.bytes) {
    return {
      model: null,
      problems: [
        {
          location: { file: paths.map((p) => shownPath(p)).join(', ') },
          expected: `at most ${megabytes(limit.bytes)} of input (set ${MAX_INPUT_VARIABLE} to change the limit)`,
          found: `${megabytes(total)} in ${listed.files.length} files`,
        },
      ],
      warnings: [],
      summary: [],
      files: listed.files.map((f) => f.name),
    };
  }
  if (listed.files.length === 0 && listed.problems.length === 0) {
    listed.problems.push({
      location: { file: paths.map((p) => shownPath(p)).join(', ') || '(no paths)' },
      expected: 'at least one .json, .csv or .yaml file',
      found: 'none',
    });
  }
  const read = await readInputFiles(listed.files, new InputBudget(limit.bytes));
  const files = listed.files.map((f) => f.name);
  const inputCatalogs = read.inputs.flatMap((i) => (i.kind === 'attack-catalog' ? [i.catalog] : []));
  const { attack, problems: attackProblems, warnings: attackWarnings } = await loadAttack(options, inputCatalogs, limit);
  const inputBaselines = read.inputs.flatMap((i) => (i.kind === 'baseline' ? [{ file: i.file, baseline: i.baseline }] : []));
  const { baselines, problems: baselineProblems } = await loadBaselines(options, inputBaselines);
  // Normalize what could be read even when some files failed, so that one run lists every problem.
  const built = buildModel(read.inputs, given, { strict: options.strict, attack, baselines });
  // Messages name each input file as the user gave it (a name two files share stays as it is).
  const byName = new Map<string, string | null>();
  for (const f of listed.files) byName.set(f.name, byName.has(f.name) ? null : f.shown);
  const shown = (p: DataProblem): DataProblem => {
    const to = byName.get(p.location.file);
    return to ? renameProblems([p], p.location.file, to)[0]! : p;
  };
  const problems = [...listed.problems, ...read.problems, ...attackProblems, ...baselineProblems, ...built.problems.map(shown)];
  // What the ATT&CK bundles of --attack held that was read past (a revoked duplicate), said by the data step.
  const said = attackWarnings.length ? { attackWarnings } : {};
  if (problems.length || !built.model) return { model: null, problems, warnings: built.warnings, summary: [], files, ...said };
  if (!options.descriptions?.length) return { ...built, files, ...said };
  // Capability texts: read once the model's capabilities are known; their irregularities are warnings.
  const { descriptions, warnings } = await loadDescriptions(options.descriptions, built.model, { limit });
  const allWarnings = [...built.warnings, ...warnings];
  if (options.strict && warnings.length) {
    const asProblems = warnings.flatMap((w) =>
      w.occurrences.map(({ location }) => ({ location, field: w.field, expected: w.expected, found: `${w.found} (without --strict: ${w.action})` })),
    );
    return { model: null, problems: asProblems, warnings: allWarnings, summary: [], files, ...said };
  }
  return { ...built, model: { ...built.model, descriptions, warnings: [...built.model.warnings, ...warnings] }, warnings: allWarnings, files, ...said };
}
