/**
 * The downloads of a site. Every set offers itself whole: CSV and JSON (its non-mappable entries
 * included), a Navigator layer, its non-mappable entries alone, and its gaps (the active
 * techniques of its ATT&CK version none of its mappings names). Every technique, capability
 * and capability group page offers its rows: one CSV across all its sets (each row names its
 * set), and per set the unified JSON and a Navigator layer (both formats hold one set). Names
 * are descriptive and stable, all in one folder:
 *   <set id>.csv, <set id>_T1046.json, <set id>_capability-ac-4_layer.json,
 *   T1046_all-sets.csv, nist_800_53_capability-ac-4_all-sets.csv
 */
import { gapRows } from './attack-views.ts';
import { toCsv, toGapsCsv, toNavigatorLayer, toUnifiedJson, type LayerOptions } from './exports.ts';
import { groupIn } from './labels.ts';
import type { ModelIndex } from './model-index.ts';
import type { Mapping, MappingSet } from './schema.ts';

export type DownloadFormat = 'csv' | 'json' | 'layer' | 'non-mappable' | 'gaps';

export interface DownloadFile {
  format: DownloadFormat;
  /** The file name in the downloads folder. */
  path: string;
  bytes: number;
}

/** The downloads of each page (a scope), per set; `setId` null for a file across all its sets. */
export type DownloadManifest = Record<string, { setId: string | null; files: DownloadFile[] }[]>;

/** Manifest keys of the pages that offer downloads. */
export const scopeKey = {
  set: (setId: string) => `set:${setId}`,
  technique: (id: string) => `technique:${id}`,
  capability: (id: string) => `capability:${id}`,
  group: (id: string) => `group:${id}`,
};

export interface PlannedFile {
  scope: string;
  setId: string | null;
  format: DownloadFormat;
  path: string;
  content: () => string;
}

/** Every download file of a model, in a stable order; contents are produced on demand. */
export function* planDownloads(ctx: ModelIndex, layerOptions: Omit<LayerOptions, 'subject'>): Generator<PlannedFile> {
  const { model, sets } = ctx;
  const json = (value: object) => `${JSON.stringify(value)}\n`;
  const groupOf = (m: Mapping) => groupIn(ctx.capabilities.get(m.capabilityId)!, m.setId);

  // Rows per page scope, in set order (model.mappings is sorted by set).
  const byScope = new Map<string, { name: string; subject: (set: MappingSet) => string; stem: string; mappings: Mapping[] }>();
  const add = (scope: string, init: () => { name: string; subject: (set: MappingSet) => string; stem: string }, m: Mapping) => {
    let entry = byScope.get(scope);
    if (!entry) byScope.set(scope, (entry = { ...init(), mappings: [] }));
    entry.mappings.push(m);
  };
  for (const m of model.mappings) {
    add(scopeKey.technique(m.techniqueId), () => ({ name: m.techniqueId, stem: m.techniqueId, subject: () => m.techniqueId }), m);
    const capability = ctx.capabilities.get(m.capabilityId)!;
    add(
      scopeKey.capability(capability.id),
      () => ({
        name: `${capability.frameworkId}_capability-${capability.slug}`,
        stem: `capability-${capability.slug}`,
        subject: (set) => capability.sets[set.id]?.spelling ?? capability.displayId,
      }),
      m,
    );
    const groupId = groupOf(m);
    if (groupId) {
      const slug = groupId.slice(capability.frameworkId.length + 1);
      add(
        scopeKey.group(groupId),
        () => ({ name: `${capability.frameworkId}_group-${slug}`, stem: `group-${slug}`, subject: (set) => { const group = ctx.groups.get(groupId); return group?.sets[set.id]?.spelling ?? group?.displayId ?? slug; } }),
        m,
      );
    }
  }

  for (const set of model.sets) {
    const mappings = ctx.mappingsBySet.get(set.id) ?? [];
    const nonMappables = ctx.nonMappablesBySet.get(set.id) ?? [];
    const everything = [...mappings, ...nonMappables];
    const scope = scopeKey.set(set.id);
    const at = (suffix: string) => `${set.id}${suffix}`;
    yield { scope, setId: set.id, format: 'csv', path: at('.csv'), content: () => toCsv(ctx, everything.map((item) => ({ set, item }))) };
    yield { scope, setId: set.id, format: 'json', path: at('.json'), content: () => json(toUnifiedJson(ctx, set, everything)) };
    yield { scope, setId: set.id, format: 'layer', path: at('_layer.json'), content: () => json(toNavigatorLayer(ctx, set, mappings, layerOptions)) };
    if (nonMappables.length) {
      yield { scope, setId: set.id, format: 'non-mappable', path: at('_non-mappable.csv'), content: () => toCsv(ctx, nonMappables.map((item) => ({ set, item }))) };
    }
    const gaps = gapRows(ctx, set);
    if (gaps) yield { scope, setId: set.id, format: 'gaps', path: at('_gaps.csv'), content: () => toGapsCsv(gaps) };
  }

  for (const [scope, { name, stem, subject, mappings }] of byScope) {
    yield {
      scope,
      setId: null,
      format: 'csv',
      path: `${name}_all-sets.csv`,
      content: () => toCsv(ctx, mappings.map((item) => ({ set: sets.get(item.setId)!, item }))),
    };
    const perSet = new Map<string, Mapping[]>();
    for (const m of mappings) {
      const list = perSet.get(m.setId);
      if (list) list.push(m);
      else perSet.set(m.setId, [m]);
    }
    for (const [setId, items] of perSet) {
      const set = sets.get(setId)!;
      const at = (suffix: string) => `${set.id}_${stem}${suffix}`;
      yield { scope, setId, format: 'json', path: at('.json'), content: () => json(toUnifiedJson(ctx, set, items)) };
      yield {
        scope,
        setId,
        format: 'layer',
        path: at('_layer.json'),
        content: () => json(toNavigatorLayer(ctx, set, items, { ...layerOptions, subject: subject(set) })),
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
