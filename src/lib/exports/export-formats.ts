/**
 * The download formats, from a set's mapping objects (the unified Mappings Explorer format) and
 * what the set says of itself: the CSV export (published columns and status), the unified JSON
 * file and ATT&CK Navigator layers (format 4.5). Pure: the build writes each
 * set's files with these functions, and a page makes its own rows' files with the same ones,
 * from the set's JSON file and its rows file (src/lib/exports/export-rows.ts makes both).
 */
import { normalizeWhitespace, parentTechniqueId } from '../core/ids.ts';
import { toUsDate } from '../core/dates.ts';
import { csvFile } from './spreadsheet-cells.ts';
import { plural } from '../core/id-breaks.ts';
import { CSV_COLUMNS, DOMAINS, SCORE_VALUES, type Domain } from '../core/vocabulary.ts';
import { required } from '../core/lookups.ts';
import { scoredWithoutScore, scoreValueOfRank } from '../core/scores.ts';

/** The CSV columns written: the published export's, plus the mapping status. */
export const EXPORT_CSV_COLUMNS = [...CSV_COLUMNS, 'status'] as const;

/** A unified-format mapping object, as the set's JSON file holds it. */
export type MappingObject = Record<string, unknown>;

/** What a set's files need besides its mapping objects. */
export interface ExportSet {
  id: string;
  /** "NIST SP 800-53 rev5 → ATT&CK Enterprise 16.1" */
  title: string;
  frameworkId: string;
  frameworkName: string;
  frameworkVersion: string;
  attackVersion: string;
  domain: Domain;
  organization: string | null;
  /** ISO dates as the set gives them (the CSV leaves a missing creation date empty). */
  creationDate: string | null;
  lastUpdate: string | null;
  /** The unified file's metadata, its capability groups those of the whole set. */
  metadata: Record<string, unknown> & { capability_groups: Record<string, string> };
  /** Mapping types by id: the name the set declares, the label pages show, and whether it is scored. */
  types: Record<string, { name: string; label: string; scored: boolean }>;
  /** Absolute URLs of the site's pages, for the links in layers. */
  pages: { set: string; techniquePrefix: string };
  /**
   * The ATT&CK STIX id of each technique the set's mappings name, in its ATT&CK version and
   * domain, where the catalog has it (for STIX bundles: formats/stix-bundle.ts).
   */
  attackPatterns?: Record<string, string>;
  /** What made the files, for a workbook's About sheet: Mapscope's version and the build's date (ISO). */
  made?: { mapscopeVersion: string; buildDate: string };
}

/** One mapping or non-mappable entry of a set. */
export interface ExportRow {
  object: MappingObject;
  /** The status as the CSV export writes it (finer than the unified format's: "participant_review"). */
  status: string;
  /** Whether it is a mapping (not a non-mappable entry). */
  mapping: boolean;
}

const text = (v: unknown) => (v == null ? '' : String(v));

/** A row of the CSV export (values as written, before the formula guard); the workbook writes the same cells. */
export function csvRecord(set: ExportSet, row: ExportRow): Record<string, string> {
  const o = row.object;
  const type = o['mapping_type'] == null ? null : String(o['mapping_type']);
  const group = o['capability_group'] == null ? null : String(o['capability_group']);
  // A row that writes its set's fields otherwise (naming the same set) keeps its own spelling.
  const own = (field: string, value: string) => (o[field] == null ? value : String(o[field]));
  return {
    mapping_framework: own('mapping_framework', set.frameworkId),
    mapping_framework_version: own('mapping_framework_version', set.frameworkVersion),
    // As in the Mappings Explorer's own CSV export: the group's label and the type's name.
    capability_group: group === null ? '' : (set.metadata.capability_groups[group] ?? group),
    capability_id: text(o['capability_id']),
    capability_description: text(o['capability_description']),
    mapping_type: type === null ? '' : (set.types[type]?.name ?? type),
    attack_object_id: text(o['attack_object_id']),
    attack_object_name: text(o['attack_object_name']),
    attack_version: own('attack_version', set.attackVersion),
    technology_domain: set.domain,
    score_category: text(o['score_category']),
    score_value: text(o['score_value']),
    related_score: text(o['related_score']),
    // A JSON array: spreadsheets show it as text, and readers (ours, Python's) parse it back.
    references: JSON.stringify(o['references'] ?? []),
    comments: text(o['comments']),
    organization: text(set.organization),
    creation_date: set.creationDate ? toUsDate(set.creationDate) : '',
    last_update: set.lastUpdate ? toUsDate(set.lastUpdate) : '',
    status: row.status,
  };
}

