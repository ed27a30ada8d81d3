/**
 * One input object into the model: a mapping, a non-mappable entry (the capability or the
 * technique is empty, or the status or type says so), or a duplicate (identical in every field
 * to an object the set already kept). What the reader mended and what the data rules find
 * (rules/: a technique its ATT&CK version lacks, a missing score) become warnings that point at
 * the row the object became.
 */
import { formatLocation } from '../../core/locations.ts';
import {
  mappingTypeFamily,
  normalizeAttackVersion,
  normalizeFrameworkId,
  normalizeFrameworkVersion,
  normalizeTechniqueId,
  normalizeWhitespace,
} from '../../core/ids.ts';
import { stableHash } from '../../model/slugs.ts';
import type { ObjectRecord } from '../read-inputs.ts';
import type { Mapping, NonMappable } from '../../model/schema.ts';
import type { WrittenField } from '../../core/vocabulary.ts';
import { writtenAs } from '../../exports/written-text.ts';
import { isScoredType } from '../../core/scores.ts';
import type { CapabilityRegistry } from './capabilities.ts';
import type { Report, RowRef } from '../report.ts';
import { NON_MAPPABLE_TYPE, type SetDraft, type SetRegistry } from './sets.ts';
import type { TechniqueRegistry } from './techniques.ts';
import { attackVersionLabel } from '../../core/labels.ts';
import { DATA_RULES } from '../rules/index.ts';
import { sameAsKept } from '../rules/duplicate-objects.ts';

export interface ObjectContext {
  report: Report;
  sets: SetRegistry;
  capabilities: CapabilityRegistry;
  techniques: TechniqueRegistry;
}

/**
 * A mapping while the model is built: the row's own capability fields and ATT&CK name are kept
 * whole here; the finished model keeps only those that differ from what the set shows.
 */
export type MappingDraft = Mapping & {
  capabilitySpelling: string;
  capabilityDescription: string | null;
  capabilityGroupId: string | null;
  attackObjectName: string | null;
};

/** A non-mappable entry while the model is built: its own capability fields whole, as for a mapping. */
export type NonMappableDraft = Omit<NonMappable, 'capabilitySpelling'> & {
  capabilitySpelling: string | null;
  capabilityDescription: string | null;
  capabilityGroupId: string | null;
};

