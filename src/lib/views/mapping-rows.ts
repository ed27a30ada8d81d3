/**
 * The rows of the mapping tables, shared by the technique, capability and group pages: equal
 * mappings that recur in several sets become one row listing those sets, newest first, keeping
 * what the sets say differently as variants. Also the pages' per-set counts (for the set filter)
 * and their non-mappable entries. Pure functions of the model index (model-index.ts).
 */
import { techniqueNoteIn, type TechniqueNote } from './attack-views.ts';
import { compareNatural } from '../core/ids.ts';
import { frameworkSetLabel, mappingTypeLabel, techniqueNameAt } from '../core/labels.ts';
import type { ModelIndex } from '../model/model-index.ts';
import { pushTo } from '../core/multimap.ts';
import type { Capability, Mapping, MappingSet, NonMappable, Technique } from '../model/schema.ts';
import { lacksScore } from '../core/scores.ts';
import { SCORE_CATEGORY_IDS, SCORE_VALUES, type ScoreCategory, type ScoreValue } from '../core/vocabulary.ts';
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
  /**
   * For a sub-technique's score, the parent technique whose score it relates to: each one the row's
   * sets give, with those sets, and whether it names a technique with a page (a related_score that
   * is no technique id is kept as written, with a warning, and shown as text).
   */
  relatedScores: (Variant & { technique: boolean })[];
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

/** "NIST SP 800-53 rev5 @ 16.1": a set with its framework's name. */
export const setLabelIn = (index: ModelIndex, set: MappingSet): string => frameworkSetLabel(set, required(index.frameworks, set.frameworkId, 'framework'));

/** Columns a list of rows needs. */
export function columnsFor(rows: readonly MappingRow[]): TableColumns {
  return {
    scores: rows.some((r) => r.scoreCategory !== null || r.scoreValue !== null),
    comments: rows.some((r) => r.comments !== null),
    references: rows.some((r) => r.references.length > 0),
  };
}

/** The capability description a mapping's row gives: its own, else its set's. */
const titleOf = (m: Mapping, capability: Capability): string | null =>
  m.capabilityDescription !== undefined
    ? (m.capabilityDescription ?? capability.sets[m.setId]?.description ?? null)
    : (capability.sets[m.setId]?.description ?? null);

/** Values the mappings of one row give, newest set's first, each with its sets. */
function variantsOf(index: ModelIndex, list: readonly Mapping[], value: (m: Mapping, set: MappingSet) => string | null): Variant[] {
  const byValue = new Map<string | null, MappingSet[]>();
  for (const m of list) {
    const set = required(index.sets, m.setId, 'set');
    pushTo(byValue, value(m, set), set);
  }
  return [...byValue.entries()].map(([v, inSets]) => ({ value: v, sets: inSets.sort(index.byNewest) })).sort((a, b) => index.byNewest(a.sets[0]!, b.sets[0]!));
}

/** What the ATT&CK versions of a row's sets say of its technique, each note once. */
function techniqueNotesOf(index: ModelIndex, technique: Technique, inSets: readonly MappingSet[]): TechniqueNote[] {
  const notes = new Map<string, TechniqueNote>();
  for (const set of inSets) {
    const note = techniqueNoteIn(index, technique, set);
    if (note) notes.set(`${note.text} ${note.replacement}`, note);
  }
  return [...notes.values()];
}

