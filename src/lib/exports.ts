/**
 * Exports of a set's mappings (all of them, or those of one technique, capability or group) in
 * the formats other tools read: the Mappings Explorer CSV export, the unified JSON format, and
 * ATT&CK Navigator layers (format 4.5). Pure functions of the model; the build writes the files.
 */
import Papa from 'papaparse';
import { toUsDate } from './dates.ts';
import type { GapRow } from './attack-views.ts';
import { parentTechniqueId } from './ids.ts';
import { mappingTypeLabel, setTitle, techniqueNameAt } from './labels.ts';
import type { ModelIndex } from './model-index.ts';
import { pushTo } from './multimap.ts';
import type { Mapping, MappingSet, NonMappable } from './schema.ts';
import { isScoredType, lacksScore } from './scores.ts';
import { neutralizeCell } from './spreadsheet-cells.ts';
import { plural } from './text.ts';
import { CSV_COLUMNS, DOMAINS, SCORE_VALUES, STATUSES } from './vocabulary.ts';

/** The CSV columns written: the published export's, plus the mapping status. */
export const EXPORT_CSV_COLUMNS = [...CSV_COLUMNS, 'status'] as const;

/**
 * A row's capability fields as its source writes them: the row's own where it differs from its
 * set, else the set's; the group as the set spells it (`group`) and labels it (`groupLabel`).
 */
function capabilityFields(ctx: ModelIndex, set: MappingSet, item: Mapping | NonMappable) {
  if (!item.capabilityId) return { id: null, description: null, group: null, groupLabel: null };
  const capability = ctx.capabilities.get(item.capabilityId)!;
  const entry = capability.sets[set.id];
  const own = 'status' in item ? item : null;
  const groupId = own?.capabilityGroupId !== undefined ? own.capabilityGroupId : (entry?.groupId ?? capability.groupId);
  const group = groupId ? ctx.groups.get(groupId) : undefined;
  const inSet = group?.sets[set.id];
  return {
    id: own?.capabilitySpelling ?? entry?.spelling ?? capability.displayId,
    description: own?.capabilityDescription !== undefined ? own.capabilityDescription : (entry?.description ?? capability.description),
    group: group ? (inSet?.spelling ?? group.displayId) : null,
    groupLabel: group ? (inSet?.label ?? inSet?.spelling ?? group.displayId) : null,
  };
}

/** The ATT&CK name a row gives: its own, else the technique's in the set's version. */
function attackObjectName(ctx: ModelIndex, set: MappingSet, item: Mapping | NonMappable): string | null {
  if ('status' in item) {
    return item.attackObjectName !== undefined ? item.attackObjectName : techniqueNameAt(ctx.techniques.get(item.techniqueId), set.attackVersion);
  }
  return item.attackObjectName ?? (item.techniqueId ? techniqueNameAt(ctx.techniques.get(item.techniqueId), set.attackVersion) : null);
}

/** One mapping or non-mappable entry, as a unified-format mapping object. */
function toMappingObject(ctx: ModelIndex, set: MappingSet, item: Mapping | NonMappable): Record<string, unknown> {
  const capability = capabilityFields(ctx, set, item);
  const isMapping = 'status' in item;
  const object: Record<string, unknown> = {
    capability_id: capability.id,
    capability_description: capability.description,
    capability_group: capability.group,
    mapping_type: item.mappingType,
    attack_object_id: item.techniqueId,
    attack_object_name: attackObjectName(ctx, set, item),
  };
  if (isMapping) {
    if (item.scoreCategory) object['score_category'] = item.scoreCategory;
    if (item.scoreValue) object['score_value'] = item.scoreValue;
    if (item.relatedScore) object['related_score'] = item.relatedScore;
  }
  object['comments'] = item.comments;
  object['references'] = item.references;
  object['status'] = isMapping ? STATUSES[item.status].unified : 'non_mappable';
  return object;
}

/**
 * Rows of the CSV export (values as written, before the formula guard). As in the Mappings
 * Explorer's own CSV export, the group column holds the group's label and the type column the
 * type's name as the set declares them.
 */
