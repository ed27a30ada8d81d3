/**
 * From parsed input files to the model: mapping sets keyed by framework, framework version,
 * ATT&CK version and domain; capabilities and groups merged across spellings and versions;
 * techniques with every name seen; every input object accounted for as a mapping, a
 * non-mappable entry or a reported duplicate.
 */
import {
  capabilityKey,
  compareNatural,
  mappingTypeKey,
  normalizeAttackVersion,
  normalizeFrameworkId,
  normalizeFrameworkVersion,
  normalizeTechniqueId,
  normalizeWhitespace,
  parentTechniqueId,
  setIdFor,
  slugFor,
  stableHash,
} from './ids.ts';
import { describeValue, formatLocation, type DataProblem, type SourceLocation } from './errors.ts';
import type { ObjectRecord, ParsedInput, TechniqueRecord } from './read-inputs.ts';
import {
  modelSchema,
  type Capability,
  type CapabilityGroup,
  type Duplicate,
  type Framework,
  type Mapping,
  type MappingMetadataInput,
  type MappingSet,
  type MappingType,
  type Model,
  type NonMappable,
  type Technique,
} from './schema.ts';
import {
  DOMAIN_IDS,
  FRAMEWORK_ID,
  FRAMEWORK_NAMES,
  MAPPING_TYPE_ALIASES,
  MAPPING_TYPE_LABELS,
  SCORE_CATEGORY_IDS,
  SCORE_VALUE_IDS,
  SCORED_MAPPING_TYPE,
  type Domain,
} from './vocabulary.ts';
import { compareAttackVersions, compareSetsNewestFirst } from './versions.ts';

/** One line of the build summary. */
export interface SetSummary {
  setId: string;
  objects: number;
  mappings: number;
  nonMappable: number;
  duplicates: number;
}

export interface BuildModelResult {
  /** The model, or null when there were problems. */
  model: Model | null;
  problems: DataProblem[];
  /** Things mended or chosen on the way that a data owner may want to know. */
  notices: string[];
  summary: SetSummary[];
}

/** The family a mapping type belongs to once renames are undone ("mitigates" -> "protects"). */
export function mappingTypeFamily(typeId: string): string {
  const key = mappingTypeKey(typeId);
  return MAPPING_TYPE_ALIASES[key] ?? key;
}

const NON_MAPPABLE_TYPE = 'non_mappable';

interface TypeDraft extends MappingType {
  key: string;
  name: string;
  family: string;
}

interface SetDraft {
  id: string;
  frameworkId: string;
  frameworkVersion: string;
  attackVersion: string;
  domain: Domain;
  metadata: MappingMetadataInput | null;
  types: TypeDraft[];
  /** True when metadata declared the set's mapping types; else rows name them as they go. */
  typesDeclared: boolean;
  groups: Map<string, { key: string; label: string | null }>;
  sources: Set<string>;
  objects: number;
  mappings: Map<string, Mapping>;
  nonMappables: Map<string, NonMappable>;
  duplicates: Duplicate[];
}

interface CapabilityDraft {
  frameworkId: string;
  key: string;
  spellings: Set<string>;
  sets: Capability['sets'];
}

interface GroupDraft {
  frameworkId: string;
  key: string;
  /** Spelling and label per set. */
  sets: Map<string, { spelling: string; label: string | null }>;
}

interface TechniqueDraft {
  id: string;
  /** name -> ATT&CK version -> number of times seen */
  names: Map<string, Map<string, number>>;
  catalogNames: Map<string, string>;
  domains: Set<Domain>;
  tactics: { version: string; value: Technique['tactics'] } | null;
  description: { version: string; value: string } | null;
  attackVersions: Set<string>;
}

/** Build the model from parsed inputs. `inputNames` are recorded in the model as its sources. */
export function buildModel(inputs: readonly ParsedInput[], inputNames: readonly string[]): BuildModelResult {
  const builder = new ModelBuilder();
  for (const input of inputs) {
    if (input.kind === 'mapping-file') builder.addMappingFile(input);
  }
  for (const input of inputs) {
    if (input.kind === 'mapping-table') builder.addMappingTable(input.file, input.objects);
    if (input.kind === 'technique-table') builder.addTechniqueTable(input.techniques);
  }
  return builder.finish(inputNames);
}

