/**
 * ATT&CK views of the model: a technique's facts across ATT&CK versions (status, names, tactics,
 * where it is a gap), the matrix of a set (or of one capability or group in a set) shaded by
 * coverage, a set's gaps, and tactic pages. Pure functions of the model index.
 */
import { stateAt } from '../attack/catalog.ts';
import { compareNatural, isSubtechniqueId, parentTechniqueId } from '../core/ids.ts';
import { attackVersionLabel, frameworkSetLabel } from '../core/labels.ts';
import { CAPABILITY_SHADE_LEGEND, capabilityShade, SCORE_SHADE_LEGEND } from '../core/matrix-shades.ts';
import type { ModelIndex } from '../model/model-index.ts';
import { pushTo } from '../core/multimap.ts';
import type { Framework, Mapping, MappingSet, ModelTactic, Technique, TechniqueState } from '../model/schema.ts';
import { isScoredType, lacksScore } from '../core/scores.ts';
import { compareAttackVersions } from '../core/versions.ts';
import { SCORE_CATEGORY_IDS, SCORE_VALUES, type Domain, type ScoreCategory, type ScoreValue } from '../core/vocabulary.ts';
import { required } from '../core/lookups.ts';

/** A technique's state in one version of one domain. */
export function techniqueStateAt(technique: Technique, domain: Domain, version: string): TechniqueState | undefined {
  return stateAt(
    technique.states.filter((s) => s.domain === domain),
    version,
  );
}

const isActive = (state: TechniqueState | undefined) => !!state && !state.revoked && !state.deprecated;

/**
 * What a technique id a set maps is in a (newer) version of the domain: itself when active there,
 * else what revoked it, revoked-by followed to the end, when that is active; null when neither is
 * (unknown to the version, deprecated, or revoked with no active replacement). The one home of
 * the carrying that the coverage builder and /matrix/ do; `active` says what counts as active in
 * the version (the coverage builder's matrix also has techniques no set maps).
 */
export function carriedTechniqueId(
  index: ModelIndex,
  domain: Domain,
  version: string,
  id: string,
  active: (id: string) => boolean = (t) => {
    const technique = index.techniques.get(t);
    return !!technique && isActive(techniqueStateAt(technique, domain, version));
  },
): string | null {
  let current = id;
  // Revocation chains are short (one or two steps); the bound only guards against a cycle.
  for (let step = 0; step < 10; step++) {
    if (active(current)) return current;
    const technique = index.techniques.get(current);
    const state = technique ? techniqueStateAt(technique, domain, version) : undefined;
    if (!state?.revoked || !state.revokedBy) return null;
    current = state.revokedBy;
  }
  return null;
}

/** A tactic's name in a version (else its newest). */
export function tacticName(tactic: ModelTactic, version?: string): string {
  return (version ? stateAt(tactic.states, version)?.name : undefined) ?? tactic.states[tactic.states.length - 1]!.name;
}

/** What a set's ATT&CK version says of a technique a row names, when that is worth a note. */
export interface TechniqueNote {
  kind: 'unknown' | 'revoked' | 'deprecated';
  /** "revoked in ATT&CK Enterprise 16.1" */
  text: string;
  /** The technique that replaces a revoked one, when ATT&CK names it. */
  replacement: string | null;
}

export function techniqueNoteIn(index: ModelIndex, technique: Technique, set: MappingSet): TechniqueNote | null {
  const known = index.attackVersions.get(set.domain)?.some((v) => v.version === set.attackVersion);
  return known ? techniqueNoteAt(technique, set.domain, set.attackVersion) : null;
}

/** Why a version has no active technique of that id (null: it has one). */
function techniqueNoteAt(technique: Technique | undefined, domain: Domain, version: string): TechniqueNote | null {
  const attack = attackVersionLabel(domain, version);
  const state = technique && techniqueStateAt(technique, domain, version);
  if (!state) return { kind: 'unknown', text: `not a technique of ${attack}`, replacement: null };
  if (state.revoked) return { kind: 'revoked', text: `revoked in ${attack}`, replacement: state.revokedBy ?? null };
  if (state.deprecated) return { kind: 'deprecated', text: `deprecated in ${attack}`, replacement: null };
  return null;
}