/** Place one object of `set`. */
export function addObject(ctx: ObjectContext, set: SetDraft, record: ObjectRecord): void {
  const { report } = ctx;
  const v = record.value;
  const { location } = record;
  const source = formatLocation(location);
  set.objects++;

  let techniqueId: string | null = null;
  if (v.attack_object_id !== null) {
    techniqueId = normalizeTechniqueId(v.attack_object_id);
    if (!techniqueId) {
      report.notATechniqueId(location, v.attack_object_id);
      return;
    }
  }
  const capabilityRaw = v.capability_id;
  const capKey = capabilityRaw === null ? null : ctx.capabilities.keyOf(capabilityRaw);
  const typeRaw = v.mapping_type;
  const typeIsNonMappable = typeRaw !== null && mappingTypeFamily(typeRaw) === NON_MAPPABLE_TYPE;
  const nonMappable = v.status === 'non_mappable' || typeIsNonMappable || !capKey || !techniqueId;

  if (techniqueId) ctx.techniques.noteRow(techniqueId, v.attack_object_name, set.attackVersion, set.domain);
  let capability: ReturnType<CapabilityRegistry['note']> | null = null;
  let groupIdentity: string | null = null;
  if (capKey && capabilityRaw !== null) {
    const groupKey = ctx.sets.resolveGroup(set, v.capability_group);
    capability = ctx.capabilities.note(set, capKey, capabilityRaw, v.capability_description, groupKey, location);
    // As an export writes the group: its label where the set declares one, else its id, so
    // that an export reads back into the same objects.
    const group = groupKey === null ? undefined : set.groups.get(groupKey);
    groupIdentity = group ? (group.label ?? group.key) : null;
  }
  const capabilityId = capability?.id ?? null;
  const attackObjectName = v.attack_object_name === null ? null : normalizeWhitespace(v.attack_object_name);
  const relatedScore = v.related_score === null ? null : (normalizeTechniqueId(v.related_score) ?? v.related_score);
  // What downloads write of the object's own text; objects that write a text otherwise (spaces) are not duplicates.
  const asWritten = writtenFields(record.raw, set, {
    capability_id: capability?.row.spelling ?? null,
    capability_description: capability?.row.description ?? null,
    attack_object_id: techniqueId,
    attack_object_name: attackObjectName,
    related_score: nonMappable ? null : relatedScore,
    comments: v.comments,
  });
  const written = asWritten ?? null;

  if (nonMappable) {
    const mappingType = ctx.sets.nonMappableType(set, typeRaw);
    const { exact, previous } = sameAsKept(
      set,
      [
        capability?.row.spelling,
        capability?.row.description,
        groupIdentity,
        mappingType,
        techniqueId,
        attackObjectName,
        v.comments,
        v.references,
        v.status,
        written,
      ],
      source,
    );
    if (previous) {
      reportRepairs(report, set, capabilityId, record, { location, techniqueId, rowId: previous.rowId });
      return;
    }
    const id = uniqueId(`n${stableHash([set.id, capKey, techniqueId, v.comments, v.references.join('\n')])}`, exact, set.nonMappables);
    set.kept.set(exact, { source, rowId: id });
    const entry: NonMappableDraft = {
      id,
      setId: set.id,
      capabilityId,
      techniqueId,
      attackObjectName,
      mappingType,
      capabilitySpelling: capability?.row.spelling ?? null,
      capabilityDescription: capability?.row.description ?? null,
      capabilityGroupId: capability?.row.groupId ?? null,
      comments: v.comments,
      references: v.references,
      ...(v.status !== null && v.status !== 'non_mappable' ? { status: v.status } : {}),
      ...(asWritten ? { asWritten } : {}),
      source,
    };
    set.nonMappables.set(id, entry);
    const at: RowRef = { location, techniqueId, rowId: id };
    reportRepairs(report, set, capabilityId, record, at);
    if (techniqueId) checkEntry(ctx, set, capabilityId, techniqueId, at);
    if (capability) ctx.capabilities.describedBy(capability.id, set.id, capability.row.description, at);
    return;
  }

  if (typeRaw === null) {
    report.missingValue(location, 'mapping_type');
    return;
  }
  const type = ctx.sets.resolveType(set, typeRaw, location);
  if (!type || !capability) return;

  const { row } = capability;
  const status = v.status === null || v.status === 'non_mappable' ? 'complete' : v.status;
  const { exact, previous } = sameAsKept(
    set,
    [
      row.spelling,
      row.description,
      groupIdentity,
      type.id,
      techniqueId,
      attackObjectName,
      v.score_category,
      v.score_value,
      relatedScore,
      v.comments,
      v.references,
      status,
      written,
    ],
    source,
  );
  if (previous) {
    reportRepairs(report, set, capabilityId, record, { location, techniqueId, rowId: previous.rowId });
    return;
  }
  const references = v.references.join('\n');
  const id = uniqueId(
    `m${stableHash([set.id, capKey, techniqueId, type.id, v.score_category, v.score_value, relatedScore, v.comments, references])}`,
    exact,
    set.mappings,
  );
  // The capability's id is "<framework>:<slug>" (CapabilityRegistry.note).
  const capabilitySlug = capabilityId!.slice(set.frameworkId.length + 1);
  const rowHash = stableHash([set.frameworkId, capKey, techniqueId, type.family, v.score_category, v.score_value, v.comments, references], 6);
  // Equal mappings of different sets share a row; two objects of one set never do.
  const rowId = uniqueId(`${capabilitySlug}-${techniqueId!.toLowerCase()}-${rowHash}`, exact, set.rowIds);
  set.rowIds.add(rowId);
  set.kept.set(exact, { source, rowId });
  const mapping: MappingDraft = {
    id,
    rowId,
    setId: set.id,
    capabilityId: capabilityId!,
    techniqueId: techniqueId!,
    mappingType: type.id,
    scoreCategory: v.score_category,
    scoreValue: v.score_value,
    relatedScore,
    capabilitySpelling: row.spelling,
    capabilityDescription: row.description,
    capabilityGroupId: row.groupId,
    attackObjectName,
    comments: v.comments,
    references: v.references,
    status,
    ...(asWritten ? { asWritten } : {}),
    source,
  };
  set.mappings.set(id, mapping);

  const at: RowRef = { location, techniqueId, rowId };
  reportRepairs(report, set, capabilityId, record, at);
  checkEntry(ctx, set, capabilityId, techniqueId!, at);
  const scored = isScoredType(type.id);
  const attack = attackVersionLabel(set.domain, set.attackVersion);
  for (const rule of DATA_RULES) rule.checkMapping?.({ report, set, mapping, scored, techniques: ctx.techniques, attack, row: at });
  ctx.capabilities.describedBy(capability.id, set.id, row.description, at);
}