class ModelBuilder {
  private readonly sets = new Map<string, SetDraft>();
  private readonly capabilities = new Map<string, CapabilityDraft>();
  private readonly groups = new Map<string, GroupDraft>();
  private readonly techniques = new Map<string, TechniqueDraft>();
  private readonly problems: DataProblem[] = [];
  private readonly notices: string[] = [];
  private readonly pendingObjects: { set: SetDraft; record: ObjectRecord }[] = [];

  addMappingFile(input: Extract<ParsedInput, { kind: 'mapping-file' }>): void {
    const m = input.metadata;
    const set = this.setFor(
      m.mapping_framework,
      m.mapping_framework_version,
      m.attack_version,
      m.technology_domain,
      input.metadataLocation,
    );
    if (!set) return;
    set.sources.add(input.file);
    this.mergeMetadata(set, m);
    for (const record of input.objects) this.pendingObjects.push({ set, record });
  }

  addMappingTable(file: string, objects: readonly ObjectRecord[]): void {
    const unknownVersion: ObjectRecord[] = [];
    const setsInFile = new Map<string, SetDraft>();
    for (const record of objects) {
      const v = record.value;
      const missing = (['mapping_framework', 'mapping_framework_version', 'technology_domain'] as const).filter(
        (field) => v[field] === null,
      );
      if (missing.length) {
        for (const field of missing) {
          this.problems.push({ location: record.location, field, expected: 'a value', found: 'an empty cell' });
        }
        continue;
      }
      if (normalizeAttackVersion(v.attack_version) === null) {
        unknownVersion.push(record);
        continue;
      }
      const set = this.setFor(
        v.mapping_framework!,
        v.mapping_framework_version!,
        v.attack_version!,
        v.technology_domain!,
        record.location,
      );
      if (!set) continue;
      set.sources.add(file);
      setsInFile.set(set.id, set);
      this.fillSetFromRow(set, v);
      this.pendingObjects.push({ set, record });
    }
    // Rows whose ATT&CK version is "[UNKNOWN_VERSION]" belong to the one set of their
    // framework release in the same file, if there is exactly one.
    for (const record of unknownVersion) {
      const v = record.value;
      const framework = normalizeFrameworkId(v.mapping_framework!);
      const version = normalizeFrameworkVersion(v.mapping_framework_version!);
      const candidates = [...setsInFile.values()].filter(
        (s) => s.frameworkId === framework && s.frameworkVersion === version,
      );
      if (candidates.length === 1) {
        this.pendingObjects.push({ set: candidates[0]!, record });
        this.notices.push(
          `${formatLocation(record.location)}: attack_version ${describeValue(v.attack_version)} read as ${candidates[0]!.attackVersion}, the only ATT&CK version of ${framework} ${version} in the file`,
        );
      } else {
        this.problems.push({
          location: record.location,
          field: 'attack_version',
          expected: 'an ATT&CK version like 16.1',
          found: describeValue(v.attack_version ?? undefined),
        });
      }
    }
  }

  addTechniqueTable(records: readonly TechniqueRecord[]): void {
    for (const { location, value } of records) {
      const id = normalizeTechniqueId(value.attack_object_id);
      const version = normalizeAttackVersion(value.attack_version);
      if (!id) {
        this.problems.push({
          location,
          field: 'attack_object_id',
          expected: 'an ATT&CK technique id like T1046 or T1059.001',
          found: describeValue(value.attack_object_id),
        });
        continue;
      }
      if (!version) {
        this.problems.push({
          location,
          field: 'attack_version',
          expected: 'an ATT&CK version like 16.1',
          found: describeValue(value.attack_version),
        });
        continue;
      }
      const technique = this.technique(id);
      const name = normalizeWhitespace(value.attack_object_name);
      technique.catalogNames.set(version, name);
      this.countName(technique, name, version);
      technique.domains.add(value.technology_domain);
      technique.attackVersions.add(version);
      if (value.tactics !== null) {
        const tactics = parseTactics(value.tactics);
        if (!technique.tactics || compareAttackVersions(version, technique.tactics.version) > 0) {
          technique.tactics = { version, value: tactics };
        }
      }
      if (value.description !== null) {
        if (!technique.description || compareAttackVersions(version, technique.description.version) > 0) {
          technique.description = { version, value: value.description };
        }
      }
    }
  }

