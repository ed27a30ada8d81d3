/**
 * The coverage builder's data file (`/coverage/data.json`), from the model: every capability
 * with its newest set's mappings in each ATT&CK domain, carried to the domain's matrix version,
 * the matrices themselves, groups and NIST SP 800-53 baselines, and each domain's adversaries
 * (groups, campaigns, software by the counting rules of src/lib/attack/adversaries.ts) and mitigations. Compact (numbers into lists, one
 * packed score per capability and technique) because a browser loads it whole.
 */
import { carriedTechniqueId, tacticName, techniqueStateAt } from '../views/attack-views.ts';
import {
  COVERAGE_FORMAT,
  packScores,
  type CoverageAdversary,
  type CoverageCapability,
  type CoverageData,
  type CoverageDomain,
  type CoverageMitigation,
  type CoverageThreats,
} from './coverage.ts';
import { campaignTechniques, groupSoftware, groupTechniques, indexAdversaries } from '../attack/adversaries.ts';
import { compareNatural, isSubtechniqueId, parentTechniqueId } from '../core/ids.ts';
import { pushTo } from '../core/multimap.ts';
import { frameworkSetLabel } from '../core/labels.ts';
import type { ModelIndex } from '../model/model-index.ts';
import type { MappingSet, ModelAdversaries } from '../model/schema.ts';
import { compareAttackVersions } from '../core/versions.ts';
import { DOMAIN_IDS, SCORE_VALUES, type Domain, type ScoreCategory } from '../core/vocabulary.ts';
import { required } from '../core/lookups.ts';

/**
 * The version a domain's matrix uses: the newest the catalog gives for the domain among the
 * versions sets map to and the version of its complete part (adversaries), if it has one.
 */
export function coverageVersion(index: ModelIndex, domain: Domain): string | null {
  const known = new Set((index.attackVersions.get(domain) ?? []).map((v) => v.version));
  const versions = index.model.sets.filter((s) => s.domain === domain && known.has(s.attackVersion)).map((s) => s.attackVersion);
  const complete = completeOf(index, domain)?.facts;
  if (complete && known.has(complete.version)) versions.push(complete.version);
  return versions.sort(compareAttackVersions).at(-1) ?? null;
}

/** The domain's adversaries (the catalog's complete part), the model's one home of them. */
const completeOf = (index: ModelIndex, domain: Domain): ModelAdversaries | undefined => index.model.adversaries?.find((a) => a.domain === domain);

interface ActiveTechnique {
  name: string;
  tactics: readonly string[];
  parent?: string | undefined;
}

/** The techniques active in a version: the model's (mapped ones), and the complete part's when it is of that version. */
function activeTechniques(index: ModelIndex, domain: Domain, version: string): Map<string, ActiveTechnique> {
  const active = new Map<string, ActiveTechnique>();
  for (const technique of index.model.techniques) {
    const state = techniqueStateAt(technique, domain, version);
    if (state && !state.revoked && !state.deprecated) active.set(technique.id, state);
  }
  const complete = completeOf(index, domain);
  if (complete?.facts.version === version) for (const t of complete.activeTechniques) if (!active.has(t.id)) active.set(t.id, t);
  return active;
}

/** A domain's matrix as numbered techniques, and a way to carry any technique id into it. */
function domainMatrix(index: ModelIndex, domain: Domain, version: string) {
  const active = activeTechniques(index, domain, version);
  const subsOf = new Map<string, string[]>();
  for (const [id, state] of active) {
    const parent = state.parent ?? parentTechniqueId(id);
    if (parent && active.has(parent)) pushTo(subsOf, parent, id);
  }
  for (const subs of subsOf.values()) subs.sort(compareNatural);
  const parents = [...active].filter(([id]) => !isSubtechniqueId(id));
  const matrix = index.attackVersions.get(domain)?.find((v) => v.version === version)?.matrix ?? [];
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
  const tactics = matrix.map((tacticId) => {
    const tactic = index.tactics.get(tacticId);
    return {
      id: tacticId,
      name: tactic ? tacticName(tactic, version) : tacticId,
      parents: parents
        .filter(([, state]) => state.tactics.includes(tacticId))
        .sort(([, a], [, b]) => compareNatural(a.name, b.name))
        .map(([id, state]) => {
          const parent = add(id, state.name, -1);
          for (const sub of subsOf.get(id) ?? []) add(sub, required(active, sub, 'technique').name, parent);
          return parent;
        }),
    };
  });
  const isPlaced = (id: string) => {
    const n = numbers.get(id);
    return n !== undefined && !techniques[n]![3];
  };
  /** The number of the technique active in the version that a technique id is carried to, or undefined. */
  const find = (id: string): number | undefined => {
    const to = carriedTechniqueId(index, domain, version, id, isPlaced);
    return to === null ? undefined : numbers.get(to);
  };
  const resolved = new Map<string, number>();
  /** The technique's number in the version: itself, or what revoked it (transitively); retired when neither is there. */
  const carry = (id: string): number => {
    const known = resolved.get(id);
    if (known !== undefined) return known;
    let n = find(id);
    if (n === undefined) {
      const technique = index.techniques.get(id);
      n = add(id, technique?.name ?? technique?.names.at(-1)?.name ?? id, -1, true);
    }
    resolved.set(id, n);
    return n;
  };
  const result: CoverageDomain = { domain, version, techniques, tactics };
  return { domain: result, carry, find };
}

