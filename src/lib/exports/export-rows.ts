/**
 * A set's rows as the download formats take them (src/lib/exports/export-formats.ts): each mapping and
 * non-mappable entry as a unified-format mapping object with its CSV status and the pages it
 * belongs to, and what the set says of itself. Build-time (it reads the model index); the files
 * are made from these by the same functions at build time and in the browser.
 */
import { toUsDate } from '../core/dates.ts';
import { csvOf, layerOf, unifiedJsonOf, type ExportRow, type ExportSet } from './export-formats.ts';
import { groupIn, setTitle, techniqueNameAt } from '../core/labels.ts';
import type { ModelIndex } from '../model/model-index.ts';
import type { Mapping, MappingSet, NonMappable } from '../model/schema.ts';
import { scopeKey, type LoadedSet, type ScopedRow } from './page-downloads.ts';
import { isScoredType } from '../core/scores.ts';
import { STATUSES, type Status, type WrittenField } from '../core/vocabulary.ts';
import { asWrittenText } from './written-text.ts';
import { required } from '../core/lookups.ts';
import { orInsert } from '../core/multimap.ts';

export { EXPORT_CSV_COLUMNS } from './export-formats.ts';

const isMapping = (item: Mapping | NonMappable): item is Mapping => 'rowId' in item;

/**
 * A row's capability fields as its source writes them: the row's own where it differs from its
 * set, else the set's; the group as the set spells it (`group`) and labels it (`groupLabel`, as
 * its metadata writes the label).
 */
function capabilityFields(ctx: ModelIndex, set: MappingSet, item: Mapping | NonMappable) {
  if (!item.capabilityId) return { id: null, description: null, group: null, groupLabel: null };
  const capability = required(ctx.capabilities, item.capabilityId, 'capability');
  const entry = capability.sets[set.id];
  const groupId = item.capabilityGroupId !== undefined ? item.capabilityGroupId : (entry?.groupId ?? capability.groupId);
  const group = groupId ? ctx.groups.get(groupId) : undefined;
  const inSet = group?.sets[set.id];
  const label = inSet ? asWrittenText(inSet.labelAsWritten, inSet.label) : null;
  return {
    id: item.capabilitySpelling ?? entry?.spelling ?? capability.displayId,
    description: item.capabilityDescription !== undefined ? item.capabilityDescription : (entry?.description ?? capability.description),
    group: group ? (inSet?.spelling ?? group.displayId) : null,
    groupLabel: group ? (label ?? inSet?.spelling ?? group.displayId) : null,
  };
}

/** The ATT&CK name a row gives: its own, else (a mapping naming its technique as ATT&CK does) the technique's in the set's version. */
function attackObjectName(ctx: ModelIndex, set: MappingSet, item: Mapping | NonMappable): string | null {
  if (isMapping(item)) {
    return item.attackObjectName !== undefined ? item.attackObjectName : techniqueNameAt(ctx.techniques.get(item.techniqueId), set.attackVersion);
  }
  return item.attackObjectName;
}

/** One mapping or non-mappable entry, as a unified-format mapping object: each field as its source writes it. */
function toMappingObject(ctx: ModelIndex, set: MappingSet, item: Mapping | NonMappable): Record<string, unknown> {
  const capability = capabilityFields(ctx, set, item);
  const written = item.asWritten ?? {};
  const text = (field: WrittenField, shown: string | null) => asWrittenText(written[field], shown);
  const object: Record<string, unknown> = {
    capability_id: text('capability_id', capability.id),
    capability_description: text('capability_description', capability.description),
    capability_group: capability.group,
    mapping_type: item.mappingType,
    attack_object_id: text('attack_object_id', item.techniqueId),
    attack_object_name: text('attack_object_name', attackObjectName(ctx, set, item)),
  };
  // A row's own set fields, where it writes its set otherwise than its set's metadata.
  for (const field of ['mapping_framework', 'mapping_framework_version', 'attack_version'] as const) {
    if (written[field] !== undefined) object[field] = text(field, null);
  }
  if (isMapping(item)) {
    if (item.scoreCategory) object['score_category'] = item.scoreCategory;
    if (item.scoreValue) object['score_value'] = item.scoreValue;
  }
  const related = text('related_score', isMapping(item) ? item.relatedScore : null);
  if (related) object['related_score'] = related;
  object['comments'] = text('comments', item.comments);
  object['references'] = item.references;
  object['status'] = STATUSES[csvStatus(item)].unified;
  return object;
}

/** The status a row's CSV writes: a mapping's; a non-mappable entry's own when it gives one (an object without technique, "complete"). */
function csvStatus(item: Mapping | NonMappable): Status {
  return item.status ?? 'non_mappable';
}

/** Absolute URLs of the site's pages, for the links in layers. */
export interface PageUrls {
  set: (setId: string) => string;
  techniquePrefix: string;
}

/** One row of a set for the download formats. */
function exportRow(ctx: ModelIndex, set: MappingSet, item: Mapping | NonMappable): ExportRow {
  return { object: toMappingObject(ctx, set, item), status: csvStatus(item), mapping: isMapping(item) };
}

/** The pages a mapping belongs to: its technique's, its capability's, its capability group's in the set. */
function scopesOf(ctx: ModelIndex, m: Mapping): string[] {
  const capability = required(ctx.capabilities, m.capabilityId, 'capability');
  const group = groupIn(capability, m.setId);
  return [scopeKey.technique(m.techniqueId), scopeKey.capability(capability.id), ...(group ? [scopeKey.group(group)] : [])];
}