// ---------------------------------------------------------------------------------------------
// A technique's ATT&CK facts
// ---------------------------------------------------------------------------------------------

export interface TechniqueAttackView {
  domain: Domain | null;
  /** The newest ATT&CK version that has it. */
  newest: string | null;
  /** Revoked or deprecated as of the newest version, since which version. */
  status: { kind: 'revoked' | 'deprecated'; since: string; newest: string; replacement: string | null } | null;
  /** Its tactics in the newest version, with whether the site has a page for each. */
  tactics: { id: string; name: string; page: boolean }[];
  platforms: string[];
  /** Its name in each run of versions that share one, oldest first: "Network Service Scanning, 8.2–10.1". */
  names: { name: string; from: string; to: string }[];
  /** The ATT&CK version the page pins its link to (the newest its mappings use), e.g. "16". */
  pinnedMajor: string | null;
  /** Sets whose ATT&CK version has it active and whose mappings do not name it. */
  gapIn: { set: MappingSet; label: string }[];
}

export function techniqueAttackView(index: ModelIndex, technique: Technique): TechniqueAttackView {
  const states = technique.states;
  const domain = states[0]?.domain ?? technique.domains[0] ?? null;
  const versions = domain ? (index.attackVersions.get(domain) ?? []).map((v) => v.version) : [];
  const present = versions.filter((v) => states.some((s) => s.versions.includes(v)));
  const newest = present[present.length - 1] ?? null;
  const newestState = newest && domain ? techniqueStateAt(technique, domain, newest) : undefined;
  let status: TechniqueAttackView['status'] = null;
  if (newestState && !isActive(newestState) && domain) {
    const kind = newestState.revoked ? 'revoked' : 'deprecated';
    // The first version of the run that ends in the newest with the same status.
    let since = newest!;
    for (let i = present.length - 1; i >= 0; i--) {
      const s = techniqueStateAt(technique, domain, present[i]!);
      if (!s || (kind === 'revoked' ? !s.revoked : !s.deprecated || s.revoked)) break;
      since = present[i]!;
    }
    status = { kind, since, newest: newest!, replacement: newestState.revokedBy ?? null };
  }
  const names: TechniqueAttackView['names'] = [];
  for (const v of present) {
    const name = techniqueStateAt(technique, domain!, v)!.name;
    const last = names[names.length - 1];
    if (last && last.name === name) last.to = v;
    else names.push({ name, from: v, to: v });
  }
  const mappedVersions = (index.mappingsByTechnique.get(technique.id) ?? []).map((m) => required(index.sets, m.setId, 'set').attackVersion);
  const pinned = [...new Set(mappedVersions)].sort((a, b) => compareAttackVersions(b, a))[0] ?? newest;
  const gapIn = index.model.sets
    .filter(
      (set) =>
        set.domain === domain &&
        isActive(techniqueStateAt(technique, set.domain, set.attackVersion)) &&
        !index.techniqueIdsBySet.get(set.id)?.has(technique.id),
    )
    .map((set) => ({ set, label: frameworkSetLabel(set, required(index.frameworks, set.frameworkId, 'framework')) }));
  return {
    domain,
    newest,
    status,
    tactics: (newestState?.tactics ?? []).map((id) => {
      const tactic = index.tactics.get(id);
      return { id, name: tactic ? tacticName(tactic, newest ?? undefined) : id, page: !!tactic };
    }),
    platforms: newestState?.platforms ?? technique.platforms,
    names,
    pinnedMajor: pinned ? pinned.split('.')[0]! : null,
    gapIn,
  };
}

// ---------------------------------------------------------------------------------------------
// The matrix
// ---------------------------------------------------------------------------------------------

