/**
 * Views of the model for the explorer's pages: for each page kind the data it shows (technique,
 * capability, group, framework, set, data quality, home). Equal mappings that recur in several
 * sets become one row listing those sets, newest first. Pure functions of the model index
 * (model-index.ts): pages stay thin, components get what they show, and tests can check every
 * view without a build.
 */
import { gapRows, matrixView, techniqueAttackView, techniqueNoteIn, type GapRow, type MatrixView, type TechniqueAttackView, type TechniqueNote } from './attack-views.ts';
import { compareNatural } from '../core/ids.ts';
import { renderAttackMarkdown, type RenderedDescription } from './markdown.ts';
import { setAnchor, withAnchor, type SiteUrls } from '../core/urls.ts';
import { frameworkSetLabel, mappingTypeLabel, techniqueNameAt } from '../core/labels.ts';
import type { ModelIndex } from '../model/model-index.ts';
import { pushTo } from '../core/multimap.ts';
import type { Capability, CapabilityGroup, DataWarning, Duplicate, Framework, Mapping, MappingSet, NonMappable, Technique } from '../model/schema.ts';
import { lacksScore } from '../core/scores.ts';
import { warningsByKind, warningTotal } from '../model/warnings.ts';
import { SCORE_CATEGORY_IDS, SCORE_VALUES, WARNING_KIND_IDS, WARNING_KINDS, type ScoreCategory, type ScoreValue, type WarningKind } from '../core/vocabulary.ts';
import { required } from '../core/lookups.ts';

/** A value that some of a row's sets give otherwise than its newest set, with those sets. */
export interface Variant {
  value: string | null;
  /** Newest first. */
  sets: MappingSet[];
}

/** One table row: a mapping as it appears in one or more sets. */
export interface MappingRow {
  /** Stable, content-derived id: the row's anchor. */
  rowId: string;
  capability: Capability;
  technique: Technique;
  /** The mapping type as the row's newest set labels it. */
  mappingType: { id: string; label: string };
  /** Other labels older sets of the row give the type ("Protects" where the newest says "Mitigates"). */
  typeVariants: Variant[];
  /** The capability's description as the row's newest set gives it. */
  title: string | null;
  /** Every description the row's sets give, the newest set's first (rev5's "Device Lock", rev4's "Session Lock"). */
  titles: Variant[];
  /** Every name the row's sets give its technique (their own, else their ATT&CK version's), the newest set's first. */
  techniqueNames: Variant[];
  // Score category and value, comments and references are the same in every set of a row (its id is made of them).
  scoreCategory: ScoreCategory | null;
  scoreValue: ScoreValue | null;
  /** The sets in which the row is of a scored type without its score (shown as "not scored"), newest first. */
  notScoredIn: MappingSet[];
  /** For a sub-technique's score, the parent technique whose score it relates to: each one the row's sets give, with those sets. */
  relatedScores: Variant[];
  comments: string | null;
  /** As read: http(s) URLs become links, other entries are shown as text. */
  references: string[];
  /** Each status the row's sets give, with those sets, newest first. */
  statuses: Variant[];
  /** The sets the row appears in, newest first. */
  sets: MappingSet[];
  /** The row's data-sets attribute (set filter tokens). */
  tokens: string;
  /** What the row's sets' ATT&CK versions say of its technique, where that is worth saying (revoked...). */
  techniqueNotes: TechniqueNote[];
}

/** Which optional columns a table needs. */
export interface TableColumns {
  scores: boolean;
  comments: boolean;
  references: boolean;
}

export interface FrameworkTable extends TableColumns {
  framework: Framework;
  rows: MappingRow[];
  /** The table's data-sets attribute: the sets of its rows. */
  tokens: string;
}

export interface SetCount {
  set: MappingSet;
  /** "NIST SP 800-53 rev5 @ 8.2" */
  label: string;
  count: number;
}

