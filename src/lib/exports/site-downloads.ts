/**
 * The downloads of a site, planned from the formats' registry (src/lib/exports/formats/): each
 * scope gets a file in each format that offers it, in the registry's order. Every set offers
 * itself whole, prebuilt: CSV and JSON (its non-mappable entries included), a Navigator layer,
 * its non-mappable entries alone, and its gaps (the active techniques of its ATT&CK version
 * none of its mappings names), with its rows file beside them. Every technique, capability and
 * capability group page offers its rows: one CSV across all its sets (each row names its set),
 * and per set the unified JSON and a Navigator layer; these are made in the browser from the
 * sets' JSON and rows files, not written to disk: a full corpus would need some 26,000 of them.
 * Names are descriptive and stable, all in one folder (src/lib/exports/page-downloads.ts):
 *   <set id>.csv, <set id>_T1046.json, <set id>_capability-ac-4_layer.json,
 *   T1046_all-sets.csv, nist_800_53_capability-ac-4_all-sets.csv
 * Each static comparison of two consecutive sets (src/lib/compare/) is prebuilt as CSV too:
 *   compare_<set a>__<set b>.csv
 * The derived formats (YAML, STIX, Excel: `derived` in the registry) are prebuilt for the current
 * set of each line only (src/lib/core/versions.ts currentSetOf: the newest ATT&CK version of a
 * framework and domain, framework versions published side by side each a line of its own); a
 * superseded set's and a static comparison's are made in the browser on click, under the same
 * name (src/lib/exports/made-files.ts), unless the build prebuilds all (MAPSCOPE_PREBUILD=all).
 */
import { gapRows } from '../views/attack-views.ts';
import { compareResult } from '../compare/compare-result.ts';
import { compareScope, siteComparisons } from '../compare/site-comparisons.ts';
import { loadSet, pageUrlsOf, type LayerOptions } from './export-rows.ts';
import { DOWNLOAD_FORMATS } from './formats/index.ts';
import type { DownloadFormat, ResultTable, ScopeWriter, Written } from './formats/download-format.ts';
import { groupIn } from '../core/labels.ts';
import type { ModelIndex } from '../model/model-index.ts';
import { fileNames, scopeKey, type LoadedSet } from './page-downloads.ts';
import type { Mapping, MappingSet } from '../model/schema.ts';
import { required } from '../core/lookups.ts';
import { orInsert } from '../core/multimap.ts';
import { currentSetIds } from '../core/versions.ts';

export { scopeKey } from './page-downloads.ts';

/** A writer's file of an input, made when asked, if the writer offers one for it. */
const offered = <Input>(writer: ScopeWriter<Input> | undefined, input: () => Input) =>
  writer && (!writer.offers || writer.offers(input())) ? () => writer.write(input()) : null;

export interface DownloadFile {
  /** The format's id (src/lib/exports/formats/). */
  format: string;
  /** The file name in the downloads folder. */
  path: string;
  /** Its size, for a file written by the build. */
  bytes?: number;
  /** For a page's own file, made in the browser: how many mappings it holds, and what a layer names. */
  scoped?: { rows: number; subject?: string };
  /** For a superseded set's or a comparison's derived file, made in the browser on click: how many mappings (differences) it holds. */
  onClick?: { rows: number };
}

/** The downloads of each page (a scope), per set; `setId` null for a file across all its sets. */
export type DownloadManifest = Record<string, { setId: string | null; files: DownloadFile[] }[]>;

export interface PlannedFile {
  scope: string;
  setId: string | null;
  /** The format's id. */
  format: string;
  path: string;
  /** Written by the build (a whole set's); else made in the browser (a page's own). */
  prebuilt: boolean;
  /** A page's own file: mappings it holds, and what a layer names. */
  scoped?: { rows: number; subject?: string; sets: string[] };
  /** A superseded set's or a static comparison's derived file, not prebuilt: mappings (differences) it holds. */
  onClick?: { rows: number };
  content: () => Written;
}

/** Which sets' derived files the build writes (MAPSCOPE_PREBUILD): the current sets' only, or every set's and comparison's. */
export type Prebuild = 'current' | 'all';

export interface PlanOptions {
  /** Default: current. */
  prebuild?: Prebuild;
}

/**
 * Every download file of a model, in a stable order (each scope's files in the formats' order);
 * contents are produced on demand. `formats`: the registry, unless a test gives others.
 */