/** How well a technique is covered: by how many capabilities, with which best scores. */
export interface Coverage {
  /** Distinct capabilities mapped. */
  capabilities: number;
  /** Best score value per category (scored sets). */
  scores: { category: ScoreCategory; value: ScoreValue }[];
  best: ScoreValue | null;
  /** Mapped only by rows of a scored type that carry no score. */
  unscored: boolean;
  /** 0 (not mapped) to 4: a score's rank for scored sets; 1, 2-3, 4-9, 10+ capabilities otherwise. */
  shade: number;
}

export interface MatrixCell {
  id: string;
  /** Its name in the matrix's version. */
  name: string;
  coverage: Coverage;
  /** Its sub-techniques in the version (only the covered ones in a covered-only matrix). */
  subtechniques: MatrixCell[];
  /** Sub-techniques in the version, and those covered. */
  totalSubtechniques: number;
  coveredSubtechniques: number;
  /**
   * In a matrix of some techniques only (`only`): the cell is not one of them, only the parent of
   * sub-techniques that are (a group uses T1595.002, not T1595), so it has no coverage to show.
   */
  container: boolean;
}

export interface MatrixColumn {
  tacticId: string;
  name: string;
  cells: MatrixCell[];
  /** Techniques and sub-techniques of the tactic that are covered, and all of them. */
  covered: number;
  total: number;
}

export interface MatrixView {
  domain: Domain;
  version: string;
  /** Shaded by best score (scored frameworks) or by the number of capabilities. */
  scored: boolean;
  /** Only covered techniques are in the cells (the counts are of all). */
  coveredOnly: boolean;
  /** The mappings are of one capability (of a control framework): a cell is mapped or not, no count to show. */
  oneCapability: boolean;
  columns: MatrixColumn[];
  /** Distinct techniques and sub-techniques covered, and in the version. */
  covered: number;
  total: number;
  legend: { shade: number; label: string }[];
  /**
   * Techniques the mappings name that the version's matrix has no cell for (unknown to the
   * version, revoked or deprecated in it), with why: the difference between a set's technique
   * count and its matrix's covered count.
   */
  unplaced: { id: string; note: TechniqueNote }[];
}

const ONE_CAPABILITY_SHADE = 3;

function coverageOf(mappings: readonly Mapping[], scored: boolean): Coverage {
  if (mappings.length === 0) return { capabilities: 0, scores: [], best: null, unscored: false, shade: 0 };
  const capabilities = new Set(mappings.map((m) => m.capabilityId)).size;
  const best = new Map<ScoreCategory, ScoreValue>();
  for (const m of mappings) {
    if (!m.scoreCategory || !m.scoreValue) continue;
    const previous = best.get(m.scoreCategory);
    if (!previous || SCORE_VALUES[m.scoreValue].rank > SCORE_VALUES[previous].rank) best.set(m.scoreCategory, m.scoreValue);
  }
  const scores = SCORE_CATEGORY_IDS.filter((c) => best.has(c)).map((category) => ({ category, value: required(best, category, 'best') }));
  const top = scores.reduce<ScoreValue | null>((b, s) => (!b || SCORE_VALUES[s.value].rank > SCORE_VALUES[b].rank ? s.value : b), null);
  const unscored = scored && top === null && mappings.every((m) => lacksScore(m) || !m.scoreValue);
  const shade = scored ? (top ? SCORE_VALUES[top].rank : 1) : capabilityShade(capabilities);
  return { capabilities, scores, best: top, unscored, shade };
}

/** What a matrix of a version shows whatever is mapped: its active techniques by tactic, in order. */
interface MatrixSkeleton {
  /** Active techniques and sub-techniques, by id, with their state in the version. */
  active: ReadonlyMap<string, TechniqueState>;
  /** Sub-technique ids under each parent, in id order. */
  subsOf: ReadonlyMap<string, readonly string[]>;
  /** Per tactic of the matrix: its name and its parent techniques, by name. */
  columns: { tacticId: string; name: string; parents: readonly string[] }[];
}

const skeletons = new WeakMap<ModelIndex, Map<string, MatrixSkeleton | null>>();