export interface NonMappableEntry {
  entry: NonMappable;
  set: MappingSet;
  capability: Capability | null;
  technique: Technique | null;
  /** The name the set gives the entry: its own description of its capability, else the set's, or the ATT&CK name. */
  name: string | null;
  /** "NIST SP 800-53 rev5 @ 16.1" */
  setLabel: string;
  /** The entry's data-sets attribute (set filter tokens). */
  tokens: string;
}

export interface TechniqueView {
  technique: Technique;
  /** Its ATT&CK facts: status, names, tactics, platforms, where it is a gap. */
  attack: TechniqueAttackView;
  /** Its description, rendered (null when neither bundles nor tables give one). */
  description: RenderedDescription | null;
  parent: Technique | null;
  subtechniques: { technique: Technique; rowCount: number }[];
  tables: FrameworkTable[];
  rowCount: number;
  /** Sets with rows on this page, for the set filter. */
  sets: SetCount[];
  nonMappables: NonMappableEntry[];
}

/** A matrix of what one capability or group covers, in the newest set that maps it. */
export interface SubjectMatrix {
  set: MappingSet;
  /** "NIST SP 800-53 rev5 @ 16.1" */
  label: string;
  view: MatrixView;
}

export interface CapabilityView extends TableColumns {
  capability: Capability;
  /** The sets that name it, newest first. */
  inSets: MappingSet[];
  /** What its sets title it, when they differ: each title with its sets, newest first. */
  titles: Variant[];
  framework: Framework;
  group: CapabilityGroup | null;
  /** Spellings other than the one shown. */
  otherSpellings: string[];
  rows: MappingRow[];
  sets: SetCount[];
  nonMappables: NonMappableEntry[];
  matrix: SubjectMatrix | null;
}

export interface GroupView {
  group: CapabilityGroup;
  framework: Framework;
  /**
   * Its capabilities with their rows and techniques: the page lists them, and each capability's
   * page its rows (NIST AC's 1,400 rows on one page made it 1 MB, and repeated those pages).
   */
  capabilities: { capability: Capability; rowCount: number; techniqueCount: number }[];
  /** Rows of all its capabilities (mappings in several sets counted once). */
  rowCount: number;
  matrix: SubjectMatrix | null;
}

export interface SetView {
  set: MappingSet;
  framework: Framework;
  /** Groups with their label as this set writes it. */
  groups: { group: CapabilityGroup; label: string; capabilityCount: number; mappingCount: number }[];
  capabilities: { capability: Capability; group: CapabilityGroup | null; mappingCount: number; techniqueCount: number }[];
  techniqueCount: number;
  /** Mappings of a scored type without a score. */
  notScored: number;
  /** Objects of the set that a warning concerns. */
  warningCount: number;
  nonMappables: NonMappableEntry[];
  duplicates: Duplicate[];
  /** The ATT&CK matrix of the set's version, shaded by its coverage; null when the catalog lacks the version. */
  matrix: MatrixView | null;
  /** Active techniques of its version that none of its mappings names; null when the catalog lacks the version. */
  gaps: GapRow[] | null;
}

/** Where a warning was found, with the row it concerns when there is one to link. */
export interface WarningPlace {
  /** "file#/pointer" or "file:line", as messages write it. */
  source: string;
  file: string;
  /** Within the file: "#/mapping_objects/12" or "line 14". */
  position: string;
  technique: Technique | null;
  /** The row's page and anchor: a mapping on its technique page, a non-mappable entry on its set page. */
  row: { page: 'technique'; id: string; anchor: string } | { page: 'set'; id: string; anchor: string } | null;
}

/** The data-quality page: every warning, by set, then by kind. */
export interface DataQualityView {
  total: number;
  kindCounts: { kind: WarningKind; title: string; count: number }[];
  sets: {
    set: MappingSet;
    framework: Framework;
    count: number;
    /** The files the set's warnings were found in. */
    files: string[];
    kinds: {
      kind: WarningKind;
      title: string;
      warnings: { warning: DataWarning; capability: Capability | null; places: WarningPlace[] }[];
    }[];
  }[];
}

export interface FrameworkView {
  framework: Framework;
  sets: MappingSet[];
  groups: { group: CapabilityGroup; capabilityCount: number; rowCount: number }[];
  capabilityCount: number;
  rowCount: number;
  ungrouped: Capability[];
}