/** The domain's groups, campaigns and software by the counting rules, and its mitigations, as numbers into the matrix. */
function domainThreats(complete: ModelAdversaries['facts'], find: (id: string) => number | undefined): CoverageThreats {
  const index = indexAdversaries(complete);
  const numbersOf = (ids: readonly string[]) => [...new Set(ids.flatMap((id) => find(id) ?? []))].sort((a, b) => a - b);
  const order = [...complete.groups.map((g) => g.id), ...complete.campaigns.map((c) => c.id), ...complete.software.map((s) => s.id)];
  const position = new Map(order.map((id, i) => [id, i]));
  const softwareOf = (ids: readonly string[]) => ids.flatMap((id) => position.get(id) ?? []).sort((a, b) => a - b);
  const adversaries: CoverageAdversary[] = [
    ...complete.groups.map((g): CoverageAdversary => [
      g.id,
      g.name,
      g.aliases,
      numbersOf(groupTechniques(index, g.id)),
      softwareOf(groupSoftware(index, g.id)),
    ]),
    ...complete.campaigns.map((c): CoverageAdversary => [c.id, c.name, c.aliases, numbersOf(campaignTechniques(index, c.id)), softwareOf(c.software)]),
    ...complete.software.map((w): CoverageAdversary => [w.id, w.name, w.aliases, numbersOf(w.techniques), []]),
  ];
  const revoked = Object.fromEntries(
    (['groups', 'campaigns', 'software'] as const).flatMap((list) => Object.entries(complete.revokedBy[list]).filter(([, to]) => position.has(to))),
  );
  return {
    version: complete.version,
    adversaries,
    mitigations: complete.mitigations.map((m): CoverageMitigation => [m.id, m.name, numbersOf(m.techniques)]),
    revoked,
  };
}

/** Build the coverage data of a model. */
export function coverageData(index: ModelIndex): CoverageData {
  const { model } = index;
  const frameworkNumber = new Map(model.frameworks.map((f, i) => [f.id, i]));
  const groupNumber = new Map(model.groups.map((g, i) => [g.id, i]));
  const matrices = DOMAIN_IDS.flatMap((domain) => {
    const version = coverageVersion(index, domain);
    if (!version) return [];
    const matrix = domainMatrix(index, domain, version);
    const complete = completeOf(index, domain);
    if (complete) matrix.domain.threats = domainThreats(complete.facts, matrix.find);
    return [matrix];
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
    return [
      required(frameworkNumber, capability.frameworkId, 'framework'),
      capability.displayId,
      capability.key,
      capability.description ?? '',
      capability.slug,
      group,
      perDomain,
    ];
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

export const COVERAGE_STIX_FORMAT = 'mapscope-coverage-stix/1';

/**
 * The ATT&CK STIX id (attack-pattern--…) of each technique of the coverage data's matrices, in
 * their order (null: the catalog has none for it in the matrix's version): a file of its own,
 * fetched only when a reader asks the coverage builder for a STIX bundle.
 */
export interface CoverageStixIds {
  format: typeof COVERAGE_STIX_FORMAT;
  domains: { domain: string; version: string; ids: (string | null)[] }[];
}

/** The STIX ids of the coverage data's techniques. */
export function coverageStixIds(index: ModelIndex, data: CoverageData = coverageData(index)): CoverageStixIds {
  return {
    format: COVERAGE_STIX_FORMAT,
    domains: data.domains.map((d) => ({
      domain: d.domain,
      version: d.version,
      ids: d.techniques.map(([id]) => {
        const technique = index.techniques.get(id);
        if (!technique || technique.states[0]?.domain !== d.domain) return null;
        return technique.stixIds?.find((s) => s.versions.includes(d.version))?.stixId ?? null;
      }),
    })),
  };
}
