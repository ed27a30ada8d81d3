/**
 * Mapping sets while they are read: which set an object belongs to (framework, framework
 * version, ATT&CK version, domain), the set's metadata merged from every file that names it, its
 * mapping types and capability groups, and what it has kept so far.
 */
import {
  capabilityKey,
  mappingTypeFamily,
  mappingTypeKey,
  normalizeAttackVersion,
  normalizeFrameworkId,
  normalizeFrameworkVersion,
  normalizeWhitespace,
} from '../../core/ids.ts';
import { setIdFor, versionSlug } from '../../model/slugs.ts';
import type { ObjectRecord, ReadRepair } from '../read-inputs.ts';
import type { Duplicate, Framework, Mapping, MappingMetadataInput, MappingSet, MappingType, SourceLocation } from '../../model/schema.ts';
import { compareSetsNewestFirst } from '../../core/versions.ts';
import { DOMAIN_IDS, FRAMEWORK_ID, FRAMEWORK_NAMES, MAPPING_TYPE_LABELS, SCORED_MAPPING_TYPE, type Domain } from '../../core/vocabulary.ts';
import type { NonMappableDraft } from './objects.ts';
import type { Report } from '../report.ts';
import { writtenAs, type WrittenText } from '../../exports/written-text.ts';
import { versionOfFile } from '../rules/attack-version-inferred.ts';
import { reportVersionRespelled, respelledInFile } from '../rules/framework-version-respelled.ts';
import { placedInFileSet } from '../rules/set-field-differs.ts';
import { reportMetadataDiffers } from '../rules/set-metadata-differs.ts';

export const NON_MAPPABLE_TYPE = 'non_mappable';

export interface TypeDraft extends MappingType {
  /** The key as the metadata (or a row) writes it. */
  key: string;
  family: string;
  /** The file whose metadata declared it, if one did. */
  declaredIn?: string;
}

/** The metadata fields of a set that one file gives and another may give otherwise (the set's own fields name it). */
const MERGED_FIELDS = ['mapping_version', 'creation_date', 'last_update', 'author', 'contact', 'organization', 'mapping_framework_version_schema'] as const;

/** Where an object was kept, for reporting later objects that repeat it. */
export interface KeptObject {
  source: string;
  rowId: string;
}

export interface SetDraft {
  id: string;
  frameworkId: string;
  frameworkVersion: string;
  attackVersion: string;
  domain: Domain;
  metadata: MappingMetadataInput | null;
  types: TypeDraft[];
  /** True when metadata declared the set's mapping types; else rows name them as they go. */
  typesDeclared: boolean;
  /** Declared and met groups by folded key: the key and label as written. */
  groups: Map<string, { key: string; label: string | null; labelAsWritten?: WrittenText; declaredIn?: string }>;
  /** The file each metadata field's value came from. */
  metadataFiles: Map<string, string>;
  sources: Set<string>;
  objects: number;
  mappings: Map<string, Mapping>;
  nonMappables: Map<string, NonMappableDraft>;
  duplicates: Duplicate[];
  /** Every object kept, by its exact content: a later object identical in every field is a duplicate. */
  kept: Map<string, KeptObject>;
  /** Row ids in use: two different mappings of one set never share a row. */
  rowIds: Set<string>;
  /** Group keys of the group names rows write, once resolved. */
  groupKeys: Map<string, string | null>;
  /** Where the set was first met: its metadata, or its first row. */
  firstLocation: SourceLocation;
}

/** The sets met so far, and the rules that place objects in them. */
export class SetRegistry {
  readonly drafts = new Map<string, SetDraft>();

  constructor(private readonly report: Report) {}

