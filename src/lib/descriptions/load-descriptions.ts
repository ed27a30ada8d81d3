/**
 * The data step's reading of capability texts (--descriptions, MAPSCOPE_DESCRIPTIONS): under the
 * paths given, NIST SP 800-53 OSCAL catalogs (JSON files holding a `catalog`; profiles, the
 * baselines, are skipped) and the Mappings Explorer description files; matched to the model's
 * capabilities and groups, kept as the model's `descriptions`, every irregularity a warning in
 * the model's warnings (filed under the set of the framework it concerns). Nothing here stops
 * the build: a file that cannot be read is a warning too.
 */
import { listInputFiles } from '../ingest/read-inputs.ts';
import { InputBudget, maxInputSize, readInputText, type InputLimit } from '../io/input-file.ts';
import { capabilityKey } from '../core/ids.ts';
import type { Capability, CapabilityGroup, DataWarning, MappingSet, ModelDescriptions, CapabilityTexts, SourceLocation } from '../model/schema.ts';
import type { WarningKind } from '../ingest/rules/index.ts';
import type { ControlDescription } from './control-text.ts';
import { describeOscalCatalog, type CatalogWarning } from './oscal-catalog.ts';
import { readDescriptionFiles } from './read-description-files.ts';
import { matchDescriptions } from './match-descriptions.ts';
import { quoteFound, type DescriptionWarning } from './description-warnings.ts';
import path from 'node:path';

/** The framework id of NIST SP 800-53 in the mapping files. */
export const NIST_FRAMEWORK = 'nist_800_53';

interface ModelParts {
  sets: readonly MappingSet[];
  capabilities: readonly Capability[];
  groups: readonly CapabilityGroup[];
}

/** A catalog read, with the revision its title (or version, or file name) names: "rev5". */
interface ReadCatalog {
  revision: string;
  title: string;
  version: string | null;
  source: string;
  controls: ControlDescription[];
}

/** "NIST Special Publication 800-53 Revision 5 ..." -> "rev5"; from the version or file name else. */
export function catalogRevision(title: string, version: string | null, file: string): string | null {
  const named = /\bRev(?:ision)?\.?\s*(\d+)\b/i.exec(title) ?? /\brev(\d+)\b/i.exec(path.basename(file));
  if (named) return `rev${named[1]}`;
  const major = version ? /^(\d+)\./.exec(version) : null;
  return major && Number(major[1]) < 100 ? `rev${major[1]}` : null;
}

const isCatalogCandidate = (name: string) => /\.json$/i.test(name) && !/[-_]descriptions\.json$/i.test(name);

/** Read every OSCAL catalog under the paths; JSON that is no catalog (a profile, a mapping file) is passed over. */
async function readCatalogFiles(
  inputs: readonly string[],
  limit: InputLimit,
  warnings: DataWarning[],
  cwd: string,
  sets: readonly MappingSet[],
  oscalFiles: Set<string>,
): Promise<ReadCatalog[]> {
  const catalogs: ReadCatalog[] = [];
  if ('problem' in limit) return catalogs;
  const budget = new InputBudget(limit.bytes);
  for (const input of inputs) {
    const listed = await listInputFiles([input], { found: isCatalogCandidate, cwd });
    for (const file of listed.files) {
      // A description file given by its path is listed here too: it is read as one, below.
      if (!isCatalogCandidate(file.path)) continue;
      const read = await readInputText(file, { budget });
      if ('problem' in read) continue; // read again, and warned about, as a description file if it is one
      // Cheap test before parsing: a catalog says so near its start.
      const head = read.text.slice(0, 2000);
      if (/"profile"\s*:/.test(head)) oscalFiles.add(file.path);
      if (!/"catalog"\s*:/.test(head)) continue;
      oscalFiles.add(file.path);
      let data: unknown;
      try {
        data = JSON.parse(read.text.replace(/^\uFEFF/, ''));
      } catch (error) {
        warnings.push(
          modelWarning(
            'control-catalog-unreadable',
            setFor(sets, NIST_FRAMEWORK, null),
            { file: file.name },
            '(file)',
            'an OSCAL catalog (JSON)',
            quoteFound((error as Error).message, 200),
            'skipped the file',
          ),
        );
        continue;
      }
      const reading = describeOscalCatalog(file.name, data);
      for (const problem of reading.problems) {
        warnings.push(
          modelWarning(
            'control-catalog-unreadable',
            setFor(sets, NIST_FRAMEWORK, null),
            problem.location,
            problem.field ?? '(file)',
            problem.expected,
            problem.found ?? 'nothing',
            'skipped the catalog',
          ),
        );
      }
      const catalog = reading.catalog;
      if (!catalog) continue;
      const revision = catalogRevision(catalog.title, catalog.version, file.name);
      if (!revision) {
        warnings.push(
          modelWarning(
            'control-catalog-unreadable',
            setFor(sets, NIST_FRAMEWORK, null),
            { file: file.name, pointer: '/catalog/metadata' },
            'title',
            'a title naming the revision ("Revision 5")',
            quoteFound(catalog.title),
            'skipped the catalog',
          ),
        );
        continue;
      }
      for (const w of reading.warnings) warnings.push(catalogWarning(w, setFor(sets, NIST_FRAMEWORK, revision)));
      catalogs.push({ revision, title: catalog.title, version: catalog.version, source: file.name, controls: catalog.controls });
    }
  }
  return catalogs;
}