/**
 * The CSV export: the published columns (and status), no index column, RFC 4180 quoting,
 * every cell guarded against formula injection. Each row names its set, so one file may hold
 * the rows of several sets.
 */
export function csvOf(entries: readonly { set: ExportSet; row: ExportRow }[]): string {
  return csvFile(
    EXPORT_CSV_COLUMNS,
    entries.map(({ set, row }) => {
      const record = csvRecord(set, row);
      return EXPORT_CSV_COLUMNS.map((column) => record[column] ?? '');
    }),
  );
}

/** The unified Mappings Explorer JSON file of a set, or of some of its rows (their groups only). */
export function unifiedJsonOf(set: ExportSet, rows: readonly ExportRow[]): object {
  const groups: Record<string, string> = {};
  for (const { object } of rows) {
    const group = object['capability_group'];
    if (group != null && set.metadata.capability_groups[String(group)] !== undefined) groups[String(group)] ??= set.metadata.capability_groups[String(group)]!;
  }
  return { metadata: { ...set.metadata, capability_groups: groups }, mapping_objects: rows.map((r) => r.object) };
}

// ---------------------------------------------------------------------------------------------
// ATT&CK Navigator layers
// ---------------------------------------------------------------------------------------------

/** The colours of every layer's score scale, lowest to highest. */
export const LAYER_GRADIENT = ['#dbe9f6', '#1f5fa8'] as const;