export function* planDownloads(
  ctx: ModelIndex,
  layerOptions: Omit<LayerOptions, 'subject'>,
  formats: readonly DownloadFormat[] = DOWNLOAD_FORMATS,
  options: PlanOptions = {},
): Generator<PlannedFile> {
  const { model } = ctx;
  const current = currentSetIds(model.sets);
  /** Whether a derived format's file is made in the browser rather than prebuilt (`current`: whether its set is). */
  const onClick = (format: DownloadFormat, isCurrent: boolean) => !!format.derived && !isCurrent && (options.prebuild ?? 'current') !== 'all';
  const pages = pageUrlsOf(layerOptions.pageUrl);
  const loaded = new Map<string, LoadedSet>();
  const load = (set: MappingSet) =>
    orInsert(loaded, set.id, () => {
      const one = loadSet(ctx, set, pages);
      return layerOptions.made ? { ...one, set: { ...one.set, made: layerOptions.made } } : one;
    });

  for (const set of model.sets) {
    const whole = { ...load(set), gaps: gapRows(ctx, set) };
    const scope = scopeKey.set(set.id);
    for (const format of formats) {
      const writer = format.scopes.set;
      if (!writer || (writer.offers && !writer.offers(whole))) continue;
      const made = onClick(format, current.has(set.id));
      yield {
        scope,
        setId: set.id,
        format: format.id,
        path: fileNames.wholeSet(format, set.id),
        prebuilt: !made,
        ...(made ? { onClick: { rows: whole.rows.filter((r) => r.mapping).length } } : {}),
        content: () => writer.write(whole),
      };
    }
  }

  // Each static comparison of two consecutive sets (src/lib/compare/pairs.ts), one row per difference;
  // and in each format of a result (workbook, YAML, STIX), as the picker on /compare/ makes them. A
  // format with a writer of its own for a comparison (the comparison CSV) uses it, the others their result's.
  for (const c of siteComparisons(ctx).all) {
    let table: ResultTable | undefined;
    const result = () => (table ??= compareResult(c.comparison(), load(c.a).set, load(c.b).set));
    const pair = {
      get comparison() {
        return c.comparison();
      },
    };
    for (const format of formats) {
      const content = format.scopes.compare ? offered(format.scopes.compare, () => pair) : offered(format.scopes.result, result);
      if (!content) continue;
      // A comparison has no current set of its own: its derived files are made on click unless all are prebuilt.
      const made = onClick(format, false);
      yield {
        scope: compareScope(c.a.id, c.b.id),
        setId: null,
        format: format.id,
        path: `${c.fileStem}${format.suffix}`,
        prebuilt: !made,
        ...(made ? { onClick: { rows: result().rows.length } } : {}),
        content,
      };
    }
  }

  // Each page's rows, per set in set order (model.mappings is sorted by set).
  const byScope = new Map<string, { name: string; stem: string; subject: (set: MappingSet) => string; perSet: Map<string, number> }>();
  const count = (scope: string, init: () => { name: string; stem: string; subject: (set: MappingSet) => string }, m: Mapping) => {
    let entry = byScope.get(scope);
    if (!entry) byScope.set(scope, (entry = { ...init(), perSet: new Map() }));
    entry.perSet.set(m.setId, (entry.perSet.get(m.setId) ?? 0) + 1);
  };
  for (const m of model.mappings) {
    count(scopeKey.technique(m.techniqueId), () => ({ name: m.techniqueId, stem: m.techniqueId, subject: () => m.techniqueId }), m);
    const capability = required(ctx.capabilities, m.capabilityId, 'capability');
    count(
      scopeKey.capability(capability.id),
      () => ({
        name: `${capability.frameworkId}_capability-${capability.slug}`,
        stem: `capability-${capability.slug}`,
        subject: (set) => capability.sets[set.id]?.spelling ?? capability.displayId,
      }),
      m,
    );
    const groupId = groupIn(capability, m.setId);
    if (groupId) {
      const slug = groupId.slice(capability.frameworkId.length + 1);
      count(
        scopeKey.group(groupId),
        () => ({
          name: `${capability.frameworkId}_group-${slug}`,
          stem: `group-${slug}`,
          subject: (set) => {
            const group = ctx.groups.get(groupId);
            return group?.sets[set.id]?.spelling ?? group?.displayId ?? slug;
          },
        }),
        m,
      );
    }
  }
  const pageFormats = formats.flatMap((format) => (format.scopes.page ? [{ format, writer: format.scopes.page }] : []));
  for (const [scope, { name, stem, subject, perSet }] of byScope) {
    const setIds = [...perSet.keys()];
    const total = [...perSet.values()].reduce((a, b) => a + b, 0);
    // A format that spans sets: one file across the page's sets; then each set's own files.
    for (const { format, writer } of pageFormats.filter((f) => f.format.spansSets)) {
      const named = format.namesSubject ? subject(required(ctx.sets, setIds[0]!, 'set')) : undefined;
      const input = () => ({ scope, sets: setIds.map((id) => load(required(ctx.sets, id, 'set'))), ...(named !== undefined ? { subject: named } : {}) });
      yield {
        scope,
        setId: null,
        format: format.id,
        path: fileNames.pageAllSets(format, name),
        prebuilt: false,
        scoped: { rows: total, sets: setIds },
        content: () => writer.write(input()),
      };
    }
    for (const [setId, rows] of perSet) {
      const set = required(ctx.sets, setId, 'set');
      for (const { format, writer } of pageFormats.filter((f) => !f.format.spansSets)) {
        const named = format.namesSubject ? subject(set) : undefined;
        yield {
          scope,
          setId,
          format: format.id,
          path: fileNames.pageOfSet(format, set.id, stem),
          prebuilt: false,
          scoped: { rows, ...(named !== undefined ? { subject: named } : {}), sets: [setId] },
          content: () => writer.write({ scope, sets: [load(set)], ...(named !== undefined ? { subject: named } : {}) }),
        };
      }
    }
  }
}

/** A planned file's content as text, for a reader of the build's own text files (CSV, JSON). */
export async function textOf(file: Pick<PlannedFile, 'path' | 'content'>): Promise<string> {
  const content = await file.content();
  if (typeof content !== 'string') throw new Error(`${file.path} is not a text file`);
  return content;
}

/** "1.2 KB", "845 B", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} KB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