/** The skeleton of a domain's version (computed once per model index); null when the catalog lacks the version. */
function matrixSkeleton(index: ModelIndex, domain: Domain, version: string): MatrixSkeleton | null {
  let cache = skeletons.get(index);
  if (!cache) skeletons.set(index, (cache = new Map()));
  const key = `${domain}|${version}`;
  if (cache.has(key)) return required(cache, key, 'cache');
  const attackVersion = index.attackVersions.get(domain)?.find((v) => v.version === version);
  let skeleton: MatrixSkeleton | null = null;
  if (attackVersion) {
    const active = new Map<string, TechniqueState>();
    for (const technique of index.model.techniques) {
      const state = techniqueStateAt(technique, domain, version);
      if (isActive(state)) active.set(technique.id, state!);
    }
    const subsOf = new Map<string, string[]>();
    for (const [id, state] of active) {
      const parent = state.parent ?? parentTechniqueId(id);
      if (parent && active.has(parent)) pushTo(subsOf, parent, id);
    }
    for (const subs of subsOf.values()) subs.sort(compareNatural);
    const parents = [...active].filter(([id]) => !isSubtechniqueId(id));
    const columns = attackVersion.matrix.map((tacticId) => {
      const tactic = index.tactics.get(tacticId);
      return {
        tacticId,
        name: tactic ? tacticName(tactic, version) : tacticId,
        parents: parents
          .filter(([, state]) => state.tactics.includes(tacticId))
          .sort(([, a], [, b]) => compareNatural(a.name, b.name))
          .map(([id]) => id),
      };
    });
    skeleton = { active, subsOf, columns };
  }
  cache.set(key, skeleton);
  return skeleton;
}

export interface MatrixOptions {
  /**
   * Show only covered techniques (and the parents of covered sub-techniques), every tactic
   * keeping its counts: the matrix of one capability or group, where the set's page has the rest.
   */
  coveredOnly?: boolean;
  /**
   * Show only these techniques (and the parents of their sub-techniques), the counts being of
   * them: the matrix of an adversary's techniques, shaded by what covers them.
   */
  only?: ReadonlySet<string>;
  /** Shade by the number of capabilities even where scored sets are among the mappings (mappings of several frameworks). */
  byCount?: boolean;
}

/**
 * The ATT&CK matrix of a version, shaded by how `mappings` (of one set, or one capability or group
 * within it) cover each active technique; null when the catalog does not have the version.
 */