/** The footer of every page: each framework's sets and who made them, and the build's warnings. */
export interface FooterView {
  setCount: number;
  frameworkCount: number;
  warningCount: number;
}

/** Where a framework's mapping data comes from: its sets' organizations, authors and contacts, else its files. */
export interface FrameworkSource {
  framework: Framework;
  who: string[];
}

export interface TechniqueSummary {
  technique: Technique;
  rowCount: number;
  frameworkCount: number;
}

const CATEGORY_ORDER = new Map(SCORE_CATEGORY_IDS.map((c, i) => [c, i]));

/** Columns a list of rows needs. */
function columnsFor(rows: readonly MappingRow[]): TableColumns {
  return {
    scores: rows.some((r) => r.scoreCategory !== null || r.scoreValue !== null),
    comments: rows.some((r) => r.comments !== null),
    references: rows.some((r) => r.references.length > 0),
  };
}

/** Build the explorer's views over an indexed model. */
export function createExplorer(index: ModelIndex) {
  const { model, sets, frameworks, capabilities, groups, techniques, byNewest } = index;
  const { mappingsByTechnique, mappingsByCapability, mappingsBySet, capabilitiesByGroup } = index;
  const { nonMappablesByTechnique, nonMappablesByCapability, nonMappablesBySet } = index;
  const setLabel = (set: MappingSet) => frameworkSetLabel(set, required(frameworks, set.frameworkId, 'framework'));


  /** The capability description a mapping's row gives: its own, else its set's. */
  const titleOf = (m: Mapping, capability: Capability): string | null =>
    m.capabilityDescription !== undefined ? (m.capabilityDescription ?? capability.sets[m.setId]?.description ?? null) : (capability.sets[m.setId]?.description ?? null);

  /** Values the mappings of one row give, newest set's first, each with its sets. */
  function variantsOf(list: readonly Mapping[], value: (m: Mapping, set: MappingSet) => string | null): Variant[] {
    const byValue = new Map<string | null, MappingSet[]>();
    for (const m of list) {
      const set = required(sets, m.setId, 'set');
      pushTo(byValue, value(m, set), set);
    }
    return [...byValue.entries()].map(([v, inSets]) => ({ value: v, sets: inSets.sort(byNewest) })).sort((a, b) => byNewest(a.sets[0]!, b.sets[0]!));
  }

  /** Merge mappings that share a row id; what the sets of a row say differently is kept as variants. */
  function rowsOf(mappings: readonly Mapping[]): MappingRow[] {
    const grouped = new Map<string, Mapping[]>();
    for (const m of mappings) pushTo(grouped, m.rowId, m);
    const rows: MappingRow[] = [];
    for (const [rowId, list] of grouped) {
      list.sort((a, b) => byNewest(required(sets, a.setId, 'set'), required(sets, b.setId, 'set')));
      const newest = list[0]!;
      const capability = required(capabilities, newest.capabilityId, 'capability');
      const types = variantsOf(list, (m, set) => mappingTypeLabel(set, m.mappingType));
      const titles = variantsOf(list, (m) => titleOf(m, capability));
      const inSets = [...new Map(list.map((m) => [m.setId, required(sets, m.setId, 'set')])).values()];
      const technique = required(techniques, newest.techniqueId, 'technique');
      const techniqueNames = variantsOf(list, (m, set) => m.attackObjectName ?? techniqueNameAt(technique, set.attackVersion));
      const related = variantsOf(list, (m) => m.relatedScore).filter((v) => v.value !== null);
      const notes = new Map<string, TechniqueNote>();
      for (const set of inSets) {
        const note = techniqueNoteIn(index, technique, set);
        if (note) notes.set(`${note.text} ${note.replacement}`, note);
      }
      rows.push({
        rowId,
        capability,
        technique,
        mappingType: { id: newest.mappingType, label: types[0]!.value! },
        typeVariants: types.slice(1),
        title: titles[0]!.value,
        titles,
        techniqueNames,
        scoreCategory: newest.scoreCategory,
        scoreValue: newest.scoreValue,
        notScoredIn: list.filter(lacksScore).map((m) => required(sets, m.setId, 'set')),
        relatedScores: related,
        comments: newest.comments,
        references: newest.references,
        statuses: variantsOf(list, (m) => m.status),
        sets: inSets,
        tokens: index.setTokenList(inSets),
        techniqueNotes: [...notes.values()],
      });
    }
    return rows;
  }

  const compareScores = (a: MappingRow, b: MappingRow) =>
    (CATEGORY_ORDER.get(a.scoreCategory!) ?? 9) - (CATEGORY_ORDER.get(b.scoreCategory!) ?? 9) ||
    (b.scoreValue ? SCORE_VALUES[b.scoreValue].rank : 0) - (a.scoreValue ? SCORE_VALUES[a.scoreValue].rank : 0);
  const byCapability = (a: MappingRow, b: MappingRow) =>
    compareNatural(a.capability.displayId, b.capability.displayId) || compareNatural(a.technique.id, b.technique.id) || compareScores(a, b) || (a.rowId < b.rowId ? -1 : 1);
  const byTechnique = (a: MappingRow, b: MappingRow) =>
    compareNatural(a.technique.id, b.technique.id) || compareScores(a, b) || (a.rowId < b.rowId ? -1 : 1);

  function setCounts(rows: readonly MappingRow[]): SetCount[] {
    const counts = new Map<string, number>();
    for (const r of rows) for (const s of r.sets) counts.set(s.id, (counts.get(s.id) ?? 0) + 1);
    return [...counts.entries()]
      .map(([id, count]) => ({ set: required(sets, id, 'set'), label: setLabel(required(sets, id, 'set')), count }))
      .sort((a, b) =>
        required(frameworks, a.set.frameworkId, 'framework').name.localeCompare(required(frameworks, b.set.frameworkId, 'framework').name) || byNewest(a.set, b.set),
      );
  }

  const nonMappableEntries = (list: readonly NonMappable[] | undefined): NonMappableEntry[] =>
    (list ?? [])
      .map((entry) => {
        const capability = entry.capabilityId ? required(capabilities, entry.capabilityId, 'capability') : null;
        const technique = entry.techniqueId ? required(techniques, entry.techniqueId, 'technique') : null;
        const set = required(sets, entry.setId, 'set');
        return {
          entry,
          set,
          capability,
          technique,
          name: capability ? (entry.capabilityDescription ?? capability.sets[entry.setId]?.description ?? capability.description) : (entry.attackObjectName ?? technique?.name ?? null),
          setLabel: setLabel(set),
          tokens: index.setTokenList([set]),
        };
      })
      .sort((a, b) => byNewest(a.set, b.set));

  const mappingRowIds = new Set(model.mappings.map((m) => m.rowId));
  const nonMappableIds = new Set(model.nonMappables.map((n) => n.id));

  /** The matrix of some mappings in the newest set (with a catalog version) among theirs. */
  function subjectMatrix(mappings: readonly Mapping[]): SubjectMatrix | null {
    const inSets = [...new Set(mappings.map((m) => m.setId))].map((id) => required(sets, id, 'set')).sort(byNewest);
    for (const set of inSets) {
      const view = matrixView(index, set.domain, set.attackVersion, mappings.filter((m) => m.setId === set.id), { coveredOnly: true });
      if (view) return { set, label: setLabel(set), view };
    }
    return null;
  }

  const rowCountCache = new Map<string, number>();
  const techniqueRowCount = (id: string) => {
    let count = rowCountCache.get(id);
    if (count === undefined) {
      count = new Set((mappingsByTechnique.get(id) ?? []).map((m) => m.rowId)).size;
      rowCountCache.set(id, count);
    }
    return count;
  };

  /** Sets that a capability's or group's page offers in its set filter (only when there are two or more). */
  const filterCache = new Map<string, ReadonlySet<string>>();
  const filterSets = (key: string, mappings: () => readonly Mapping[]): ReadonlySet<string> => {
    let found = filterCache.get(key);
    if (!found) {
      const ids = new Set(mappings().map((m) => m.setId));
      found = ids.size > 1 ? ids : new Set();
      filterCache.set(key, found);
    }
    return found;
  };

  let footer: FooterView | undefined;
  let summaries: { framework: Framework; sets: MappingSet[]; mappingCount: number; capabilityCount: number }[] | undefined;

  return {
    index,

    technique(id: string): TechniqueView {
      const technique = required(techniques, id, 'technique');
      const rows = rowsOf(mappingsByTechnique.get(id) ?? []);
      const byFramework = new Map<string, MappingRow[]>();
      for (const row of rows) pushTo(byFramework, row.capability.frameworkId, row);
      const tables = [...byFramework.entries()]
        .map(([frameworkId, list]) => {
          const sorted = list.sort(byCapability);
          const tableSets = [...new Set(sorted.flatMap((r) => r.sets))];
          return { framework: required(frameworks, frameworkId, 'framework'), rows: sorted, tokens: index.setTokenList(tableSets), ...columnsFor(sorted) };
        })
        .sort((a, b) => a.framework.name.localeCompare(b.framework.name));
      return {
        technique,
        attack: techniqueAttackView(index, technique),
        description: technique.description ? renderAttackMarkdown(technique.description, technique.citations, `source-${technique.id}`) : null,
        parent: technique.parentId ? techniques.get(technique.parentId) ?? null : null,
        subtechniques: technique.subtechniqueIds.map((s) => ({ technique: required(techniques, s, 'technique'), rowCount: techniqueRowCount(s) })),
        tables,
        rowCount: rows.length,
        sets: setCounts(rows),
        nonMappables: nonMappableEntries(nonMappablesByTechnique.get(id)),
      };
    },

    capability(id: string): CapabilityView {
      const capability = required(capabilities, id, 'capability');
      const rows = rowsOf(mappingsByCapability.get(id) ?? []).sort(byTechnique);
      const byTitle = new Map<string | null, MappingSet[]>();
      for (const [setId, entry] of Object.entries(capability.sets)) pushTo(byTitle, entry.description, required(sets, setId, 'set'));
      const titles = byTitle.size > 1 ? [...byTitle.entries()].map(([value, inSets]) => ({ value, sets: inSets.sort(byNewest) })).sort((a, b) => byNewest(a.sets[0]!, b.sets[0]!)) : [];
      return {
        capability,
        inSets: Object.keys(capability.sets).map((s) => required(sets, s, 'set')),
        titles,
        framework: required(frameworks, capability.frameworkId, 'framework'),
        group: capability.groupId ? groups.get(capability.groupId) ?? null : null,
        otherSpellings: capability.spellings.filter((s) => s !== capability.displayId),
        rows,
        ...columnsFor(rows),
        sets: setCounts(rows),
        nonMappables: nonMappableEntries(nonMappablesByCapability.get(id)),
        matrix: subjectMatrix(mappingsByCapability.get(id) ?? []),
      };
    },

    group(id: string): GroupView {
      const group = required(groups, id, 'capability group');
      const members = (capabilitiesByGroup.get(id) ?? []).slice().sort((a, b) => compareNatural(a.displayId, b.displayId));
      const groupMappings = index.groupMappings(id);
      const rows = rowsOf(groupMappings).sort(byCapability);
      const perCapability = new Map<string, MappingRow[]>();
      for (const r of rows) pushTo(perCapability, r.capability.id, r);
      return {
        group,
        framework: required(frameworks, group.frameworkId, 'framework'),
        capabilities: members.map((capability) => {
          const own = perCapability.get(capability.id) ?? [];
          return { capability, rowCount: own.length, techniqueCount: new Set(own.map((r) => r.technique.id)).size };
        }),
        rowCount: rows.length,
        matrix: subjectMatrix(groupMappings),
      };
    },

    set(id: string): SetView {
      const set = required(sets, id, 'set');
      const mappings = mappingsBySet.get(id) ?? [];
      const perCapability = new Map<string, Mapping[]>();
      for (const m of mappings) pushTo(perCapability, m.capabilityId, m);
      const inSet = model.capabilities.filter((c) => c.sets[id] !== undefined);
      const capabilityRows = inSet.map((capability) => {
        const own = perCapability.get(capability.id) ?? [];
        const groupId = capability.sets[id]!.groupId;
        return {
          capability,
          group: groupId ? groups.get(groupId) ?? null : null,
          mappingCount: own.length,
          techniqueCount: new Set(own.map((m) => m.techniqueId)).size,
        };
      });
      const perGroup = new Map<string, typeof capabilityRows>();
      for (const row of capabilityRows) if (row.group) pushTo(perGroup, row.group.id, row);
      return {
        set,
        framework: required(frameworks, set.frameworkId, 'framework'),
        groups: [...perGroup.entries()]
          .map(([groupId, list]) => {
            const group = required(groups, groupId, 'capability group');
            return {
              group,
              label: group.sets[id]?.label ?? group.label,
              capabilityCount: list.length,
              mappingCount: list.reduce((n, r) => n + r.mappingCount, 0),
            };
          })
          .sort((a, b) => compareNatural(a.group.displayId, b.group.displayId)),
        capabilities: capabilityRows,
        techniqueCount: new Set(mappings.map((m) => m.techniqueId)).size,
        notScored: mappings.filter(lacksScore).length,
        warningCount: index.warningCount(id),
        nonMappables: nonMappableEntries(nonMappablesBySet.get(id)),
        duplicates: model.duplicates.filter((d) => d.setId === id),
        matrix: matrixView(index, set.domain, set.attackVersion, mappings),
        gaps: gapRows(index, set),
      };
    },

    framework(id: string): FrameworkView {
      const framework = required(frameworks, id, 'framework');
      const frameworkGroups = model.groups.filter((g) => g.frameworkId === id);
      const frameworkCapabilities = model.capabilities.filter((c) => c.frameworkId === id);
      // Distinct rows per group, counted as the group pages count them.
      const groupRows = new Map<string, Set<string>>();
      const allRows = new Set<string>();
      for (const capability of frameworkCapabilities) {
        for (const m of mappingsByCapability.get(capability.id) ?? []) {
          allRows.add(m.rowId);
          const groupId = capability.sets[m.setId]?.groupId ?? null;
          if (!groupId) continue;
          const rows = groupRows.get(groupId) ?? new Set<string>();
          rows.add(m.rowId);
          groupRows.set(groupId, rows);
        }
      }
      return {
        framework,
        sets: framework.setIds.map((s) => required(sets, s, 'set')),
        groups: frameworkGroups.map((group) => ({
          group,
          capabilityCount: (capabilitiesByGroup.get(group.id) ?? []).length,
          rowCount: groupRows.get(group.id)?.size ?? 0,
        })),
        capabilityCount: frameworkCapabilities.length,
        rowCount: allRows.size,
        ungrouped: frameworkCapabilities.filter((c) => Object.values(c.sets).every((e) => e.groupId === null)),
      };
    },

    /** Every warning of the build, by set (newest first within a framework) and kind. */
    dataQuality(): DataQualityView {
      const perSet = index.warningsBySet;
      const place = (o: DataWarning['occurrences'][number]): WarningPlace => {
        const technique = o.techniqueId ? techniques.get(o.techniqueId) ?? null : null;
        let row: WarningPlace['row'] = null;
        if (o.rowId && technique && mappingRowIds.has(o.rowId)) row = { page: 'technique', id: technique.id, anchor: o.rowId };
        const at = /^(.*?)(?:(#\/.*)|:(\d+))$/.exec(o.source);
        const file = at ? at[1]! : o.source;
        const position = at ? (at[2] ?? `line ${at[3]}`) : '';
        return { source: o.source, file, position, technique, row };
      };
      const kindTotals = new Map<WarningKind, number>();
      const setViews = model.sets
        .filter((s) => perSet.has(s.id))
        .map((set) => {
          const list = required(perSet, set.id, 'set');
          const byKind = warningsByKind(list);
          const kinds = WARNING_KIND_IDS.filter((k) => byKind.has(k)).map((kind) => {
              const warnings = required(byKind, kind, 'warning kind');
              kindTotals.set(kind, (kindTotals.get(kind) ?? 0) + warningTotal(warnings));
              return {
                kind,
                title: WARNING_KINDS[kind].title,
                warnings: warnings.map((warning) => ({
                  warning,
                  capability: warning.capabilityId ? capabilities.get(warning.capabilityId) ?? null : null,
                  places: warning.occurrences.map((o) => {
                    const p = place(o);
                    return p.row === null && o.rowId && nonMappableIds.has(o.rowId) ? { ...p, row: { page: 'set' as const, id: set.id, anchor: o.rowId } } : p;
                  }),
                })),
              };
            });
          const files = [...new Set(kinds.flatMap((k) => k.warnings.flatMap((w) => w.places.map((p) => p.file))))].sort();
          return { set, framework: required(frameworks, set.frameworkId, 'framework'), count: index.warningCount(set.id), files, kinds };
        });
      return {
        total: warningTotal(model.warnings),
        kindCounts: WARNING_KIND_IDS.filter((k) => kindTotals.has(k)).map((kind) => ({ kind, title: WARNING_KINDS[kind].title, count: required(kindTotals, kind, 'warning kind') })),
        sets: setViews,
      };
    },

    /** Sets the capability page's filter offers: link to `#set-<id>` only for these. */
    capabilityFilterSets(id: string): ReadonlySet<string> {
      return filterSets(`c:${id}`, () => mappingsByCapability.get(id) ?? []);
    },

    /** Sets the technique page's filter offers. */
    techniqueFilterSets(id: string): ReadonlySet<string> {
      return filterSets(`t:${id}`, () => mappingsByTechnique.get(id) ?? []);
    },

    /** A technique's page, narrowed to a set where the page offers that set in its filter. */
    techniqueInSet(urls: Pick<SiteUrls, 'technique'>, id: string, setId: string): string {
      const href = urls.technique(id);
      return this.techniqueFilterSets(id).has(setId) ? withAnchor(href, setAnchor(setId)) : href;
    },

    /** Techniques in id order with their row counts (parents before their sub-techniques). */
    techniqueSummaries(): TechniqueSummary[] {
      return model.techniques.map((technique) => ({
        technique,
        rowCount: techniqueRowCount(technique.id),
        frameworkCount: new Set(
          (mappingsByTechnique.get(technique.id) ?? []).map((m) => required(sets, m.setId, 'set').frameworkId),
        ).size,
      }));
    },

    /** Every page's footer: each framework's sets name their source (who made them, else their files). */
    footer(): FooterView {
      return (footer ??= {
        setCount: model.sets.length,
        frameworkCount: model.frameworks.length,
        warningCount: warningTotal(model.warnings),
      });
    },

    /** Each framework's sources, for the frameworks page (every page's footer links there). */
    sources(): FrameworkSource[] {
      return this.frameworkSummaries().map(({ framework, sets: frameworkSets }) => {
        const people = [...new Set(frameworkSets.flatMap((s) => [s.organization, s.author, s.contact]).filter((v): v is string => !!v))];
        const files = [...new Set(frameworkSets.flatMap((s) => s.sources.map((f) => f.split('/').pop()!)))];
        return { framework, who: people.length ? people : files };
      });
    },

    /** Per framework: its sets with their counts, for the home and frameworks pages. */
    frameworkSummaries(): { framework: Framework; sets: MappingSet[]; mappingCount: number; capabilityCount: number }[] {
      return (summaries ??= [...model.frameworks]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((framework) => ({
          framework,
          sets: framework.setIds.map((s) => required(sets, s, 'set')),
          mappingCount: framework.setIds.reduce((n, s) => n + required(sets, s, 'set').counts.mappings, 0),
          capabilityCount: model.capabilities.filter((c) => c.frameworkId === framework.id).length,
        })));
    },
  };
}

export type Explorer = ReturnType<typeof createExplorer>;