  /** The set named by these fields, created when first met; null (and a problem) when one is malformed. */
  setFor(rawFramework: string, rawFrameworkVersion: string, rawAttackVersion: string, rawDomain: string, location: SourceLocation): SetDraft | null {
    const frameworkId = normalizeFrameworkId(rawFramework);
    const attackVersion = normalizeAttackVersion(rawAttackVersion);
    const domain = rawDomain.trim().toLowerCase();
    let ok = true;
    if (!FRAMEWORK_ID.test(frameworkId)) {
      this.report.notAFrameworkId(location, rawFramework);
      ok = false;
    }
    if (attackVersion === null) {
      this.report.notAnAttackVersion(location, rawAttackVersion);
      ok = false;
    }
    if (!(DOMAIN_IDS as readonly string[]).includes(domain)) {
      this.report.notADomain(location, rawDomain);
      ok = false;
    }
    if (!ok) return null;
    const frameworkVersion = normalizeFrameworkVersion(rawFrameworkVersion);
    const id = setIdFor(frameworkId, frameworkVersion, attackVersion!, domain);
    let set = this.drafts.get(id);
    if (!set) {
      set = {
        id,
        frameworkId,
        frameworkVersion,
        attackVersion: attackVersion!,
        domain: domain as Domain,
        metadata: null,
        types: [],
        typesDeclared: false,
        groups: new Map(),
        metadataFiles: new Map(),
        sources: new Set(),
        objects: 0,
        mappings: new Map(),
        nonMappables: new Map(),
        duplicates: [],
        kept: new Map(),
        rowIds: new Set(),
        groupKeys: new Map(),
        firstLocation: location,
      };
      this.drafts.set(id, set);
    } else if (set.frameworkVersion !== frameworkVersion) {
      // "V2" and "v2", "Rev 5" and "rev-5": one version written two ways, one set.
      reportVersionRespelled(this.report, set.id, rawFrameworkVersion, set.frameworkVersion, location);
    }
    return set;
  }

  /**
   * Merge a file's metadata (`file`, at `location`) into its set: fields the set lacks are filled;
   * types and groups are added. A value the set already has from an earlier file is kept, and one
   * this file gives otherwise is reported (rules/set-metadata-differs.ts).
   */
  mergeMetadata(set: SetDraft, metadata: MappingMetadataInput, file: string, location: SourceLocation): void {
    // The pointer of a field ("mapping_types", "protects", "name" -> /metadata/mapping_types/protects/name).
    const at = (parts: readonly string[]): SourceLocation =>
      'pointer' in location
        ? { file: location.file, pointer: `${location.pointer}${parts.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}` }
        : location;
    const differs = (parts: readonly string[], found: unknown, kept: unknown, keptIn: string | undefined) =>
      reportMetadataDiffers(this.report, set.id, parts.join('.'), { value: found, file }, { value: kept, file: keptIn ?? 'an earlier file' }, at(parts));
    if (!set.metadata) {
      set.metadata = metadata;
      for (const key of Object.keys(metadata)) set.metadataFiles.set(key, file);
    } else {
      const merged: MappingMetadataInput = { ...set.metadata };
      for (const key of Object.keys(metadata) as (keyof MappingMetadataInput)[]) {
        if (merged[key] === null || merged[key] === undefined) {
          (merged as Record<string, unknown>)[key] = metadata[key];
          if (metadata[key] !== null && metadata[key] !== undefined) set.metadataFiles.set(key, file);
        } else if (
          (MERGED_FIELDS as readonly string[]).includes(key) &&
          metadata[key] !== null &&
          metadata[key] !== undefined &&
          metadata[key] !== merged[key]
        ) {
          differs([key], metadata[key], merged[key], set.metadataFiles.get(key));
        }
      }
      set.metadata = merged;
    }
    for (const [key, type] of Object.entries(metadata.mapping_types)) {
      const before = set.types.length;
      const declared = declareType(set, key, type.name, type.description);
      set.typesDeclared = true;
      if (set.types.length > before) {
        declared.declaredIn = file;
        continue;
      }
      const name = normalizeWhitespace(type.name);
      if (declared.name !== name) differs(['mapping_types', key, 'name'], type.name, declared.name, declared.declaredIn);
      if (declared.description === null) declared.description = type.description;
      else if (type.description !== null && type.description !== declared.description)
        differs(['mapping_types', key, 'description'], type.description, declared.description, declared.declaredIn);
    }
    for (const [key, label] of Object.entries(metadata.capability_groups)) {
      const groupKey = capabilityKey(key);
      if (!groupKey) continue;
      const shown = label === null ? null : normalizeWhitespace(label) || null;
      const existing = set.groups.get(groupKey);
      if (!existing || existing.label === null) {
        const labelAsWritten = writtenAs(label, shown);
        if (existing && shown === null) continue;
        set.groups.set(groupKey, {
          key: existing?.key ?? normalizeWhitespace(key),
          label: shown,
          ...(labelAsWritten !== undefined ? { labelAsWritten } : {}),
          declaredIn: file,
        });
      } else if (shown !== null && shown !== existing.label) {
        differs(['capability_groups', key], label, existing.label, existing.declaredIn);
      }
    }
  }