export function matrixView(index: ModelIndex, domain: Domain, version: string, mappings: readonly Mapping[], options: MatrixOptions = {}): MatrixView | null {
  const skeleton = matrixSkeleton(index, domain, version);
  if (!skeleton) return null;
  const only = options.only;
  const inSubject = (id: string) => !only || only.has(id);
  const scored = !options.byCount && mappings.some((m) => isScoredType(m.mappingType));
  const oneCapability = !scored && !only && new Set(mappings.map((m) => m.capabilityId)).size <= 1;
  const byTechnique = new Map<string, Mapping[]>();
  for (const m of mappings) pushTo(byTechnique, m.techniqueId, m);
  const coverage = (id: string): Coverage => {
    const c = coverageOf(byTechnique.get(id) ?? [], scored);
    // One capability's cells are mapped or not: shaded clearly, not as the palest of counts.
    return oneCapability && c.shade > 0 ? { ...c, shade: ONE_CAPABILITY_SHADE } : c;
  };
  const cell = (id: string): MatrixCell => {
    const subs = (skeleton.subsOf.get(id) ?? []).filter(inSubject).map(cell);
    const covered = subs.filter((s) => s.coverage.shade > 0);
    return {
      id,
      name: required(skeleton.active, id, 'active').name,
      coverage: inSubject(id) ? coverage(id) : coverageOf([], scored),
      subtechniques: options.coveredOnly ? covered : subs,
      totalSubtechniques: subs.length,
      coveredSubtechniques: covered.length,
      container: !inSubject(id),
    };
  };
  const coveredIds = new Set<string>();
  const columns = skeleton.columns.map((column): MatrixColumn => {
    const cells = column.parents.map(cell);
    let covered = 0;
    let total = 0;
    for (const c of cells) {
      total += (inSubject(c.id) ? 1 : 0) + c.totalSubtechniques;
      covered += (c.coverage.shade > 0 ? 1 : 0) + c.coveredSubtechniques;
      if (c.coverage.shade > 0) coveredIds.add(c.id);
      for (const sub of c.subtechniques) if (sub.coverage.shade > 0) coveredIds.add(sub.id);
    }
    return {
      tacticId: column.tacticId,
      name: column.name,
      cells: options.coveredOnly
        ? cells.filter((c) => c.coverage.shade > 0 || c.coveredSubtechniques > 0)
        : only
          ? cells.filter((c) => only.has(c.id) || c.totalSubtechniques > 0)
          : cells,
      covered,
      total,
    };
  });
  const legend = scored ? SCORE_SHADE_LEGEND : oneCapability ? [{ shade: ONE_CAPABILITY_SHADE, label: 'mapped' }] : CAPABILITY_SHADE_LEGEND;
  const unplaced = [...byTechnique.keys()]
    .filter((id) => !skeleton.active.has(id) && inSubject(id))
    .sort(compareNatural)
    .flatMap((id) => {
      const note = techniqueNoteAt(index.techniques.get(id), domain, version);
      return note ? [{ id, note }] : [];
    });
  return {
    domain,
    version,
    scored,
    coveredOnly: options.coveredOnly ?? false,
    oneCapability,
    columns,
    covered: coveredIds.size,
    total: only ? [...only].filter((id) => skeleton.active.has(id)).length : skeleton.active.size,
    legend: [{ shade: 0, label: 'not mapped' }, ...legend],
    unplaced,
  };
}

// ---------------------------------------------------------------------------------------------
// Gaps
// ---------------------------------------------------------------------------------------------

export interface GapRow {
  id: string;
  /** Its name in the set's ATT&CK version. */
  name: string;
  tactics: string[];
  isSubtechnique: boolean;
  /** The set lists it as non-mappable. */
  nonMappable: boolean;
}

/** The active techniques and sub-techniques of a set's ATT&CK version that none of its mappings names. */
export function gapRows(index: ModelIndex, set: MappingSet): GapRow[] | null {
  const attackVersion = index.attackVersions.get(set.domain)?.find((v) => v.version === set.attackVersion);
  if (!attackVersion) return null;
  const mapped = index.techniqueIdsBySet.get(set.id) ?? new Set<string>();
  const listed = new Set((index.nonMappablesBySet.get(set.id) ?? []).map((n) => n.techniqueId).filter((t): t is string => t !== null));
  const order = new Map(attackVersion.matrix.map((t, i) => [t, i]));
  const rows: GapRow[] = [];
  for (const technique of index.model.techniques) {
    const state = techniqueStateAt(technique, set.domain, set.attackVersion);
    if (!isActive(state) || mapped.has(technique.id)) continue;
    rows.push({
      id: technique.id,
      name: state!.name,
      tactics: [...state!.tactics]
        .sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99))
        .map((t) => (index.tactics.get(t) ? tacticName(required(index.tactics, t, 'tactic'), set.attackVersion) : t)),
      isSubtechnique: isSubtechniqueId(technique.id),
      nonMappable: listed.has(technique.id),
    });
  }
  return rows.sort((a, b) => compareNatural(a.id, b.id));
}

// ---------------------------------------------------------------------------------------------
// Tactics
// ---------------------------------------------------------------------------------------------

/**
 * The ATT&CK version tactic pages show for a domain: the newest that a set maps to (every active
 * technique of it has a page), else the catalog's newest.
 */
function shownVersion(index: ModelIndex, domain: Domain): string | null {
  const used = index.model.sets
    .filter((s) => s.domain === domain && index.attackVersions.get(domain)?.some((v) => v.version === s.attackVersion))
    .map((s) => s.attackVersion);
  const versions = index.attackVersions.get(domain) ?? [];
  return used.sort((a, b) => compareAttackVersions(b, a))[0] ?? versions[versions.length - 1]?.version ?? null;
}

