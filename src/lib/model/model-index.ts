/**
 * The model, indexed once: records by id, mappings by technique, capability and set,
 * capabilities by group, non-mappable entries and warnings by what they concern, and the order of
 * sets (newest first within a framework). Page views, exports, downloads and search all read
 * this one index.
 */
import { pushTo } from '../core/multimap.ts';
import { warningTotalsBySet } from './warnings.ts';
import type {
  AttackVersion,
  Capability,
  CapabilityGroup,
  DataWarning,
  Framework,
  Mapping,
  MappingSet,
  Model,
  ModelTactic,
  NonMappable,
  Technique,
} from './schema.ts';
import type { Domain } from '../core/vocabulary.ts';
import { setTokens } from '../site/set-filter-css.ts';
import { required } from '../core/lookups.ts';

export interface ModelIndex {
  model: Model;
  sets: ReadonlyMap<string, MappingSet>;
  frameworks: ReadonlyMap<string, Framework>;
  capabilities: ReadonlyMap<string, Capability>;
  groups: ReadonlyMap<string, CapabilityGroup>;
  techniques: ReadonlyMap<string, Technique>;
  mappingsByTechnique: ReadonlyMap<string, Mapping[]>;
  mappingsByCapability: ReadonlyMap<string, Mapping[]>;
  mappingsBySet: ReadonlyMap<string, Mapping[]>;
  /** Capabilities in a group in any of their sets. */
  capabilitiesByGroup: ReadonlyMap<string, Capability[]>;
  nonMappablesByTechnique: ReadonlyMap<string, NonMappable[]>;
  nonMappablesByCapability: ReadonlyMap<string, NonMappable[]>;
  nonMappablesBySet: ReadonlyMap<string, NonMappable[]>;
  warningsBySet: ReadonlyMap<string, DataWarning[]>;
  tactics: ReadonlyMap<string, ModelTactic>;
  /** Per domain, the ATT&CK versions the catalog knows, oldest first. */
  attackVersions: ReadonlyMap<Domain, AttackVersion[]>;
  /** The technique ids each set's mappings name. */
  techniqueIdsBySet: ReadonlyMap<string, ReadonlySet<string>>;
  /** Objects a set's warnings concern. */
  warningCount(setId: string): number;
  /** Sets newest first within a framework, as the model orders them. */
  byNewest(a: MappingSet, b: MappingSet): number;
  /** A group's mappings: a capability's belong to the group in the sets where the capability is in it. */
  groupMappings(groupId: string): Mapping[];
  /** Short per-build tokens of sets, for the set filter (set-filter-css.ts). */
  setTokens: ReadonlyMap<string, string>;
  /** The data-sets attribute value of an element that belongs to these sets. */
  setTokenList(sets: readonly MappingSet[]): string;
}

/** Index a model. */
export function indexModel(model: Model): ModelIndex {
  const setOrder = new Map(model.sets.map((s, i) => [s.id, i]));
  const mappingsByTechnique = new Map<string, Mapping[]>();
  const mappingsByCapability = new Map<string, Mapping[]>();
  const mappingsBySet = new Map<string, Mapping[]>();
  for (const m of model.mappings) {
    pushTo(mappingsByTechnique, m.techniqueId, m);
    pushTo(mappingsByCapability, m.capabilityId, m);
    pushTo(mappingsBySet, m.setId, m);
  }
  const capabilitiesByGroup = new Map<string, Capability[]>();
  for (const c of model.capabilities) {
    const groupIds = new Set(
      Object.values(c.sets)
        .map((e) => e.groupId)
        .filter((g): g is string => g !== null),
    );
    for (const g of groupIds) pushTo(capabilitiesByGroup, g, c);
  }
  const nonMappablesByTechnique = new Map<string, NonMappable[]>();
  const nonMappablesByCapability = new Map<string, NonMappable[]>();
  const nonMappablesBySet = new Map<string, NonMappable[]>();
  for (const n of model.nonMappables) {
    if (n.techniqueId) pushTo(nonMappablesByTechnique, n.techniqueId, n);
    if (n.capabilityId) pushTo(nonMappablesByCapability, n.capabilityId, n);
    pushTo(nonMappablesBySet, n.setId, n);
  }
  const warningsBySet = new Map<string, DataWarning[]>();
  for (const w of model.warnings) pushTo(warningsBySet, w.setId, w);
  const warningCounts = warningTotalsBySet(model.warnings);
  const tokens = setTokens(model.sets.map((s) => s.id));
  const attackVersions = new Map<Domain, AttackVersion[]>();
  for (const v of model.attackVersions) pushTo(attackVersions, v.domain, v);
  const techniqueIdsBySet = new Map<string, Set<string>>();
  for (const [setId, list] of mappingsBySet) techniqueIdsBySet.set(setId, new Set(list.map((m) => m.techniqueId)));
  return {
    model,
    sets: new Map(model.sets.map((s) => [s.id, s])),
    frameworks: new Map(model.frameworks.map((f) => [f.id, f])),
    capabilities: new Map(model.capabilities.map((c) => [c.id, c])),
    groups: new Map(model.groups.map((g) => [g.id, g])),
    techniques: new Map(model.techniques.map((t) => [t.id, t])),
    mappingsByTechnique,
    mappingsByCapability,
    mappingsBySet,
    capabilitiesByGroup,
    nonMappablesByTechnique,
    nonMappablesByCapability,
    nonMappablesBySet,
    warningsBySet,
    tactics: new Map(model.tactics.map((t) => [t.id, t])),
    attackVersions,
    techniqueIdsBySet,
    warningCount: (setId) => warningCounts.get(setId) ?? 0,
    byNewest: (a, b) => required(setOrder, a.id, 'set') - required(setOrder, b.id, 'set'),
    groupMappings: (groupId) =>
      (capabilitiesByGroup.get(groupId) ?? []).flatMap((c) => (mappingsByCapability.get(c.id) ?? []).filter((m) => c.sets[m.setId]?.groupId === groupId)),
    setTokens: tokens,
    setTokenList: (sets) => sets.map((s) => required(tokens, s.id, 'tokens')).join(' '),
  };
}