  /**
   * What an object of a unified file says about its set, where it differs from the file's
   * metadata (the object is placed in the file's set all the same): an ATT&CK version that is
   * none ("[UNKNOWN_VERSION]"), or another version, framework, framework version or domain.
   */
  objectSetRepairs(set: SetDraft, value: ObjectRecord['value']): ReadRepair[] {
    const repairs: ReadRepair[] = [];
    if (value.attack_version === null && value.mapping_framework_version === null && value.mapping_framework === null && value.technology_domain === null)
      return repairs;
    const differs = (field: string, found: string, shown: string) => repairs.push(placedInFileSet(set.id, field, found, shown));
    if (value.attack_version !== null) {
      const version = normalizeAttackVersion(value.attack_version);
      if (version === null) {
        repairs.push(versionOfFile(set, value.attack_version));
      } else if (version !== set.attackVersion) {
        differs('attack_version', value.attack_version, set.attackVersion);
      }
    }
    if (value.mapping_framework_version !== null) {
      const version = normalizeFrameworkVersion(value.mapping_framework_version);
      if (version !== set.frameworkVersion) {
        if (versionSlug(version) === versionSlug(set.frameworkVersion)) {
          repairs.push(respelledInFile(set, value.mapping_framework_version));
        } else {
          differs('mapping_framework_version', value.mapping_framework_version, set.frameworkVersion);
        }
      }
    }
    if (value.mapping_framework !== null && normalizeFrameworkId(value.mapping_framework) !== set.frameworkId)
      differs('mapping_framework', value.mapping_framework, set.frameworkId);
    if (value.technology_domain !== null && value.technology_domain.trim().toLowerCase() !== set.domain)
      differs('technology_domain', value.technology_domain, set.domain);
    return repairs;
  }