type OwnSetField = 'mapping_framework' | 'mapping_framework_version' | 'attack_version';

/**
 * The fields whose text the object writes otherwise than the model holds them (`shown`: what a
 * download writes from the model), and its own set fields written otherwise than its set's where
 * they name that set all the same ("7/28/2025" for 07/28/2025); undefined when there are none.
 */
function writtenFields(raw: ObjectRecord['raw'], set: SetDraft, shown: Record<Exclude<WrittenField, OwnSetField>, string | null>): Mapping['asWritten'] {
  const found: NonNullable<Mapping['asWritten']> = {};
  for (const [field, value] of Object.entries(shown) as [keyof typeof shown, string | null][]) {
    const written = writtenAs(raw[field], value);
    if (written !== undefined) found[field] = written;
  }
  const own = (field: OwnSetField, value: string, normalize: (text: string) => string | null) => {
    const text = raw[field];
    if (typeof text === 'string' && text !== value && normalize(text) === value) found[field] = text;
  };
  own('mapping_framework', set.frameworkId, normalizeFrameworkId);
  own('mapping_framework_version', set.frameworkVersion, normalizeFrameworkVersion);
  own('attack_version', set.attackVersion, normalizeAttackVersion);
  return Object.keys(found).length ? found : undefined;
}

/** What the reader mended in an object, as warnings about the row it became. */
function reportRepairs(report: Report, set: SetDraft, capabilityId: string | null, record: ObjectRecord, row: RowRef): void {
  for (const repair of record.repairs) report.repaired(set.id, capabilityId, repair, row);
}

/** The data rules' checks of a row kept that names a technique (rules/: its technique's status in the set's ATT&CK version). */
function checkEntry(ctx: ObjectContext, set: SetDraft, capabilityId: string | null, techniqueId: string, row: RowRef): void {
  const attack = attackVersionLabel(set.domain, set.attackVersion);
  for (const rule of DATA_RULES) rule.checkEntry?.({ report: ctx.report, set, techniques: ctx.techniques, attack, capabilityId, techniqueId, row });
}

/**
 * `base`, or when another object of the set already holds it, `base` with a suffix derived from
 * the object's whole content (so the same objects get the same ids whatever their order).
 */
function uniqueId(base: string, exact: string, taken: { has(id: string): boolean }): string {
  if (!taken.has(base)) return base;
  const digest = stableHash([exact], 16);
  for (let length = 4; length <= digest.length; length += 2) {
    const candidate = `${base}-${digest.slice(0, length)}`;
    if (!taken.has(candidate)) return candidate;
  }
  throw new Error(`internal error: no free id for ${base}`);
}