/** What a set says of itself, for its files: title, dates, types, the unified file's metadata. */
export function exportSetOf(ctx: ModelIndex, set: MappingSet, pages: PageUrls): ExportSet {
  const items = [...(ctx.mappingsBySet.get(set.id) ?? []), ...(ctx.nonMappablesBySet.get(set.id) ?? [])];
  const groupLabels: Record<string, string> = {};
  for (const item of items) {
    const { group, groupLabel } = capabilityFields(ctx, set, item);
    if (group !== null && groupLabel !== null) groupLabels[group] ??= groupLabel;
  }
  const types: ExportSet['types'] = {};
  for (const t of set.mappingTypes) types[t.id] = { name: t.name, label: t.label, scored: isScoredType(t.id) };
  for (const item of items) {
    if (item.mappingType !== null && !types[item.mappingType])
      types[item.mappingType] = { name: item.mappingType, label: item.mappingType, scored: isScoredType(item.mappingType) };
  }
  const creation = set.creationDate ?? set.lastUpdate;
  const attackPatterns: Record<string, string> = {};
  for (const m of ctx.mappingsBySet.get(set.id) ?? []) {
    if (Object.hasOwn(attackPatterns, m.techniqueId)) continue;
    const technique = ctx.techniques.get(m.techniqueId);
    const stixId = technique?.states[0]?.domain === set.domain ? technique.stixIds?.find((s) => s.versions.includes(set.attackVersion))?.stixId : undefined;
    if (stixId) attackPatterns[m.techniqueId] = stixId;
  }
  const framework = required(ctx.frameworks, set.frameworkId, 'framework');
  return {
    id: set.id,
    title: setTitle(set, framework),
    frameworkId: set.frameworkId,
    frameworkName: framework.name,
    frameworkVersion: set.frameworkVersion,
    attackVersion: set.attackVersion,
    domain: set.domain,
    organization: set.organization,
    creationDate: set.creationDate,
    lastUpdate: set.lastUpdate,
    metadata: {
      mapping_version: set.mappingVersion ?? '',
      attack_version: set.attackVersion,
      technology_domain: set.domain,
      ...(creation ? { creation_date: toUsDate(creation) } : {}),
      ...(set.lastUpdate ? { last_update: toUsDate(set.lastUpdate) } : {}),
      mapping_framework: set.frameworkId,
      mapping_framework_version: set.frameworkVersion,
      ...(set.versionSchema ? { mapping_framework_version_schema: set.versionSchema } : {}),
      author: set.author,
      contact: set.contact,
      organization: set.organization,
      mapping_types: Object.fromEntries(set.mappingTypes.map((t) => [t.id, { name: t.name, description: t.description ?? '' }])),
      capability_groups: groupLabels,
    },
    types,
    pages: { set: pages.set(set.id), techniquePrefix: pages.techniquePrefix },
    attackPatterns,
  };
}

/** A set with its rows (mappings, then non-mappable entries), each with the pages it belongs to. */
export function loadSet(ctx: ModelIndex, set: MappingSet, pages: PageUrls): LoadedSet {
  const rows: ScopedRow[] = [
    ...(ctx.mappingsBySet.get(set.id) ?? []).map((m) => ({ ...exportRow(ctx, set, m), scopes: scopesOf(ctx, m) })),
    ...(ctx.nonMappablesBySet.get(set.id) ?? []).map((n) => ({ ...exportRow(ctx, set, n), scopes: [] })),
  ];
  return { set: exportSetOf(ctx, set, pages), rows };
}

/** Page URLs from a function of pages (as layers' links take them). */
export function pageUrlsOf(pageUrl: (target: { technique?: string; set?: string }) => string): PageUrls {
  const sample = pageUrl({ technique: 'T0000' });
  return { set: (id) => pageUrl({ set: id }), techniquePrefix: sample.slice(0, sample.lastIndexOf('T0000')) };
}

/** The CSV export of some rows, each naming its set. */
export function toCsv(ctx: ModelIndex, entries: readonly { set: MappingSet; item: Mapping | NonMappable }[]): string {
  const sets = new Map<string, ExportSet>();
  const pages = pageUrlsOf(() => '');
  const setOf = (set: MappingSet) => orInsert(sets, set.id, () => exportSetOf(ctx, set, pages));
  return csvOf(entries.map(({ set, item }) => ({ set: setOf(set), row: exportRow(ctx, set, item) })));
}

/** The unified Mappings Explorer JSON file of a set (or a part of it). */
export function toUnifiedJson(ctx: ModelIndex, set: MappingSet, items: readonly (Mapping | NonMappable)[]): object {
  return unifiedJsonOf(
    exportSetOf(
      ctx,
      set,
      pageUrlsOf(() => ''),
    ),
    items.map((item) => exportRow(ctx, set, item)),
  );
}

export interface LayerOptions {
  /** What the layer shows, e.g. "T1046" or "AC-4"; the set itself when absent. */
  subject?: string;
  /** Absolute URL of a page, for links back to the site. */
  pageUrl: (path: { technique?: string; set?: string }) => string;
  /** What made the files (a workbook's About sheet says it). */
  made?: ExportSet['made'];
}

/** A Navigator layer (format 4.5) of some of a set's mappings. */
export function toNavigatorLayer(ctx: ModelIndex, set: MappingSet, mappings: readonly Mapping[], options: LayerOptions): object {
  return layerOf(
    exportSetOf(ctx, set, pageUrlsOf(options.pageUrl)),
    mappings.map((m) => exportRow(ctx, set, m)),
    options.subject,
  );
}