function toCsvRecord(ctx: ModelIndex, set: MappingSet, item: Mapping | NonMappable): Record<string, string> {
  const o = toMappingObject(ctx, set, item);
  const text = (v: unknown) => (v == null ? '' : String(v));
  const typeName = item.mappingType === null ? null : (set.mappingTypes.find((t) => t.id === item.mappingType)?.name ?? item.mappingType);
  return {
    mapping_framework: set.frameworkId,
    mapping_framework_version: set.frameworkVersion,
    capability_group: text(capabilityFields(ctx, set, item).groupLabel),
    capability_id: text(o['capability_id']),
    capability_description: text(o['capability_description']),
    mapping_type: text(typeName),
    attack_object_id: text(o['attack_object_id']),
    attack_object_name: text(o['attack_object_name']),
    attack_version: set.attackVersion,
    technology_domain: set.domain,
    score_category: text(o['score_category']),
    score_value: text(o['score_value']),
    related_score: text(o['related_score']),
    // A JSON array: spreadsheets show it as text, and readers (ours, Python's) parse it back.
    references: JSON.stringify(item.references),
    comments: text(item.comments),
    organization: text(set.organization),
    creation_date: set.creationDate ? toUsDate(set.creationDate) : '',
    last_update: set.lastUpdate ? toUsDate(set.lastUpdate) : '',
    // The published exports' mapping status; "participant_review" is kept as it is in CSV.
    status: 'status' in item ? item.status : 'non_mappable',
  };
}

/**
 * The CSV export: the published columns (and status), no index column, RFC 4180 quoting,
 * every cell guarded against formula injection. Each row names its set, so one file may hold
 * the rows of several sets.
 */
export function toCsv(ctx: ModelIndex, entries: readonly { set: MappingSet; item: Mapping | NonMappable }[]): string {
  const rows = entries.map(({ set, item }) => {
    const record = toCsvRecord(ctx, set, item);
    return EXPORT_CSV_COLUMNS.map((column) => neutralizeCell(record[column] ?? ''));
  });
  return `${Papa.unparse({ fields: [...EXPORT_CSV_COLUMNS], data: rows }, { newline: '\r\n' })}\r\n`;
}

/** Columns of a set's gap list. */
export const GAP_CSV_COLUMNS = ['attack_object_id', 'attack_object_name', 'tactics', 'is_subtechnique', 'non_mappable'] as const;

/** A set's gaps as CSV: one row per technique, tactics separated by "; ", flags as true/false. */
export function toGapsCsv(rows: readonly GapRow[]): string {
  const data = rows.map((r) => [r.id, r.name, r.tactics.join('; '), String(r.isSubtechnique), String(r.nonMappable)].map(neutralizeCell));
  return `${Papa.unparse({ fields: [...GAP_CSV_COLUMNS], data }, { newline: '\r\n' })}\r\n`;
}

/** The unified Mappings Explorer JSON file of a set (or a part of it). */
export function toUnifiedJson(ctx: ModelIndex, set: MappingSet, items: readonly (Mapping | NonMappable)[]): object {
  const objects = items.map((item) => toMappingObject(ctx, set, item));
  const groupLabels: Record<string, string> = {};
  for (const item of items) {
    const { group, groupLabel } = capabilityFields(ctx, set, item);
    if (group !== null && groupLabel !== null) groupLabels[group] ??= groupLabel;
  }
  const creation = set.creationDate ?? set.lastUpdate;
  return {
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
    mapping_objects: objects,
  };
}

// ---------------------------------------------------------------------------------------------
// ATT&CK Navigator layers
// ---------------------------------------------------------------------------------------------

const GRADIENT = ['#dbe9f6', '#1f5fa8'] as const;