  finish(inputNames: readonly string[]): BuildModelResult {
    for (const { set, record } of this.pendingObjects) this.addObject(set, record);
    if (this.problems.length) {
      return { model: null, problems: this.problems, notices: this.notices, summary: [] };
    }
    const model = this.assemble(inputNames);
    const checked = modelSchema.safeParse(model);
    if (!checked.success) {
      // The model is built from validated input; a failure here is a bug in this module.
      throw new Error(`internal error: the model does not match its schema: ${checked.error.message}`);
    }
    const summary = model.sets.map((s) => ({
      setId: s.id,
      objects: s.counts.objects,
      mappings: s.counts.mappings,
      nonMappable: s.counts.nonMappable,
      duplicates: s.counts.duplicates,
    }));
    return { model, problems: [], notices: this.notices, summary };
  }

  // -------------------------------------------------------------------------------------------

  private setFor(
    rawFramework: string,
    rawFrameworkVersion: string,
    rawAttackVersion: string,
    domain: string,
    location: SourceLocation,
  ): SetDraft | null {
    const frameworkId = normalizeFrameworkId(rawFramework);
    const attackVersion = normalizeAttackVersion(rawAttackVersion);
    const normalizedDomain = domain.trim().toLowerCase();
    let ok = true;
    if (!FRAMEWORK_ID.test(frameworkId)) {
      this.problems.push({
        location,
        field: 'mapping_framework',
        expected: 'a framework id of letters, digits, "_" and "-" (like nist_800_53)',
        found: describeValue(rawFramework),
      });
      ok = false;
    }
    if (attackVersion === null) {
      this.problems.push({
        location,
        field: 'attack_version',
        expected: 'an ATT&CK version like 16.1',
        found: describeValue(rawAttackVersion),
      });
      ok = false;
    }
    if (!(DOMAIN_IDS as readonly string[]).includes(normalizedDomain)) {
      this.problems.push({
        location,
        field: 'technology_domain',
        expected: DOMAIN_IDS.join('|'),
        found: describeValue(domain),
      });
      ok = false;
    }
    if (!ok) return null;
    const frameworkVersion = normalizeFrameworkVersion(rawFrameworkVersion);
    const id = setIdFor(frameworkId, frameworkVersion, attackVersion!, normalizedDomain);
    let set = this.sets.get(id);
    if (!set) {
      set = {
        id,
        frameworkId,
        frameworkVersion,
        attackVersion: attackVersion!,
        domain: normalizedDomain as Domain,
        metadata: null,
        types: [],
        typesDeclared: false,
        groups: new Map(),
        sources: new Set(),
        objects: 0,
        mappings: new Map(),
        nonMappables: new Map(),
        duplicates: [],
      };
      this.sets.set(id, set);
    } else if (set.frameworkVersion !== frameworkVersion) {
      // "V2" and "v2", "Rev 5" and "rev-5": one version written two ways, one set.
      this.notices.push(
        `${formatLocation(location)}: framework version ${describeValue(rawFrameworkVersion)} read as "${set.frameworkVersion}", as written first`,
      );
    }
    return set;
  }