/** A colour between the gradient's ends: t in [0, 1]. */
export function gradientColor(t: number): string {
  const [from, to] = LAYER_GRADIENT.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  const mix = from!.map((c, i) => Math.round(c + (to![i]! - c) * Math.min(1, Math.max(0, t))));
  return `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A Navigator layer (format 4.5) of a set's mappings (all, or one page's). One entry per
 * technique, never a null id. Scored frameworks: the best score value of the technique's
 * mappings (minimal 1, partial 2, significant 3), whatever the category; control frameworks:
 * how many capabilities map to it. The gradient spans the scores present. `subject` ("T1046",
 * "AC-4") names what the layer shows, when not the whole set.
 */
export function layerOf(set: ExportSet, rows: readonly ExportRow[], subject?: string): object {
  const mappings = rows.filter((r) => r.mapping).map((r) => r.object);
  const typeOf = (o: MappingObject) => set.types[String(o['mapping_type'])];
  const scored = mappings.some((o) => typeOf(o)?.scored);
  // A row of a scored type without its category or value: shown as "not scored".
  const lacksScore = (o: MappingObject) => scoredWithoutScore(!!typeOf(o)?.scored, o['score_category'], o['score_value']);
  // Objects write ids as their sources do ("AC-4 ", "t1046"); a layer names them in their one form.
  const label = (o: MappingObject) => normalizeWhitespace(String(o['capability_id']));
  const byTechnique = new Map<string, MappingObject[]>();
  for (const o of mappings) {
    const id = normalizeWhitespace(String(o['attack_object_id'])).toUpperCase();
    const list = byTechnique.get(id);
    if (list) list.push(o);
    else byTechnique.set(id, [o]);
  }

  const entries: Record<string, unknown>[] = [];
  const scores: number[] = [];
  const ids = [...byTechnique.keys()].sort();
  const mappedSubtechniques = new Map<string, string[]>();
  for (const id of ids) {
    const parent = parentTechniqueId(id);
    if (parent) mappedSubtechniques.set(parent, [...(mappedSubtechniques.get(parent) ?? []), id]);
  }
  for (const techniqueId of ids) {
    const list = required(byTechnique, techniqueId, 'technique');
    const capabilities = [...new Set(list.map(label))].sort();
    // Rows of a scored type without a score stay out of the score (they are listed in the metadata).
    const ranks = list.filter((o) => !lacksScore(o)).map((o) => (o['score_value'] ? SCORE_VALUES[o['score_value'] as keyof typeof SCORE_VALUES].rank : 0));
    const score = scored ? (ranks.length ? Math.max(...ranks) : null) : capabilities.length;
    if (score !== null) scores.push(score);
    const describe = (o: MappingObject) =>
      lacksScore(o)
        ? `${text(o['score_category']) || 'no category'}: not scored`
        : o['score_value']
          ? `${text(o['score_category']) || 'score'}: ${text(o['score_value'])}`
          : (typeOf(o)?.label ?? text(o['mapping_type']));
    const sorted = [...list].sort((a, b) => label(a).localeCompare(label(b)));
    entries.push({
      techniqueID: techniqueId,
      ...(score !== null ? { score } : {}),
      comment: !scored
        ? `Mapped by ${plural(capabilities.length, 'capability', 'capabilities')}: ${capabilities.join(', ')}`
        : score === null
          ? `Mapped but not scored: ${sorted.map((o) => label(o)).join(', ')}`
          : `Best score ${score} (${scoreValueOfRank(score) ?? score}) from: ${sorted.map((o) => `${label(o)} (${describe(o)})`).join('; ')}`,
      enabled: true,
      metadata: sorted.map((o) => ({ name: label(o), value: describe(o) })),
      links: [{ label: `${techniqueId} on Mapscope`, url: `${set.pages.techniquePrefix}${techniqueId}/` }],
      ...(mappedSubtechniques.has(techniqueId) ? { showSubtechniques: true } : {}),
    });
  }
  // Parents of mapped sub-techniques show them expanded, without a score of their own.
  const parents = [...mappedSubtechniques.keys()].filter((p) => !byTechnique.has(p));
  for (const parent of parents.sort()) {
    entries.push({
      techniqueID: parent,
      comment: `Sub-techniques mapped: ${required(mappedSubtechniques, parent, 'mappedSubtechniques').join(', ')}`,
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

  return navigatorLayer({
    name: subject ? `${subject}: ${set.title}` : set.title,
    attackVersion: set.attackVersion,
    domain: set.domain,
    description: scored
      ? `${set.title}. Score: the best score value (1 minimal, 2 partial, 3 significant) of the capabilities mapped to each technique, across protect, detect and respond.`
      : `${set.title}. Score: the number of ${set.frameworkName} capabilities mapped to each technique.`,
    techniques: entries,
    minValue,
    maxValue,
    legendItems,
    metadata: [
      { name: 'Mapping set', value: set.title },
      ...(set.organization ? [{ name: 'Organization', value: set.organization }] : []),
      ...(set.lastUpdate ? [{ name: 'Last updated', value: set.lastUpdate }] : []),
    ],
    links: [{ label: 'This set on Mapscope', url: set.pages.set }],
  });
}

/** What differs between the site's layers; navigatorLayer adds what they share. */
export interface LayerParts {
  name: string;
  attackVersion: string;
  domain: Domain;
  description: string;
  techniques: object[];
  minValue: number;
  maxValue: number;
  legendItems: { label: string; color: string }[];
  metadata: { name: string; value: string }[];
  links: { label: string; url: string }[];
}

/** A Navigator layer (format 4.5, Navigator 4.9.1 or later): the parts given, and the settings every layer of the site shares. */
export function navigatorLayer(parts: LayerParts): object {
  return {
    name: parts.name,
    versions: { attack: parts.attackVersion, navigator: '4.9.1', layer: '4.5' },
    domain: DOMAINS[parts.domain].navigator,
    description: parts.description,
    sorting: 3,
    layout: { layout: 'side', showID: true, showName: true, showAggregateScores: false, expandedSubtechniques: 'annotated' },
    hideDisabled: false,
    techniques: parts.techniques,
    gradient: { colors: [...LAYER_GRADIENT], minValue: parts.minValue, maxValue: parts.maxValue },
    legendItems: parts.legendItems,
    showTacticRowBackground: false,
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
    metadata: parts.metadata,
    links: parts.links,
  };
}