/** A colour between the gradient's ends: t in [0, 1]. */
function gradientColor(t: number): string {
  const [from, to] = GRADIENT.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  const mix = from!.map((c, i) => Math.round(c + (to![i]! - c) * Math.min(1, Math.max(0, t))));
  return `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

export interface LayerOptions {
  /** What the layer shows, e.g. "T1046" or "AC-4"; the set itself when absent. */
  subject?: string;
  /** Absolute URL of a page, for links back to the site. */
  pageUrl: (path: { technique?: string; set?: string }) => string;
}

/**
 * A Navigator layer (format 4.5) of mappings. One entry per technique, never a null id.
 * Scored frameworks: the best score value of the technique's mappings (minimal 1, partial 2,
 * significant 3), whatever the category; control frameworks: how many capabilities map to it.
 * The gradient spans the scores present (non-mappable entries never count).
 */
export function toNavigatorLayer(ctx: ModelIndex, set: MappingSet, mappings: readonly Mapping[], options: LayerOptions): object {
  const framework = ctx.frameworks.get(set.frameworkId)!;
  const scored = mappings.some((m) => isScoredType(m.mappingType));
  const byTechnique = new Map<string, Mapping[]>();
  for (const m of mappings) pushTo(byTechnique, m.techniqueId, m);
  const label = (m: Mapping) => capabilityFields(ctx, set, m).id ?? m.capabilityId;

  const entries: Record<string, unknown>[] = [];
  const scores: number[] = [];
  const ids = [...byTechnique.keys()].sort();
  const mappedSubtechniques = new Map<string, string[]>();
  for (const id of ids) {
    const parent = parentTechniqueId(id);
    if (parent) pushTo(mappedSubtechniques, parent, id);
  }
  for (const techniqueId of ids) {
    const list = byTechnique.get(techniqueId)!;
    const capabilities = [...new Set(list.map(label))].sort();
    // Rows of a scored type without a score stay out of the score (they are listed in the metadata).
    const ranks = list.filter((m) => !lacksScore(m)).map((m) => (m.scoreValue ? SCORE_VALUES[m.scoreValue].rank : 0));
    const score = scored ? (ranks.length ? Math.max(...ranks) : null) : capabilities.length;
    if (score !== null) scores.push(score);
    const describe = (m: Mapping) =>
      lacksScore(m) ? `${m.scoreCategory ?? 'no category'}: not scored` : m.scoreValue ? `${m.scoreCategory ?? 'score'}: ${m.scoreValue}` : mappingTypeLabel(set, m.mappingType);
    const sorted = [...list].sort((a, b) => label(a).localeCompare(label(b)));
    entries.push({
      techniqueID: techniqueId,
      ...(score !== null ? { score } : {}),
      comment: !scored
        ? `Mapped by ${plural(capabilities.length, 'capability', 'capabilities')}: ${capabilities.join(', ')}`
        : score === null
          ? `Mapped but not scored: ${sorted.map((m) => label(m)).join(', ')}`
          : `Best score ${score} (${Object.entries(SCORE_VALUES).find(([, v]) => v.rank === score)?.[0] ?? score}) from: ${sorted.map((m) => `${label(m)} (${describe(m)})`).join('; ')}`,
      enabled: true,
      metadata: sorted.map((m) => ({ name: label(m), value: describe(m) })),
      links: [{ label: `${techniqueId} on Mapscope`, url: options.pageUrl({ technique: techniqueId }) }],
      ...(mappedSubtechniques.has(techniqueId) ? { showSubtechniques: true } : {}),
    });
  }
  // Parents of mapped sub-techniques show them expanded, without a score of their own.
  const parents = [...mappedSubtechniques.keys()].filter((p) => !byTechnique.has(p));
  for (const parent of parents.sort()) {
    entries.push({
      techniqueID: parent,
      comment: `Sub-techniques mapped: ${mappedSubtechniques.get(parent)!.join(', ')}`,
      enabled: true,
      showSubtechniques: true,
    });
  }
  entries.sort((a, b) => String(a['techniqueID']).localeCompare(String(b['techniqueID'])));

  let minValue = scores.length ? Math.min(...scores) : 0;
  const maxValue = scores.length ? Math.max(...scores) : 1;
  // The Navigator needs maxValue > minValue; when every score is equal, start the scale one lower.
  if (minValue >= maxValue) minValue = maxValue - 1;
  const at = (value: number) => gradientColor((value - minValue) / (maxValue - minValue));
  const legendItems = scored
    ? Object.entries(SCORE_VALUES)
        .filter(([, v]) => scores.includes(v.rank))
        .map(([, v]) => ({ label: `${v.label} (${v.rank}): best score of the mapped capabilities`, color: at(v.rank) }))
    : [...new Set([Math.min(...scores), Math.max(...scores)])]
        .filter((v) => Number.isFinite(v))
        .map((v) => ({ label: `${plural(v, 'mapped capability', 'mapped capabilities')}`, color: at(v) }));

  const title = setTitle(set, framework);
  return {
    name: options.subject ? `${options.subject}: ${title}` : title,
    versions: { attack: set.attackVersion, navigator: '4.9.1', layer: '4.5' },
    domain: DOMAINS[set.domain].navigator,
    description: scored
      ? `${title}. Score: the best score value (1 minimal, 2 partial, 3 significant) of the capabilities mapped to each technique, across protect, detect and respond.`
      : `${title}. Score: the number of ${framework.name} capabilities mapped to each technique.`,
    sorting: 3,
    layout: { layout: 'side', showID: true, showName: true, showAggregateScores: false, expandedSubtechniques: 'annotated' },
    hideDisabled: false,
    techniques: entries,
    gradient: { colors: [...GRADIENT], minValue, maxValue },
    legendItems,
    showTacticRowBackground: false,
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
    metadata: [
      { name: 'Mapping set', value: title },
      ...(set.organization ? [{ name: 'Organization', value: set.organization }] : []),
      ...(set.lastUpdate ? [{ name: 'Last updated', value: set.lastUpdate }] : []),
    ],
    links: [{ label: 'This set on Mapscope', url: options.pageUrl({ set: set.id }) }],
  };
}
