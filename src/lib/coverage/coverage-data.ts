/**
 * The coverage builder's data file (`/coverage/data.json`), from the model: every capability
 * with its newest set's mappings in each ATT&CK domain, carried to the domain's matrix version,
 * the matrices themselves, groups and NIST SP 800-53 baselines. Compact (numbers into lists, one
 * packed score per capability and technique) because a browser loads it whole.
 */
import { matrixView, techniqueStateAt } from '../views/attack-views.ts';
import { COVERAGE_FORMAT, packScores, type CoverageCapability, type CoverageData, type CoverageDomain } from './coverage.ts';
import { frameworkSetLabel } from '../core/labels.ts';
import type { ModelIndex } from '../model/model-index.ts';
import type { MappingSet } from '../model/schema.ts';
import { compareAttackVersions } from '../core/versions.ts';
import { DOMAIN_IDS, SCORE_VALUES, type Domain, type ScoreCategory } from '../core/vocabulary.ts';
import { required } from '../core/lookups.ts';

/** The version a domain's matrix uses: the newest any set of the domain maps to that the catalog has. */
export function coverageVersion(index: ModelIndex, domain: Domain): string | null {
  const known = new Set((index.attackVersions.get(domain) ?? []).map((v) => v.version));
  const versions = index.model.sets.filter((s) => s.domain === domain && known.has(s.attackVersion)).map((s) => s.attackVersion);
  return versions.sort(compareAttackVersions).at(-1) ?? null;
}

/** A domain's matrix as numbered techniques, and a way to carry any technique id into it. */
function domainMatrix(index: ModelIndex, domain: Domain, version: string) {
  const view = matrixView(index, domain, version, [])!;
  const techniques: CoverageDomain['techniques'] = [];
  const numbers = new Map<string, number>();
  const add = (id: string, name: string, parent: number, retired = false) => {
    let n = numbers.get(id);
    if (n === undefined) {
      n = techniques.length;
      numbers.set(id, n);
      techniques.push(retired ? [id, name, parent, 1] : [id, name, parent]);
    }
    return n;
  };
  const tactics = view.columns.map((column) => ({
    id: column.tacticId,
    name: column.name,
    parents: column.cells.map((cell) => {
      const parent = add(cell.id, cell.name, -1);
      for (const sub of cell.subtechniques) add(sub.id, sub.name, parent);
      return parent;
    }),
  }));
  const resolved = new Map<string, number>();
  /** The technique's number in the version: itself, or what revoked it (transitively); retired when neither is there. */
  const carry = (id: string): number => {
    const known = resolved.get(id);
    if (known !== undefined) return known;
    let current = id;
    for (let step = 0; step < 10; step++) {
      if (numbers.has(current) && !techniques[required(numbers, current, 'numbers')]![3]) break;
      const technique = index.techniques.get(current);
      const state = technique ? techniqueStateAt(technique, domain, version) : undefined;
      if (!state?.revoked || !state.revokedBy) break;
      current = state.revokedBy;
    }
    let n = numbers.get(current);
    if (n === undefined || techniques[n]![3]) {
      const technique = index.techniques.get(id);
      n = add(id, technique?.name ?? technique?.names.at(-1)?.name ?? id, -1, true);
    }
    resolved.set(id, n);
    return n;
  };
  return { domain: { domain, version, techniques, tactics } satisfies CoverageDomain, carry };
}

/** Build the coverage data of a model. */
export function coverageData(index: ModelIndex): CoverageData {
  const { model } = index;
  const frameworkNumber = new Map(model.frameworks.map((f, i) => [f.id, i]));
  const groupNumber = new Map(model.groups.map((g, i) => [g.id, i]));
  const matrices = DOMAIN_IDS.flatMap((domain) => {
    const version = coverageVersion(index, domain);
    return version ? [domainMatrix(index, domain, version)] : [];
  });
  const domainNumber = new Map(matrices.map((m, i) => [m.domain.domain, i]));
  const sets: MappingSet[] = [];
  const setNumber = new Map<string, number>();
  const numberOfSet = (set: MappingSet) => {
    let n = setNumber.get(set.id);
    if (n === undefined) {
      n = sets.push(set) - 1;
      setNumber.set(set.id, n);
    }
    return n;
  };

  const capabilities: CoverageCapability[] = model.capabilities.map((capability) => {
    const mappings = index.mappingsByCapability.get(capability.id) ?? [];
    const perDomain: CoverageCapability[6] = [];
    const capabilitySets = Object.keys(capability.sets)
      .map((id) => required(index.sets, id, 'set'))
      .sort(index.byNewest);
    for (const [domain, d] of domainNumber) {
      const newest = capabilitySets.find((s) => s.domain === domain);
      if (!newest) continue;
      const { carry } = matrices[d]!;
      const best = new Map<number, Partial<Record<ScoreCategory, number>>>();
      for (const m of mappings) {
        if (m.setId !== newest.id) continue;
        const t = carry(m.techniqueId);
        const scores = best.get(t) ?? {};
        if (m.scoreCategory && m.scoreValue) scores[m.scoreCategory] = Math.max(scores[m.scoreCategory] ?? 0, SCORE_VALUES[m.scoreValue].rank);
        best.set(t, scores);
      }
      const pairs = [...best].sort(([a], [b]) => a - b).flatMap(([t, scores]) => [t, packScores(scores)]);
      perDomain.push([d, numberOfSet(newest), pairs]);
    }
    const group = capability.groupId === null ? -1 : (groupNumber.get(capability.groupId) ?? -1);
    return [required(frameworkNumber, capability.frameworkId, 'framework'), capability.displayId, capability.key, capability.description ?? '', capability.slug, group, perDomain];
  });

  const capabilityNumber = new Map(model.capabilities.map((c, i) => [c.id, i]));
  const baselines = (model.baselines ?? []).flatMap((b) => {
    const f = frameworkNumber.get(b.frameworkId);
    if (f === undefined) return [];
    const caps = b.capabilityIds.map((id) => capabilityNumber.get(id)).filter((n): n is number => n !== undefined);
    return [{ id: b.id, title: b.title, f, controls: b.controls.length, caps }];
  });

  return {
    format: COVERAGE_FORMAT,
    frameworks: model.frameworks.map((f) => ({ id: f.id, name: f.name, scored: f.scored })),
    sets: sets.map((s) => ({ id: s.id, label: frameworkSetLabel(s, required(index.frameworks, s.frameworkId, 'framework')) })),
    groups: model.groups.map((g) => ({ f: required(frameworkNumber, g.frameworkId, 'framework'), id: g.displayId, label: g.label })),
    domains: matrices.map((m) => m.domain),
    capabilities,
    baselines,
  };
}