function catalogWarning(w: CatalogWarning, setId: string): DataWarning {
  const where = w.control ? `${w.control}: ` : '';
  return modelWarning('control-text-mended', setId, w.location, w.field ?? w.code, w.expected, w.found, `${where}${w.action}`);
}

function modelWarning(kind: WarningKind, setId: string, location: SourceLocation, field: string, expected: string, found: string, action: string): DataWarning {
  return { kind, setId, field, expected, found, action, capabilityId: null, occurrences: [{ location, techniqueId: null, rowId: null }] };
}

/** The set a warning about a framework (and version) is filed under: that version's newest set, else the framework's newest; "" for none. */
function setFor(sets: readonly MappingSet[], framework: string | null, version: string | null): string {
  if (framework === null) return '';
  const ofFramework = sets.filter((s) => s.frameworkId === framework);
  const newest = (list: readonly MappingSet[]) => [...list].sort((a, b) => (b.lastUpdate ?? '').localeCompare(a.lastUpdate ?? ''))[0];
  return (
    (version ? newest(ofFramework.filter((s) => s.frameworkVersion.toLowerCase() === version.toLowerCase())) : undefined)?.id ?? newest(ofFramework)?.id ?? ''
  );
}

function fromDescriptionWarning(w: DescriptionWarning, sets: readonly MappingSet[], version: string | null): DataWarning {
  const location: SourceLocation = w.line ? { file: w.file, line: w.line } : w.pointer ? { file: w.file, pointer: w.pointer } : { file: w.file };
  return modelWarning(w.kind, setFor(sets, w.framework, version), location, w.field, w.expected, w.found, w.action);
}

/** Read and match every capability text under the paths; the model's descriptions and the warnings. */
export async function loadDescriptions(
  inputs: readonly string[],
  model: ModelParts,
  options: { cwd?: string; limit?: InputLimit } = {},
): Promise<{ descriptions: ModelDescriptions; warnings: DataWarning[] }> {
  const cwd = options.cwd ?? process.cwd();
  const limit = options.limit ?? maxInputSize();
  const warnings: DataWarning[] = [];
  const oscalFiles = new Set<string>();
  const catalogs = await readCatalogFiles(inputs, limit, warnings, cwd, model.sets, oscalFiles);
  // A catalog or profile given by its own path is not a description file.
  const files = await readDescriptionFiles(
    inputs.filter((i) => !oscalFiles.has(path.resolve(cwd, i))),
    cwd,
    limit,
  );
  const versionOf = new Map(files.files.map((f) => [f.file, f.version]));
  for (const w of files.warnings) warnings.push(fromDescriptionWarning(w, model.sets, versionOf.get(w.file) ?? null));

  const target = (c: Capability | CapabilityGroup, key: string, spellings: readonly string[]) => ({ id: c.id, frameworkId: c.frameworkId, key, spellings });
  const matches = matchDescriptions(files.entries, {
    capabilities: model.capabilities.map((c) => target(c, c.key, c.spellings)),
    groups: model.groups.map((g) => target(g, capabilityKey(g.displayId), [...new Set(Object.values(g.sets).map((s) => s.spelling))])),
  });
  for (const w of matches.warnings) {
    const entry = files.entries.find((e) => e.source.file === w.file && w.pointer.startsWith(e.source.pointer.replace(/\/description$/, '')));
    warnings.push(fromDescriptionWarning(w, model.sets, entry?.version ?? null));
  }

  // Controls: each NIST capability gets the control of each revision its sets name, newest revision first.
  const byRevision = new Map<string, Map<string, ControlDescription>>();
  for (const catalog of catalogs) {
    const controls = byRevision.get(catalog.revision) ?? new Map<string, ControlDescription>();
    for (const control of catalog.controls) if (!controls.has(capabilityKey(control.id))) controls.set(capabilityKey(control.id), control);
    byRevision.set(catalog.revision, controls);
  }
  const setsById = new Map(model.sets.map((s) => [s.id, s]));
  const capabilities: Record<string, CapabilityTexts> = {};
  for (const capability of model.capabilities) {
    const texts: CapabilityTexts = { controls: [], texts: matches.capabilities.get(capability.id) ?? [] };
    if (capability.frameworkId === NIST_FRAMEWORK) {
      const revisions = [...new Set(Object.keys(capability.sets).map((s) => setsById.get(s)?.frameworkVersion.toLowerCase() ?? ''))]
        .filter((r) => byRevision.has(r))
        .sort((a, b) => Number(b.replace(/\D/g, '')) - Number(a.replace(/\D/g, '')));
      for (const revision of revisions) {
        const controls = byRevision.get(revision)!;
        const control = controls.get(capability.key);
        if (!control) continue;
        const enhancements = control.enhancements.flatMap((id) => {
          const e = controls.get(capabilityKey(id));
          return e ? [{ id: e.id, title: e.title, withdrawn: e.withdrawn !== null }] : [];
        });
        texts.controls.push({ frameworkVersion: revision, control, enhancements });
      }
    }
    if (texts.controls.length || texts.texts.length) capabilities[capability.id] = texts;
  }
  const groups: ModelDescriptions['groups'] = {};
  for (const [id, list] of matches.groups) groups[id] = list;
  return {
    descriptions: {
      catalogs: catalogs.map((c) => ({
        frameworkId: NIST_FRAMEWORK,
        frameworkVersion: c.revision,
        title: c.title,
        version: c.version,
        source: c.source,
        controls: c.controls.length,
      })),
      files: files.files.map((f) => ({ file: f.file, framework: f.framework, version: f.version, entries: f.entries.length })),
      capabilities,
      groups,
    },
    warnings,
  };
}