  private mergeMetadata(set: SetDraft, metadata: MappingMetadataInput): void {
    if (!set.metadata) {
      set.metadata = metadata;
    } else {
      const merged: MappingMetadataInput = { ...set.metadata };
      for (const key of Object.keys(metadata) as (keyof MappingMetadataInput)[]) {
        if (merged[key] === null || merged[key] === undefined) {
          (merged as Record<string, unknown>)[key] = metadata[key];
        }
      }
      set.metadata = merged;
    }
    for (const [key, type] of Object.entries(metadata.mapping_types)) {
      this.declareType(set, key, type.name, type.description);
      set.typesDeclared = true;
    }
    for (const [key, label] of Object.entries(metadata.capability_groups)) {
      const groupKey = capabilityKey(key);
      if (!groupKey) continue;
      if (!set.groups.has(groupKey)) {
        set.groups.set(groupKey, { key: normalizeWhitespace(key), label: label === null ? null : normalizeWhitespace(label) || null });
      }
    }
  }

  /** CSV exports carry set metadata on every row; the first row of a set without metadata fills it. */
  private fillSetFromRow(set: SetDraft, row: ObjectRecord['value']): void {
    if (set.metadata) return;
    set.metadata = {
      mapping_version: null,
      attack_version: set.attackVersion,
      technology_domain: set.domain,
      creation_date: row.creation_date,
      last_update: row.last_update,
      mapping_framework: set.frameworkId,
      mapping_framework_version: set.frameworkVersion,
      mapping_framework_version_schema: undefined,
      author: null,
      contact: null,
      organization: row.organization,
      mapping_types: {},
      capability_groups: {},
    };
  }

  private declareType(set: SetDraft, key: string, name: string, description: string | null): TypeDraft {
    const trimmedKey = normalizeWhitespace(key);
    const opaque = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(trimmedKey);
    const plainKey = trimmedKey.toLowerCase();
    const id = opaque ? mappingTypeKey(name) : /^[a-z0-9_.-]+$/.test(plainKey) ? plainKey : mappingTypeKey(plainKey);
    const existing = set.types.find((t) => t.id === id);
    if (existing) return existing;
    const family = mappingTypeFamily(id);
    const humanName = /[A-Z ]/.test(name) ? normalizeWhitespace(name) : null;
    const label =
      MAPPING_TYPE_LABELS[id] ??
      humanName ??
      normalizeWhitespace(name)
        .replace(/[_-]+/g, ' ')
        .replace(/\b\w/g, (c) => c.toUpperCase());
    const type: TypeDraft = { id, label, description, key: trimmedKey, name: normalizeWhitespace(name), family };
    set.types.push(type);
    return type;
  }

  /** Find the declared mapping type a row names, by key, by name, or by a known rename. */
  private resolveType(set: SetDraft, raw: string, location: SourceLocation): TypeDraft | null {
    const trimmed = normalizeWhitespace(raw);
    const normalized = mappingTypeKey(trimmed);
    const family = mappingTypeFamily(trimmed);
    const found =
      set.types.find((t) => t.key === trimmed) ??
      set.types.find((t) => mappingTypeKey(t.key) === normalized || mappingTypeKey(t.name) === normalized || t.id === normalized) ??
      set.types.find((t) => t.family === family);
    if (found) return found;
    const declared = set.types.filter((t) => t.family !== NON_MAPPABLE_TYPE);
    if (!set.typesDeclared || declared.length === 0) return this.declareType(set, trimmed, trimmed, null);
    this.problems.push({
      location,
      field: 'mapping_type',
      expected: declared.map((t) => t.key).join('|'),
      found: describeValue(raw),
    });
    return null;
  }

  private resolveGroup(set: SetDraft, raw: string | null): string | null {
    if (raw === null) return null;
    const key = capabilityKey(raw);
    if (!key) return null;
    if (set.groups.has(key)) return key;
    const label = normalizeWhitespace(raw).toLowerCase();
    for (const [groupKey, group] of set.groups) {
      if (group.label !== null && group.label.toLowerCase() === label) return groupKey;
    }
    set.groups.set(key, { key: normalizeWhitespace(raw), label: null });
    return key;
  }

