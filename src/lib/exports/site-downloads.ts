/**
 * The downloads of a site. Every set offers itself whole, prebuilt: CSV and JSON (its
 * non-mappable entries included), a Navigator layer, its non-mappable entries alone, and its
 * gaps (the active techniques of its ATT&CK version none of its mappings names), with its rows
 * file beside them. Every technique, capability and capability group page offers its rows: one
 * CSV across all its sets (each row names its set), and per set the unified JSON and a Navigator
 * layer; these are made in the browser from the sets' JSON and rows files (src/lib/exports/page-downloads.ts),
 * not written to disk: a full corpus would need some 26,000 of them. Names are descriptive and
 * stable, all in one folder:
 *   <set id>.csv, <set id>_T1046.json, <set id>_capability-ac-4_layer.json,
 *   T1046_all-sets.csv, nist_800_53_capability-ac-4_all-sets.csv
 * Each static comparison of two consecutive sets (src/lib/compare/) is prebuilt as CSV too:
 *   compare_<set a>__<set b>.csv
 */
import { gapRows } from '../views/attack-views.ts';
import { compareCsv } from '../compare/compare-csv.ts';
import { compareScope, siteComparisons } from '../compare/site-comparisons.ts';
import { csvOf, layerOf, unifiedJsonOf } from './export-formats.ts';
import { loadSet, pageUrlsOf, toGapsCsv, type LayerOptions } from './export-rows.ts';
import { groupIn } from '../core/labels.ts';
import type { ModelIndex } from '../model/model-index.ts';
import { encodeRowsFile, scopedContent, scopeKey, type LoadedSet } from './page-downloads.ts';
import type { Mapping, MappingSet } from '../model/schema.ts';
import { required } from '../core/lookups.ts';
import { orInsert } from '../core/multimap.ts';

export { scopeKey } from './page-downloads.ts';

export type DownloadFormat = 'csv' | 'json' | 'layer' | 'non-mappable' | 'gaps' | 'rows' | 'compare';

export interface DownloadFile {
  format: DownloadFormat;
  /** The file name in the downloads folder. */
  path: string;
  /** Its size, for a file written by the build. */
  bytes?: number;
  /** For a page's own file, made in the browser: how many mappings it holds, and what a layer names. */
  scoped?: { rows: number; subject?: string };
}

/** The downloads of each page (a scope), per set; `setId` null for a file across all its sets. */
export type DownloadManifest = Record<string, { setId: string | null; files: DownloadFile[] }[]>;

export interface PlannedFile {
  scope: string;
  setId: string | null;
  format: DownloadFormat;
  path: string;
  /** Written by the build (a whole set's); else made in the browser (a page's own). */
  prebuilt: boolean;
  /** A page's own file: mappings it holds, and what a layer names. */
  scoped?: { rows: number; subject?: string; sets: string[] };
  content: () => string;
}

/** Every download file of a model, in a stable order; contents are produced on demand. */
export function* planDownloads(ctx: ModelIndex, layerOptions: Omit<LayerOptions, 'subject'>): Generator<PlannedFile> {
  const { model } = ctx;
  const json = (value: object) => `${JSON.stringify(value)}\n`;
  const pages = pageUrlsOf(layerOptions.pageUrl);
  const loaded = new Map<string, LoadedSet>();
  const load = (set: MappingSet) => orInsert(loaded, set.id, () => loadSet(ctx, set, pages));

  for (const set of model.sets) {
    const { set: info, rows } = load(set);
    const scope = scopeKey.set(set.id);
    const at = (suffix: string) => `${set.id}${suffix}`;
    const whole = (format: DownloadFormat, path: string, content: () => string): PlannedFile => ({ scope, setId: set.id, format, path, prebuilt: true, content });
    yield whole('csv', at('.csv'), () => csvOf(rows.map((row) => ({ set: info, row }))));
    yield whole('json', at('.json'), () => json(unifiedJsonOf(info, rows)));
    yield whole('layer', at('_layer.json'), () => json(layerOf(info, rows)));
    const nonMappables = rows.filter((r) => !r.mapping);
    if (nonMappables.length) yield whole('non-mappable', at('_non-mappable.csv'), () => csvOf(nonMappables.map((row) => ({ set: info, row }))));
    const gaps = gapRows(ctx, set);
    if (gaps) yield whole('gaps', at('_gaps.csv'), () => toGapsCsv(gaps));
    yield whole('rows', at('_rows.json'), () => json(encodeRowsFile(load(set))));
  }

  // Each static comparison of two consecutive sets (src/lib/compare/pairs.ts), one row per difference.
  for (const c of siteComparisons(ctx).all) {
    yield { scope: compareScope(c.a.id, c.b.id), setId: null, format: 'compare', path: c.csvName, prebuilt: true, content: () => compareCsv(c.comparison()) };
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
        () => ({ name: `${capability.frameworkId}_group-${slug}`, stem: `group-${slug}`, subject: (set) => { const group = ctx.groups.get(groupId); return group?.sets[set.id]?.spelling ?? group?.displayId ?? slug; } }),
        m,
      );
    }
  }
  for (const [scope, { name, stem, subject, perSet }] of byScope) {
    const setIds = [...perSet.keys()];
    const total = [...perSet.values()].reduce((a, b) => a + b, 0);
    yield {
      scope,
      setId: null,
      format: 'csv',
      path: `${name}_all-sets.csv`,
      prebuilt: false,
      scoped: { rows: total, sets: setIds },
      content: () => scopedContent('csv', scope, setIds.map((id) => load(required(ctx.sets, id, 'set')))),
    };
    for (const [setId, rows] of perSet) {
      const set = required(ctx.sets, setId, 'set');
      const at = (suffix: string) => `${set.id}_${stem}${suffix}`;
      yield { scope, setId, format: 'json', path: at('.json'), prebuilt: false, scoped: { rows, sets: [setId] }, content: () => scopedContent('json', scope, [load(set)]) };
      yield {
        scope,
        setId,
        format: 'layer',
        path: at('_layer.json'),
        prebuilt: false,
        scoped: { rows, subject: subject(set), sets: [setId] },
        content: () => scopedContent('layer', scope, [load(set)], subject(set)),
      };
    }
  }
}

/** "1.2 KB", "845 B", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} KB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