export interface TacticRow {
  technique: Technique;
  /** Its name in the newest version. */
  name: string;
  /** Capabilities of each framework mapped to it, in the order of `frameworks`. */
  counts: number[];
}

export interface TacticView {
  tactic: ModelTactic;
  name: string;
  domain: Domain;
  /** The ATT&CK version whose techniques are listed: the newest the sets of the domain map to. */
  version: string;
  /** Frameworks with sets of this domain. */
  frameworks: Framework[];
  /** Active techniques, each parent followed by its sub-techniques. */
  rows: TacticRow[];
  /** Techniques formerly of the tactic that are revoked or deprecated now, with mappings. */
  retired: { technique: Technique; name: string }[];
}

export function tacticView(index: ModelIndex, tacticId: string): TacticView {
  const tactic = required(index.tactics, tacticId, 'tactic');
  const version = shownVersion(index, tactic.domain)!;
  const frameworks = index.model.frameworks.filter((f) => f.setIds.some((s) => required(index.sets, s, 'set').domain === tactic.domain));
  const counts = (technique: Technique) =>
    frameworks.map(
      (f) =>
        new Set(
          (index.mappingsByTechnique.get(technique.id) ?? [])
            .filter((m) => required(index.sets, m.setId, 'set').frameworkId === f.id && required(index.sets, m.setId, 'set').domain === tactic.domain)
            .map((m) => m.capabilityId),
        ).size,
    );
  const inTactic = index.model.techniques
    .map((technique) => ({ technique, state: techniqueStateAt(technique, tactic.domain, version) }))
    .filter(({ state }) => state && state.tactics.includes(tacticId));
  const activeIds = new Set(inTactic.filter(({ state }) => isActive(state)).map(({ technique }) => technique.id));
  const rows = inTactic
    .filter(({ technique }) => activeIds.has(technique.id) && (!technique.parentId || !activeIds.has(technique.parentId)))
    .sort((a, b) => compareNatural(a.technique.id, b.technique.id))
    .flatMap(({ technique, state }) => [
      { technique, name: state!.name, counts: counts(technique) },
      ...technique.subtechniqueIds
        .filter((s) => activeIds.has(s))
        .map((s) => required(index.techniques, s, 'technique'))
        .map((sub) => ({ technique: sub, name: techniqueStateAt(sub, tactic.domain, version)!.name, counts: counts(sub) })),
    ]);
  const retired = index.model.techniques
    .filter((t) => !activeIds.has(t.id) && (index.mappingsByTechnique.get(t.id)?.length ?? 0) > 0)
    .filter((t) => t.states.some((s) => s.domain === tactic.domain && s.tactics.includes(tacticId)))
    .map((technique) => ({ technique, name: technique.name ?? technique.id }));
  return { tactic, name: tacticName(tactic, version), domain: tactic.domain, version, frameworks, rows, retired };
}

/** The tactics of each domain in its matrix's order (of the version tactic pages show), with the number of active techniques. */
export function tacticIndex(index: ModelIndex): { domain: Domain; version: string; tactics: { tactic: ModelTactic; name: string; techniques: number }[] }[] {
  return [...index.attackVersions.entries()].map(([domain, versions]) => {
    const shown = shownVersion(index, domain);
    const newest = versions.find((v) => v.version === shown)!;
    const activeIn = (tacticId: string) =>
      index.model.techniques.filter((t) => {
        const state = techniqueStateAt(t, domain, newest.version);
        return isActive(state) && state!.tactics.includes(tacticId);
      }).length;
    return {
      domain,
      version: newest.version,
      tactics: newest.matrix
        .filter((id) => index.tactics.has(id))
        .map((id) => ({
          tactic: required(index.tactics, id, 'tactic'),
          name: tacticName(required(index.tactics, id, 'tactic'), newest.version),
          techniques: activeIn(id),
        })),
    };
  });
}