  private addObject(set: SetDraft, record: ObjectRecord): void {
    const v = record.value;
    const { location } = record;
    const source = formatLocation(location);
    set.objects++;

    let techniqueId: string | null = null;
    if (v.attack_object_id !== null) {
      techniqueId = normalizeTechniqueId(v.attack_object_id);
      if (!techniqueId) {
        this.problems.push({
          location,
          field: 'attack_object_id',
          expected: 'an ATT&CK technique id like T1046 or T1059.001',
          found: describeValue(v.attack_object_id),
        });
        return;
      }
    }
    const capabilityRaw = v.capability_id;
    const capKey = capabilityRaw === null ? null : capabilityKey(capabilityRaw);
    const typeRaw = v.mapping_type;
    const typeIsNonMappable = typeRaw !== null && mappingTypeFamily(typeRaw) === NON_MAPPABLE_TYPE;
    const nonMappable = v.status === 'non_mappable' || typeIsNonMappable || !capKey || !techniqueId;

    if (techniqueId) {
      const technique = this.technique(techniqueId);
      if (v.attack_object_name !== null) this.countName(technique, normalizeWhitespace(v.attack_object_name), set.attackVersion);
      technique.domains.add(set.domain);
      technique.attackVersions.add(set.attackVersion);
    }
    let capabilityId: string | null = null;
    if (capKey && capabilityRaw !== null) {
      const groupKey = this.resolveGroup(set, v.capability_group);
      capabilityId = this.noteCapability(set, capKey, capabilityRaw, v.capability_description, groupKey, location);
    }

    if (nonMappable) {
      let mappingType: string | null = null;
      if (typeRaw !== null) {
        const trimmed = normalizeWhitespace(typeRaw);
        const normalized = mappingTypeKey(typeRaw);
        mappingType = set.types.find((t) => t.key === trimmed || t.id === normalized)?.id ?? normalized;
      }
      const id = `n${stableHash([set.id, capKey, techniqueId, v.comments, v.references.join('\n')])}`;
      const previous = set.nonMappables.get(id);
      if (previous) {
        set.duplicates.push({ setId: set.id, source, duplicateOf: previous.source });
        return;
      }
      set.nonMappables.set(id, {
        id,
        setId: set.id,
        capabilityId,
        techniqueId,
        attackObjectName: v.attack_object_name === null ? null : normalizeWhitespace(v.attack_object_name),
        mappingType,
        comments: v.comments,
        references: v.references,
        source,
      });
      return;
    }

    if (typeRaw === null) {
      this.problems.push({ location, field: 'mapping_type', expected: 'a mapping type', found: 'nothing' });
      return;
    }
    const type = this.resolveType(set, typeRaw, location);
    if (!type) return;
    if (type.family === SCORED_MAPPING_TYPE) {
      if (v.score_category === null) {
        this.problems.push({ location, field: 'score_category', expected: SCORE_CATEGORY_IDS.join('|'), found: 'nothing' });
      }
      if (v.score_value === null) {
        this.problems.push({ location, field: 'score_value', expected: SCORE_VALUE_IDS.join('|'), found: 'nothing' });
      }
      if (v.score_category === null || v.score_value === null) return;
    }
    let relatedScore: string | null = null;
    if (v.related_score !== null) relatedScore = normalizeTechniqueId(v.related_score) ?? v.related_score;

    const content = [capKey, techniqueId, type.id, v.score_category, v.score_value, relatedScore, v.comments, v.references.join('\n')];
    const id = `m${stableHash([set.id, ...content])}`;
    const previous = set.mappings.get(id);
    if (previous) {
      set.duplicates.push({ setId: set.id, source, duplicateOf: previous.source });
      return;
    }
    // The capability's id is "<framework>:<slug>" (noteCapability).
    const capabilitySlug = capabilityId!.slice(set.frameworkId.length + 1);
    const rowHash = stableHash(
      [set.frameworkId, capKey, techniqueId, type.family, v.score_category, v.score_value, v.comments, v.references.join('\n')],
      6,
    );
    set.mappings.set(id, {
      id,
      rowId: `${capabilitySlug}-${techniqueId!.toLowerCase()}-${rowHash}`,
      setId: set.id,
      capabilityId: capabilityId!,
      techniqueId: techniqueId!,
      mappingType: type.id,
      scoreCategory: v.score_category,
      scoreValue: v.score_value,
      relatedScore,
      comments: v.comments,
      references: v.references,
      status: v.status === null || v.status === 'non_mappable' ? 'complete' : v.status,
      source,
    });
  }

