/**
 * The data-quality page: every warning of the build, by set (in model order) and kind, each with
 * the places it concerns, linked to the row each place became where a page shows that row.
 */
import type { ModelIndex } from '../model/model-index.ts';
import { warningsByKind, warningTotal } from '../model/warnings.ts';
import type { Capability, DataWarning, Framework, MappingSet, SourceLocation, Technique, WarningOccurrence } from '../model/schema.ts';
import { WARNING_KIND_IDS, WARNING_KINDS, type WarningKind } from '../ingest/rules/index.ts';
import { required } from '../core/lookups.ts';

/** Where a warning was found, with the row it concerns when there is one to link. */
export interface WarningPlace {
  /** As read; core/locations.ts writes it. */
  location: SourceLocation;
  technique: Technique | null;
  /** The row's page and anchor: a mapping on its technique page, a non-mappable entry on its set page. */
  row: { page: 'technique'; id: string; anchor: string } | { page: 'set'; id: string; anchor: string } | null;
}

export interface WarningKindGroup {
  kind: WarningKind;
  title: string;
  warnings: { warning: DataWarning; capability: Capability | null; places: WarningPlace[] }[];
}

export interface SetWarnings {
  set: MappingSet;
  framework: Framework;
  count: number;
  /** The files the set's warnings were found in. */
  files: string[];
  kinds: WarningKindGroup[];
}

/** The data-quality page: every warning, by set, then by kind. */
export interface DataQualityView {
  total: number;
  kindCounts: { kind: WarningKind; title: string; count: number }[];
  sets: SetWarnings[];
  /** Warnings of no set: description files and catalogs of no framework a set maps (read with --descriptions). */
  unfiled: { count: number; files: string[]; kinds: WarningKindGroup[] } | null;
}

/** The rows and entries a warning's place can link to. */
interface Linkable {
  mappingRows: ReadonlySet<string>;
  nonMappables: ReadonlySet<string>;
}

/** A place of a set's warning: a mapping links to its technique page's row, else a non-mappable entry to the set page. */
function warningPlace(index: ModelIndex, linkable: Linkable, set: MappingSet | null, o: WarningOccurrence): WarningPlace {
  const technique = o.techniqueId ? (index.techniques.get(o.techniqueId) ?? null) : null;
  let row: WarningPlace['row'] = null;
  if (o.rowId && technique && linkable.mappingRows.has(o.rowId)) row = { page: 'technique', id: technique.id, anchor: o.rowId };
  else if (set && o.rowId && linkable.nonMappables.has(o.rowId)) row = { page: 'set', id: set.id, anchor: o.rowId };
  return { location: o.location, technique, row };
}

/** A set's warnings by kind, in the kinds' order. */
function kindGroups(index: ModelIndex, linkable: Linkable, set: MappingSet | null, warnings: readonly DataWarning[]): WarningKindGroup[] {
  const byKind = warningsByKind(warnings);
  return WARNING_KIND_IDS.filter((k) => byKind.has(k)).map((kind) => ({
    kind,
    title: WARNING_KINDS[kind].title,
    warnings: required(byKind, kind, 'warning kind').map((warning) => ({
      warning,
      capability: warning.capabilityId ? (index.capabilities.get(warning.capabilityId) ?? null) : null,
      places: warning.occurrences.map((o) => warningPlace(index, linkable, set, o)),
    })),
  }));
}

/** Every warning of the build, by set (newest first within a framework) and kind. */
export function dataQualityView(index: ModelIndex): DataQualityView {
  const { model } = index;
  const linkable: Linkable = { mappingRows: new Set(model.mappings.map((m) => m.rowId)), nonMappables: new Set(model.nonMappables.map((n) => n.id)) };
  const kindTotals = new Map<WarningKind, number>();
  const sets = model.sets
    .filter((s) => index.warningsBySet.has(s.id))
    .map((set): SetWarnings => {
      const kinds = kindGroups(index, linkable, set, required(index.warningsBySet, set.id, 'set'));
      for (const k of kinds) kindTotals.set(k.kind, (kindTotals.get(k.kind) ?? 0) + warningTotal(k.warnings.map((w) => w.warning)));
      const files = [...new Set(kinds.flatMap((k) => k.warnings.flatMap((w) => w.places.map((p) => p.location.file))))].sort();
      return { set, framework: required(index.frameworks, set.frameworkId, 'framework'), count: index.warningCount(set.id), files, kinds };
    });
  const setless = model.warnings.filter((w) => !index.sets.has(w.setId));
  let unfiled: DataQualityView['unfiled'] = null;
  if (setless.length) {
    const kinds = kindGroups(index, linkable, null, setless);
    for (const k of kinds) kindTotals.set(k.kind, (kindTotals.get(k.kind) ?? 0) + warningTotal(k.warnings.map((w) => w.warning)));
    unfiled = { count: warningTotal(setless), files: [...new Set(setless.flatMap((w) => w.occurrences.map((o) => o.location.file)))].sort(), kinds };
  }
  return {
    total: warningTotal(model.warnings),
    kindCounts: WARNING_KIND_IDS.filter((k) => kindTotals.has(k)).map((kind) => ({
      kind,
      title: WARNING_KINDS[kind].title,
      count: required(kindTotals, kind, 'warning kind'),
    })),
    sets,
    unfiled,
  };
}