  /**
   * CSV exports carry set metadata on every row; the first row of a set without metadata fills
   * it. A row (of `file`, at `location`) that gives a field the set lacks fills it; one that gives
   * it otherwise than the set has it is reported, naming the file the set's value came from.
   */
  fillFromRow(set: SetDraft, row: ObjectRecord['value'], file: string, location: SourceLocation): void {
    if (set.metadata) {
      for (const field of ['organization', 'creation_date', 'last_update'] as const) {
        const given = row[field];
        if (given === null) continue;
        const kept = set.metadata[field];
        if (kept === null || kept === undefined) {
          set.metadata = { ...set.metadata, [field]: given };
          set.metadataFiles.set(field, file);
        } else if (kept !== given) {
          reportMetadataDiffers(
            this.report,
            set.id,
            field,
            { value: given, file },
            { value: kept, file: set.metadataFiles.get(field) ?? 'an earlier file' },
            location,
          );
        }
      }
      return;
    }
    for (const field of ['organization', 'creation_date', 'last_update'] as const) if (row[field] !== null) set.metadataFiles.set(field, file);
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

  /** The declared mapping type a row names, by key, by name, or by a known rename; null (and a problem) if none. */
  resolveType(set: SetDraft, raw: string, location: SourceLocation): TypeDraft | null {
    const trimmed = normalizeWhitespace(raw);
    const normalized = mappingTypeKey(trimmed);
    const family = mappingTypeFamily(trimmed);
    const found =
      set.types.find((t) => t.key === trimmed) ??
      set.types.find((t) => mappingTypeKey(t.key) === normalized || mappingTypeKey(t.name) === normalized || t.id === normalized) ??
      set.types.find((t) => t.family === family);
    if (found) return found;
    const declared = set.types.filter((t) => t.family !== NON_MAPPABLE_TYPE);
    if (!set.typesDeclared || declared.length === 0) return declareType(set, trimmed, trimmed, null);
    this.report.undeclaredMappingType(
      location,
      raw,
      declared.map((t) => t.key),
    );
    return null;
  }

  /** The type id a non-mappable entry names, when it names one. */
  nonMappableType(set: SetDraft, raw: string | null): string | null {
    if (raw === null) return null;
    const trimmed = normalizeWhitespace(raw);
    const normalized = mappingTypeKey(raw);
    return set.types.find((t) => t.key === trimmed || t.id === normalized)?.id ?? normalized;
  }

  /** The folded key of the group a row names, by id or by label; a group the set does not declare is added by its id. */
  resolveGroup(set: SetDraft, raw: string | null): string | null {
    if (raw === null) return null;
    let resolved = set.groupKeys.get(raw);
    if (resolved === undefined) set.groupKeys.set(raw, (resolved = this.findGroup(set, raw)));
    return resolved;
  }

  private findGroup(set: SetDraft, raw: string): string | null {
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

  /** The finished sets, newest first within each framework, and the frameworks. */
  assemble(): { sets: MappingSet[]; frameworks: Framework[] } {
    const drafts = [...this.drafts.values()];
    const sets = drafts.map(assembleSet).sort(compareSetsNewestFirst);
    const frameworkIds = [...new Set(sets.map((s) => s.frameworkId))].sort();
    const frameworks = frameworkIds.map((id): Framework => ({
      id,
      name: FRAMEWORK_NAMES[id] ?? id,
      setIds: sets.filter((s) => s.frameworkId === id).map((s) => s.id),
      scored: drafts.some((d) => d.frameworkId === id && d.types.some((t) => t.family === SCORED_MAPPING_TYPE)),
    }));
    return { sets, frameworks };
  }
}

/** Add a mapping type to a set (or find the one it already has under that id). */
function declareType(set: SetDraft, key: string, name: string, description: string | null): TypeDraft {
  const trimmedKey = normalizeWhitespace(key);
  // Keys that say nothing (a UUID, a number): the type goes by its name.
  const opaque = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i.test(trimmedKey);
  const plainKey = trimmedKey.toLowerCase();
  const id = opaque ? mappingTypeKey(name) : /^[a-z0-9_.-]+$/.test(plainKey) ? plainKey : mappingTypeKey(plainKey);
  const existing = set.types.find((t) => t.id === id);
  if (existing) return existing;
  const declaredName = normalizeWhitespace(name);
  const humanName = /[A-Z ]/.test(declaredName) ? declaredName : null;
  const label = MAPPING_TYPE_LABELS[id] ?? humanName ?? declaredName.replace(/[_-]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
  const type: TypeDraft = { id, name: declaredName, label, description, key: trimmedKey, family: mappingTypeFamily(id) };
  set.types.push(type);
  return type;
}

function assembleSet(draft: SetDraft): MappingSet {
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
    mappingTypes: draft.types.map(({ id, name, label, description }) => ({ id, name, label, description })),
    sources: [...draft.sources].sort(),
    counts: {
      objects: draft.objects,
      mappings: draft.mappings.size,
      nonMappable: draft.nonMappables.size,
      duplicates: draft.duplicates.length,
    },
  };
}