  private noteCapability(
    set: SetDraft,
    key: string,
    rawId: string,
    description: string | null,
    groupKey: string | null,
    location: SourceLocation,
  ): string {
    const id = `${set.frameworkId}:${slugFor(key)}`;
    let capability = this.capabilities.get(id);
    if (!capability) {
      capability = { frameworkId: set.frameworkId, key, spellings: new Set(), sets: {} };
      this.capabilities.set(id, capability);
    } else if (capability.key !== key) {
      this.slugCollision(location, 'capability_id', capability.key, key, id);
    }
    capability.spellings.add(rawId);
    const groupId = groupKey === null ? null : this.noteGroup(set, groupKey, location);
    const entry = capability.sets[set.id];
    const spelling = normalizeWhitespace(rawId);
    if (!entry) {
      capability.sets[set.id] = { spelling, description: description === null ? null : normalizeWhitespace(description), groupId };
    } else {
      if (entry.description === null && description !== null) entry.description = normalizeWhitespace(description);
      else if (description !== null && normalizeWhitespace(description) !== entry.description) {
        this.notices.push(
          `${formatLocation(location)}: capability ${spelling} is described as ${describeValue(description)} here and ${describeValue(entry.description)} earlier in ${set.id}; the first description is shown`,
        );
      }
      if (entry.groupId === null) entry.groupId = groupId;
    }
    return id;
  }

  private noteGroup(set: SetDraft, groupKey: string, location: SourceLocation): string {
    const id = `${set.frameworkId}:${slugFor(groupKey)}`;
    let group = this.groups.get(id);
    if (!group) {
      group = { frameworkId: set.frameworkId, key: groupKey, sets: new Map() };
      this.groups.set(id, group);
    } else if (group.key !== groupKey) {
      this.slugCollision(location, 'capability_group', group.key, groupKey, id);
    }
    if (!group.sets.has(set.id)) {
      const declared = set.groups.get(groupKey)!;
      group.sets.set(set.id, { spelling: declared.key, label: declared.label });
    }
    return id;
  }

  private technique(id: string): TechniqueDraft {
    let technique = this.techniques.get(id);
    if (!technique) {
      technique = {
        id,
        names: new Map(),
        catalogNames: new Map(),
        domains: new Set(),
        tactics: null,
        description: null,
        attackVersions: new Set(),
      };
      this.techniques.set(id, technique);
    }
    return technique;
  }

  private countName(technique: TechniqueDraft, name: string, version: string): void {
    if (!name) return;
    let versions = technique.names.get(name);
    if (!versions) technique.names.set(name, (versions = new Map()));
    versions.set(version, (versions.get(version) ?? 0) + 1);
  }

  /** Distinct keys must never share a page; slug hashes make this practically impossible. */
  private slugCollision(location: SourceLocation, field: string, first: string, second: string, id: string): void {
    this.problems.push({
      location,
      field,
      expected: `an id whose page address differs from that of "${first}"`,
      found: `${describeValue(second)}, which also maps to ${id}`,
    });
  }

  // -------------------------------------------------------------------------------------------