/** One row from the mappings that share its row id. */
function mappingRow(index: ModelIndex, rowId: string, list: Mapping[]): MappingRow {
  const { sets } = index;
  list.sort((a, b) => index.byNewest(required(sets, a.setId, 'set'), required(sets, b.setId, 'set')));
  const newest = list[0]!;
  const capability = required(index.capabilities, newest.capabilityId, 'capability');
  const technique = required(index.techniques, newest.techniqueId, 'technique');
  const types = variantsOf(index, list, (m, set) => mappingTypeLabel(set, m.mappingType));
  const titles = variantsOf(index, list, (m) => titleOf(m, capability));
  const inSets = [...new Map(list.map((m) => [m.setId, required(sets, m.setId, 'set')])).values()];
  return {
    rowId,
    capability,
    technique,
    mappingType: { id: newest.mappingType, label: types[0]!.value! },
    typeVariants: types.slice(1),
    title: titles[0]!.value,
    titles,
    techniqueNames: variantsOf(index, list, (m, set) => m.attackObjectName ?? techniqueNameAt(technique, set.attackVersion)),
    scoreCategory: newest.scoreCategory,
    scoreValue: newest.scoreValue,
    notScoredIn: list.filter(lacksScore).map((m) => required(sets, m.setId, 'set')),
    relatedScores: variantsOf(index, list, (m) => m.relatedScore)
      .filter((v) => v.value !== null)
      .map((v) => ({ ...v, technique: index.techniques.has(v.value!) })),
    comments: newest.comments,
    references: newest.references,
    statuses: variantsOf(index, list, (m) => m.status),
    sets: inSets,
    tokens: index.setTokenList(inSets),
    techniqueNotes: techniqueNotesOf(index, technique, inSets),
  };
}

/** Merge mappings that share a row id; what the sets of a row say differently is kept as variants. */
export function mappingRows(index: ModelIndex, mappings: readonly Mapping[]): MappingRow[] {
  const grouped = new Map<string, Mapping[]>();
  for (const m of mappings) pushTo(grouped, m.rowId, m);
  return [...grouped].map(([rowId, list]) => mappingRow(index, rowId, list));
}

const CATEGORY_ORDER = new Map(SCORE_CATEGORY_IDS.map((c, i) => [c, i]));

const compareScores = (a: MappingRow, b: MappingRow) =>
  (CATEGORY_ORDER.get(a.scoreCategory!) ?? 9) - (CATEGORY_ORDER.get(b.scoreCategory!) ?? 9) ||
  (b.scoreValue ? SCORE_VALUES[b.scoreValue].rank : 0) - (a.scoreValue ? SCORE_VALUES[a.scoreValue].rank : 0);

/** Rows by capability, then technique, then score (category order, highest value first). */
export const byCapability = (a: MappingRow, b: MappingRow) =>
  compareNatural(a.capability.displayId, b.capability.displayId) ||
  compareNatural(a.technique.id, b.technique.id) ||
  compareScores(a, b) ||
  (a.rowId < b.rowId ? -1 : 1);

/** Rows by technique, then score. */
export const byTechnique = (a: MappingRow, b: MappingRow) =>
  compareNatural(a.technique.id, b.technique.id) || compareScores(a, b) || (a.rowId < b.rowId ? -1 : 1);

/** The sets of some rows with how many rows each has, by framework name, then newest first. */
export function setCounts(index: ModelIndex, rows: readonly MappingRow[]): SetCount[] {
  const { sets, frameworks } = index;
  const counts = new Map<string, number>();
  for (const r of rows) for (const s of r.sets) counts.set(s.id, (counts.get(s.id) ?? 0) + 1);
  return [...counts.entries()]
    .map(([id, count]) => ({ set: required(sets, id, 'set'), label: setLabelIn(index, required(sets, id, 'set')), count }))
    .sort(
      (a, b) =>
        required(frameworks, a.set.frameworkId, 'framework').name.localeCompare(required(frameworks, b.set.frameworkId, 'framework').name) ||
        index.byNewest(a.set, b.set),
    );
}

/** Non-mappable entries with their set, capability, technique and name, newest set first. */
export function nonMappableEntries(index: ModelIndex, list: readonly NonMappable[] | undefined): NonMappableEntry[] {
  return (list ?? [])
    .map((entry) => {
      const capability = entry.capabilityId ? required(index.capabilities, entry.capabilityId, 'capability') : null;
      const technique = entry.techniqueId ? required(index.techniques, entry.techniqueId, 'technique') : null;
      const set = required(index.sets, entry.setId, 'set');
      return {
        entry,
        set,
        capability,
        technique,
        name: capability
          ? (entry.capabilityDescription ?? capability.sets[entry.setId]?.description ?? capability.description)
          : (entry.attackObjectName ?? technique?.name ?? null),
        setLabel: setLabelIn(index, set),
        tokens: index.setTokenList([set]),
      };
    })
    .sort((a, b) => index.byNewest(a.set, b.set));
}