  private assemble(inputNames: readonly string[]): Model {
    const setDrafts = [...this.sets.values()];
    const sets: MappingSet[] = setDrafts
      .map((draft): MappingSet => {
        const m = draft.metadata;
        return {
          id: draft.id,
          frameworkId: draft.frameworkId,
          frameworkVersion: draft.frameworkVersion,
          attackVersion: draft.attackVersion,
          domain: draft.domain,
          mappingVersion: m?.mapping_version ?? null,
          versionSchema: m?.mapping_framework_version_schema ?? null,
          creationDate: m?.creation_date ?? null,
          lastUpdate: m?.last_update ?? null,
          author: m?.author ?? null,
          contact: m?.contact ?? null,
          organization: m?.organization ?? null,
          mappingTypes: draft.types.map(({ id, label, description }) => ({ id, label, description })),
          sources: [...draft.sources].sort(),
          counts: {
            objects: draft.objects,
            mappings: draft.mappings.size,
            nonMappable: draft.nonMappables.size,
            duplicates: draft.duplicates.length,
          },
        };
      })
      .sort(compareSetsNewestFirst);
    const setOrder = new Map(sets.map((s, i) => [s.id, i]));
    const newestSetOf = (setIds: Iterable<string>): string => {
      let best: string | null = null;
      for (const id of setIds) if (best === null || setOrder.get(id)! < setOrder.get(best)!) best = id;
      return best!;
    };

    const frameworkIds = [...new Set(sets.map((s) => s.frameworkId))].sort();
    const frameworks: Framework[] = frameworkIds.map((id) => {
      const frameworkSets = sets.filter((s) => s.frameworkId === id);
      return {
        id,
        name: FRAMEWORK_NAMES[id] ?? id,
        setIds: frameworkSets.map((s) => s.id),
        scored: setDrafts.some((d) => d.frameworkId === id && d.types.some((t) => t.family === SCORED_MAPPING_TYPE)),
      };
    });

    const groups: CapabilityGroup[] = [...this.groups.entries()]
      .map(([id, draft]): CapabilityGroup => {
        const newest = newestSetOf(draft.sets.keys());
        const entry = draft.sets.get(newest)!;
        const labelled = [...draft.sets.entries()]
          .filter(([, e]) => e.label !== null)
          .sort(([a], [b]) => setOrder.get(a)! - setOrder.get(b)!);
        return {
          id,
          frameworkId: draft.frameworkId,
          slug: id.slice(draft.frameworkId.length + 1),
          displayId: entry.spelling,
          label: labelled[0]?.[1].label ?? entry.spelling,
          setIds: [...draft.sets.keys()].sort((a, b) => setOrder.get(a)! - setOrder.get(b)!),
        };
      })
      .sort((a, b) => a.frameworkId.localeCompare(b.frameworkId) || compareNatural(a.displayId, b.displayId));

    const capabilities: Capability[] = [...this.capabilities.entries()]
      .map(([id, draft]): Capability => {
        const setIds = Object.keys(draft.sets).sort((a, b) => setOrder.get(a)! - setOrder.get(b)!);
        const newest = draft.sets[setIds[0]!]!;
        // Shown as the spelling most sets use ("SC-7" over a newer file's "SC-07"), then the shorter, then the newest.
        const setsBySpelling = new Map<string, number>();
        for (const s of setIds) setsBySpelling.set(draft.sets[s]!.spelling, (setsBySpelling.get(draft.sets[s]!.spelling) ?? 0) + 1);
        const displayId = [...setsBySpelling.entries()].sort(
          ([a, na], [b, nb]) => nb - na || a.length - b.length || (a === newest.spelling ? -1 : b === newest.spelling ? 1 : 0),
        )[0]![0];
        const described = setIds.map((s) => draft.sets[s]!).find((e) => e.description !== null);
        const grouped = setIds.map((s) => draft.sets[s]!).find((e) => e.groupId !== null);
        return {
          id,
          frameworkId: draft.frameworkId,
          key: draft.key,
          slug: id.slice(draft.frameworkId.length + 1),
          displayId,
          spellings: [...draft.spellings].sort(),
          description: described?.description ?? null,
          groupId: grouped?.groupId ?? null,
          sets: Object.fromEntries(setIds.map((s) => [s, draft.sets[s]!])),
        };
      })
      .sort((a, b) => a.frameworkId.localeCompare(b.frameworkId) || compareNatural(a.displayId, b.displayId));
    const capabilityOrder = new Map(capabilities.map((c, i) => [c.id, i]));

    // Sub-techniques need their parent's page, even when the parent itself is never mapped.
    for (const id of [...this.techniques.keys()]) {
      const parent = parentTechniqueId(id);
      if (parent) {
        const parentDraft = this.technique(parent);
        for (const d of this.techniques.get(id)!.domains) parentDraft.domains.add(d);
      }
    }
    const techniques: Technique[] = [...this.techniques.values()]
      .map((draft) => assembleTechnique(draft))
      .sort((a, b) => compareNatural(a.id, b.id));
    const techniqueById = new Map(techniques.map((t) => [t.id, t]));
    for (const technique of techniques) {
      if (technique.parentId) techniqueById.get(technique.parentId)?.subtechniqueIds.push(technique.id);
    }

    const mappings = setDrafts
      .flatMap((d) => [...d.mappings.values()])
      .sort(
        (a, b) =>
          setOrder.get(a.setId)! - setOrder.get(b.setId)! ||
          capabilityOrder.get(a.capabilityId)! - capabilityOrder.get(b.capabilityId)! ||
          compareNatural(a.techniqueId, b.techniqueId) ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
    const nonMappables = setDrafts
      .flatMap((d) => [...d.nonMappables.values()])
      .sort((a, b) => setOrder.get(a.setId)! - setOrder.get(b.setId)! || compareNatural(a.source, b.source));
    const duplicates = setDrafts
      .flatMap((d) => d.duplicates)
      .sort((a, b) => setOrder.get(a.setId)! - setOrder.get(b.setId)!);

    return {
      schemaVersion: 1,
      inputs: [...inputNames],
      frameworks,
      sets,
      groups,
      capabilities,
      techniques,
      mappings,
      nonMappables,
      duplicates,
    };
  }
}

function assembleTechnique(draft: TechniqueDraft): Technique {
  const versionsByName = [...draft.names.entries()].map(([name, versions]) => {
    const list = [...versions.keys()].sort((a, b) => compareAttackVersions(b, a));
    return { name, attackVersions: list, count: [...versions.values()].reduce((x, y) => x + y, 0) };
  });
  // The current name: the catalog's for the newest version it covers, else the name used most
  // often in the newest ATT&CK version seen.
  const attackVersions = [...draft.attackVersions].sort((a, b) => compareAttackVersions(b, a));
  const newestVersion = attackVersions[0];
  const catalogVersions = [...draft.catalogNames.keys()].sort((a, b) => compareAttackVersions(b, a));
  let name: string | null = null;
  if (catalogVersions[0] && (!newestVersion || compareAttackVersions(catalogVersions[0], newestVersion) >= 0)) {
    name = draft.catalogNames.get(catalogVersions[0])!;
  } else if (newestVersion) {
    let best = -1;
    for (const [candidate, versions] of draft.names) {
      const count = versions.get(newestVersion) ?? 0;
      if (count > best || (count === best && name !== null && candidate < name)) {
        best = count;
        name = candidate;
      }
    }
    if (best <= 0) name = versionsByName[0]?.name ?? null;
  }
  const names = versionsByName
    .sort(
      (a, b) =>
        compareAttackVersions(b.attackVersions[0]!, a.attackVersions[0]!) ||
        (a.name === name ? -1 : b.name === name ? 1 : b.count - a.count) ||
        a.name.localeCompare(b.name),
    )
    .map(({ name: n, attackVersions }) => ({ name: n, attackVersions }));
  return {
    id: draft.id,
    name,
    names,
    parentId: parentTechniqueId(draft.id),
    subtechniqueIds: [],
    domains: DOMAIN_IDS.filter((d) => draft.domains.has(d)),
    tactics: draft.tactics?.value ?? [],
    description: draft.description?.value ?? null,
    descriptionVersion: draft.description?.version ?? null,
    attackVersions,
  };
}

/** "TA0007 Discovery; TA0008 Lateral Movement" -> [{id: "TA0007", name: "Discovery"}, ...] */
function parseTactics(cell: string): Technique['tactics'] {
  return cell
    .split(';')
    .map((part) => normalizeWhitespace(part))
    .filter((part) => part !== '')
    .map((part) => {
      const m = /^(TA\d{4})\s+(.+)$/i.exec(part);
      return m ? { id: m[1]!.toUpperCase(), name: m[2]! } : { id: null, name: part };
    });
}
