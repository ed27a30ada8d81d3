/**
 * The data contract, in one place: the shapes the reader accepts (unified Mappings Explorer JSON,
 * its CSV export, the technique catalog) and the normalized model the site renders. The site's
 * types are inferred from these schemas; data/README.md documents the same fields.
 */
import { z } from 'zod';
import {
  DOMAIN_IDS,
  FRAMEWORK_ID,
  SCORE_CATEGORY_IDS,
  TECHNIQUE_ID,
  SCORE_VALUE_IDS,
  STATUS_IDS,
  VERSION_SCHEMAS,
  WRITTEN_FIELDS,
  TACTIC_ID,
  ATTACK_VERSION,
} from '../core/vocabulary.ts';
import { toIsoDate } from '../core/dates.ts';
import { WARNING_KIND_IDS } from '../ingest/rules/index.ts';
import { DISPLAY_CONTROL_ID, isSp80053Family, SP800_53_FAMILIES } from '../baselines/control-ids.ts';
import { completeCatalogSchema, stixIdStateSchema } from '../attack/complete-schema.ts';
import type { ControlDescription } from '../descriptions/control-text.ts';
import type { MatchedDescription } from '../descriptions/match-descriptions.ts';

// ---------------------------------------------------------------------------------------------
// Input: what mapping files may hold. Lenient where the public files are irregular (missing
// keys, nulls, padding, case), strict where a wrong value would change what a page says.
// ---------------------------------------------------------------------------------------------

/** Blank: nothing but whitespace and invisible characters (zero-width spaces, BOMs). */
const isBlank = (text: string) => /^[\s\u200b-\u200f\u2060\ufeff]*$/.test(text);

/** Text that may be missing, null or blank: normalized to a trimmed string or null. */
const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => {
    if (v == null) return null;
    const text = String(v).trim();
    return isBlank(text) ? null : text;
  });

/** Required text: a non-blank string (numbers, as some files write versions, are accepted). */
const requiredText = z
  .union([z.string(), z.number()], { error: 'a text value' })
  .transform((v) => String(v).trim())
  .refine((v) => !isBlank(v), { error: 'a non-empty value' });

/** A closed vocabulary field: case and blanks folded, empty means null. */
function vocabulary<const T extends readonly [string, ...string[]]>(ids: T) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim().toLowerCase()) : v),
    z
      .enum(ids)
      .nullish()
      .transform((v) => v ?? null),
  );
}

/** MM/DD/YYYY (or M/D/YYYY, or YYYY-MM-DD) dates, normalized to ISO YYYY-MM-DD. */
export const usDate = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const iso = toIsoDate(value);
    if (iso === null) {
      ctx.addIssue({ code: 'custom', message: 'a date as MM/DD/YYYY', input: value });
      return z.NEVER;
    }
    return iso;
  });

const optionalDate = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  usDate.nullish().transform((v) => v ?? null),
);

/** An ATT&CK domain, in any case and with stray spaces. */
const domainInput = z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(DOMAIN_IDS));

/** The `metadata` object of a unified mapping file. */
export const mappingMetadataInput = z.object({
  mapping_version: optionalText,
  attack_version: requiredText,
  technology_domain: domainInput,
  creation_date: optionalDate,
  last_update: optionalDate,
  mapping_framework: requiredText,
  mapping_framework_version: requiredText,
  mapping_framework_version_schema: z.enum(VERSION_SCHEMAS).nullish(),
  author: optionalText,
  contact: optionalText,
  organization: optionalText,
  mapping_types: z
    .record(z.string(), z.object({ name: requiredText, description: optionalText }))
    .nullish()
    .transform((v) => v ?? {}),
  capability_groups: z
    .record(z.string(), z.union([z.string(), z.null()]))
    .nullish()
    .transform((v) => v ?? {}),
});
export type MappingMetadataInput = z.output<typeof mappingMetadataInput>;

/** One entry of `mapping_objects` (and one CSV row, once its cells are converted). */
export const mappingObjectInput = z.object({
  capability_id: optionalText,
  capability_description: optionalText,
  capability_group: optionalText,
  mapping_type: optionalText,
  attack_object_id: optionalText,
  attack_object_name: optionalText,
  attack_version: optionalText,
  technology_domain: optionalText,
  mapping_framework: optionalText,
  mapping_framework_version: optionalText,
  comments: optionalText,
  /** Entries as read (see references.ts): http(s) URLs become links, anything else stays text. */
  references: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  score_category: vocabulary(SCORE_CATEGORY_IDS),
  score_value: vocabulary(SCORE_VALUE_IDS),
  related_score: optionalText,
  status: vocabulary(STATUS_IDS),
  organization: optionalText,
  creation_date: optionalDate,
  last_update: optionalDate,
});
export type MappingObjectInput = z.output<typeof mappingObjectInput>;

/** One row of the ATT&CK technique catalog CSV. */
export const techniqueRowInput = z.object({
  attack_object_id: requiredText,
  attack_object_name: requiredText,
  attack_version: requiredText,
  technology_domain: domainInput,
  tactics: optionalText,
  description: optionalText,
});
export type TechniqueRowInput = z.output<typeof techniqueRowInput>;

// ---------------------------------------------------------------------------------------------
// The ATT&CK catalog (data/attack/<domain>.json): facts npm run attack derives from MITRE's
// STIX bundles, one file per domain. Facts that hold over several versions are written once,
// as a state listing those versions.
// ---------------------------------------------------------------------------------------------

const versionList = z.array(z.string().regex(ATTACK_VERSION)).min(1);

/** A technique's facts over the ATT&CK versions that share them. */
export const techniqueStateSchema = z.object({
  versions: versionList,
  name: z.string().min(1),
  /** Tactic ids (TA0007). */
  tactics: z.array(z.string().regex(TACTIC_ID)),
  platforms: z.array(z.string()),
  /** For a sub-technique, its parent. */
  parent: z.string().regex(TECHNIQUE_ID).optional(),
  revoked: z.literal(true).optional(),
  /** The technique that replaces a revoked one, when ATT&CK names it. */
  revokedBy: z.string().regex(TECHNIQUE_ID).optional(),
  deprecated: z.literal(true).optional(),
});

export const tacticStateSchema = z.object({
  versions: versionList,
  name: z.string().min(1),
  shortName: z.string().min(1),
  deprecated: z.literal(true).optional(),
});

export const attackCatalogSchema = z.object({
  /** /2 adds stixIds and complete; a /1 file reads as a /2 one without them. */
  format: z.enum(['mapscope-attack-catalog/1', 'mapscope-attack-catalog/2']),
  domain: z.enum(DOMAIN_IDS),
  /** Each version with its matrix: the tactic ids in the matrix's order. */
  versions: z.array(z.object({ version: z.string().regex(ATTACK_VERSION), matrix: z.array(z.string().regex(TACTIC_ID)) })),
  tactics: z.array(z.object({ id: z.string().regex(TACTIC_ID), states: z.array(tacticStateSchema).min(1) })),
  techniques: z.array(
    z.object({
      id: z.string().regex(TECHNIQUE_ID),
      states: z.array(techniqueStateSchema).min(1),
      /** Its STIX ids over the versions that share one (apart from states, which the model copies). */
      stixIds: z.array(stixIdStateSchema).optional(),
    }),
  ),
  /** Groups, campaigns, software, mitigations, detections of the newest complete bundle imported (src/lib/attack/complete-schema.ts). */
  complete: completeCatalogSchema.optional(),
});
export type AttackCatalog = z.infer<typeof attackCatalogSchema>;
export type TechniqueState = z.infer<typeof techniqueStateSchema>;
export type TacticState = z.infer<typeof tacticStateSchema>;

// ---------------------------------------------------------------------------------------------
// Control baselines (data/baselines/<id>.json): the controls an OSCAL profile selects, such as
// NIST SP 800-53 rev5 MODERATE, written by npm run baselines. Ids and titles only, no NIST prose.
// ---------------------------------------------------------------------------------------------

/** A baseline id, also its file name: "nist_800_53-rev5-moderate". */
export const BASELINE_ID = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** A baseline file as npm run baselines writes it. */
export const baselineFileSchema = z.object({
  format: z.literal('mapscope-baseline/1'),
  id: z.string().regex(BASELINE_ID, 'a baseline id: lower-case letters and digits separated by ".", "_" or "-"'),
  /** The profile's metadata.title, e.g. "NIST Special Publication 800-53 Revision 5.1.1 MODERATE IMPACT BASELINE". */
  title: z.string().min(1),
  /** The profile's metadata.version ("5.1.1+u4"), null when it has none. */
  version: z.string().min(1).nullable(),
  /** The framework of the mapping sets whose capabilities the controls are, e.g. "nist_800_53". */
  frameworkId: z.string().regex(FRAMEWORK_ID, 'a framework id such as nist_800_53'),
  /** The framework version, as mapping sets write it: "rev5". */
  frameworkVersion: z.string().min(1),
  /** The OSCAL profile's file name. */
  source: z.string().min(1),
  /** The controls and enhancements selected, in the profile's order, each once. */
  controls: z
    .array(
      z
        .string()
        .regex(DISPLAY_CONTROL_ID, "a control in NIST's form, such as AC-2 or AC-2(1)")
        // Of a family SP 800-53 has: "ZZ-1" has NIST's form, and no family.
        .refine(
          (id) => !DISPLAY_CONTROL_ID.test(id) || isSp80053Family(id.slice(0, 2)),
          `a control of one of SP 800-53's families (${SP800_53_FAMILIES.join(', ')})`,
        ),
    )
    .min(1)
    .refine((ids) => new Set(ids).size === ids.length, 'each control listed once'),
});
export type BaselineFile = z.infer<typeof baselineFileSchema>;

// ---------------------------------------------------------------------------------------------
// The model: what the build script writes and the site reads.
// ---------------------------------------------------------------------------------------------

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const domain = z.enum(DOMAIN_IDS);

export const mappingTypeSchema = z.object({
  /** Normalized name, e.g. "protects"; what mappings refer to. */
  id: z.string().min(1),
  /** The name as the set declares it ("Protects", "technique_scores"): what CSV exports write. */
  name: z.string().min(1),
  /** The name as pages show it ("Protects", "Technique Scores"). */
  label: z.string().min(1),
  description: z.string().nullable(),
});

export const frameworkSchema = z.object({
  id: z.string().regex(FRAMEWORK_ID),
  name: z.string().min(1),
  /** Sets of this framework, newest first. */
  setIds: z.array(z.string()),
  /** True when any set scores its mappings (score category and value). */
  scored: z.boolean(),
});

export const setCountsSchema = z.object({
  /** Input objects read for this set (every one is counted below). */
  objects: z.number().int().nonnegative(),
  mappings: z.number().int().nonnegative(),
  nonMappable: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
});

export const mappingSetSchema = z.object({
  id: z.string().min(1),
  frameworkId: z.string(),
  frameworkVersion: z.string().min(1),
  attackVersion: z.string().min(1),
  domain,
  mappingVersion: z.string().nullable(),
  versionSchema: z.enum(VERSION_SCHEMAS).nullable(),
  creationDate: isoDate.nullable(),
  lastUpdate: isoDate.nullable(),
  author: z.string().nullable(),
  contact: z.string().nullable(),
  organization: z.string().nullable(),
  mappingTypes: z.array(mappingTypeSchema),
  /** Input files that contributed to the set. */
  sources: z.array(z.string()),
  counts: setCountsSchema,
});

/** A field's text as the source writes it, where the model holds it otherwise (src/lib/exports/written-text.ts). */
export const writtenTextSchema = z.union([z.string(), z.tuple([z.string(), z.string()]).readonly()]);

/**
 * The fields of a row whose text the source writes otherwise than the model holds them (stray
 * or doubled spaces, an id's spelling): what downloads write. Set fields only where they name
 * the row's own set (a row naming another set is placed in its file's set, with a warning).
 */
export const asWrittenSchema = z.partialRecord(z.enum(WRITTEN_FIELDS), writtenTextSchema);

export const capabilityGroupSchema = z.object({
  /** "<framework>:<slug>" */
  id: z.string(),
  frameworkId: z.string(),
  slug: z.string(),
  /** The id as written in the newest set, e.g. "AC". */
  displayId: z.string(),
  /** The label of the newest set that gives one, else the id. */
  label: z.string(),
  /** Per set, newest first: the id and the label as that set writes them. */
  sets: z.record(
    z.string(),
    z.object({
      spelling: z.string(),
      label: z.string().nullable(),
      /** The label as the set's metadata writes it, where it differs (stray spaces). */
      labelAsWritten: writtenTextSchema.optional(),
    }),
  ),
});

export const capabilitySetEntrySchema = z.object({
  /** The id as this set spells it. */
  spelling: z.string(),
  description: z.string().nullable(),
  groupId: z.string().nullable(),
});

export const capabilitySchema = z.object({
  /** "<framework>:<slug>" */
  id: z.string(),
  frameworkId: z.string(),
  /** Folded key that all spellings share, e.g. "ac-4". */
  key: z.string(),
  slug: z.string(),
  /** The spelling most sets use (then the shorter, then the newest set's), e.g. "AC-4". */
  displayId: z.string(),
  /** Every spelling seen, e.g. ["AC-4", "AC-04", "AC-4 "]. */
  spellings: z.array(z.string()),
  description: z.string().nullable(),
  groupId: z.string().nullable(),
  /** Per set: spelling, description and group as that set has them. */
  sets: z.record(z.string(), capabilitySetEntrySchema),
});

export const techniqueNameSchema = z.object({
  name: z.string(),
  attackVersions: z.array(z.string()),
});

export const tacticSchema = z.object({
  id: z.string().nullable(),
  name: z.string(),
});

/** A citation of a technique description: the source it names. */
export const citationSchema = z.object({ description: z.string().nullable(), url: z.string().nullable() });

export const techniqueSchema = z.object({
  id: z.string().regex(TECHNIQUE_ID),
  /** The name in the newest ATT&CK version known (the catalog's, else the mapping rows'); null if never named. */
  name: z.string().nullable(),
  /** Every name seen, newest first, with the ATT&CK versions that use it. */
  names: z.array(techniqueNameSchema),
  parentId: z.string().nullable(),
  subtechniqueIds: z.array(z.string()),
  domains: z.array(domain),
  /** Its tactics in the newest ATT&CK version that has it. */
  tactics: z.array(tacticSchema),
  /** Its platforms in the newest ATT&CK version that has it. */
  platforms: z.array(z.string()),
  /** ATT&CK markdown, from the bundles given at build time or a technique table. */
  description: z.string().nullable(),
  /** The ATT&CK version the description is from. */
  descriptionVersion: z.string().nullable(),
  /** The sources the description cites, by citation name. */
  citations: z.record(z.string(), citationSchema),
  /** ATT&CK versions that have it (the catalog's) or that mapping rows name it in. */
  attackVersions: z.array(z.string()),
  /** Its facts in each ATT&CK version of the catalog (empty when the catalog does not know it). */
  states: z.array(techniqueStateSchema.extend({ domain })),
  /** Its ATT&CK STIX ids (attack-pattern--uuid) over the versions of the same catalog as its states (none before catalog format /2). */
  stixIds: z.array(stixIdStateSchema).optional(),
});

/** A tactic of a domain, with its name in each ATT&CK version. */
export const modelTacticSchema = z.object({
  id: z.string().regex(TACTIC_ID),
  domain,
  states: z.array(tacticStateSchema).min(1),
});

/** An ATT&CK version of a domain the catalog knows, with its matrix's tactic order. */
export const attackVersionSchema = z.object({
  domain,
  version: z.string().regex(ATTACK_VERSION),
  matrix: z.array(z.string().regex(TACTIC_ID)),
});

export const mappingSchema = z.object({
  /** Unique per set, derived from the content. */
  id: z.string(),
  /** Shared by equal mappings in different sets: the deep-link anchor of a table row. */
  rowId: z.string(),
  setId: z.string(),
  capabilityId: z.string(),
  techniqueId: z.string(),
  mappingType: z.string(),
  scoreCategory: z.enum(SCORE_CATEGORY_IDS).nullable(),
  scoreValue: z.enum(SCORE_VALUE_IDS).nullable(),
  relatedScore: z.string().nullable(),
  // What this row writes, kept only where it differs from what its set shows for the capability
  // (as the set first wrote it) or from the technique's name in the set's ATT&CK version.
  /** The capability id as this row spells it. */
  capabilitySpelling: z.string().optional(),
  /** The capability description this row gives. */
  capabilityDescription: z.string().nullable().optional(),
  /** The capability group this row names (a group id of the model). */
  capabilityGroupId: z.string().nullable().optional(),
  /** The ATT&CK name this row gives. */
  attackObjectName: z.string().nullable().optional(),
  comments: z.string().nullable(),
  /** As read: http(s) URLs (links) and plain text entries. */
  references: z.array(z.string()),
  status: z.enum(STATUS_IDS).exclude(['non_mappable']),
  asWritten: asWrittenSchema.optional(),
  /** Where it was read, "file:line" or "file#/pointer". */
  source: z.string(),
});

export const nonMappableSchema = z.object({
  id: z.string(),
  setId: z.string(),
  /** The capability that maps to nothing, or null when an ATT&CK object is the non-mappable one. */
  capabilityId: z.string().nullable(),
  techniqueId: z.string().nullable(),
  /** The ATT&CK name as the input gave it (the object may not be a known technique). */
  attackObjectName: z.string().nullable(),
  mappingType: z.string().nullable(),
  // As on a mapping: what this entry writes of its capability, where it differs from its set.
  /** The capability id as this entry spells it. */
  capabilitySpelling: z.string().optional(),
  /** The capability description this entry gives. */
  capabilityDescription: z.string().nullable().optional(),
  /** The capability group this entry names. */
  capabilityGroupId: z.string().nullable().optional(),
  comments: z.string().nullable(),
  references: z.array(z.string()),
  /** The status the entry gives when it is not "non_mappable" (an object with no technique, marked complete). */
  status: z.enum(STATUS_IDS).exclude(['non_mappable']).optional(),
  asWritten: asWrittenSchema.optional(),
  source: z.string(),
});

export const duplicateSchema = z.object({
  setId: z.string(),
  source: z.string(),
  duplicateOf: z.string(),
});

/**
 * Where an input record was read: a CSV line (1-based), a JSON pointer, or the whole file. Kept as
 * read; core/locations.ts writes it ("file:14", "file#/pointer") where it is shown.
 */
export const sourceLocationSchema = z.union([
  z.object({ file: z.string(), line: z.number().int().positive() }),
  z.object({ file: z.string(), pointer: z.string() }),
  z.object({ file: z.string() }),
]);

/** Where a warning was found: the input object, and the row or entry it became (for a link). */
export const warningOccurrenceSchema = z.object({
  location: sourceLocationSchema,
  techniqueId: z.string().nullable(),
  /** The row id of the mapping (or the id of the non-mappable entry) the object became. */
  rowId: z.string().nullable(),
});

/**
 * Something the build mended or chose and kept going: a data owner's checklist item. Warnings
 * about one capability that recur row after row are one warning with several occurrences.
 */
export const warningSchema = z.object({
  kind: z.enum(WARNING_KIND_IDS),
  setId: z.string(),
  field: z.string(),
  /** What was expected there, as in an error message. */
  expected: z.string(),
  /** The value found, as text. */
  found: z.string(),
  /** What Mapscope did with it. */
  action: z.string(),
  capabilityId: z.string().nullable(),
  occurrences: z.array(warningOccurrenceSchema).min(1),
});

/** A baseline in the model: its file's fields, and the capabilities its controls name. */
export const baselineSchema = baselineFileSchema.omit({ format: true }).extend({
  /**
   * The capabilities (Capability.id) of the baseline's framework that its controls name, in the
   * controls' order; matched by capabilityKey, so AC-2 names the capability spelled AC-02.
   */
  capabilityIds: z.array(z.string()),
});

/** A technique active in the complete part's version (the coverage builder's matrix shows that version, mapped or not). */
const activeTechniqueSchema = z.object({
  id: z.string().regex(TECHNIQUE_ID),
  name: z.string().min(1),
  tactics: z.array(z.string().regex(TACTIC_ID)),
  parent: z.string().regex(TECHNIQUE_ID).optional(),
});

/** A text of MITRE's (ATT&CK markdown) and the sources it cites, as the model keeps it. */
const modelProseTextSchema = z.object({ markdown: z.string(), citations: z.record(z.string(), citationSchema) });
const proseById = z.record(z.string(), modelProseTextSchema);

/**
 * MITRE's prose about a domain's groups, campaigns, software and mitigations: read from the
 * bundles given at build time (--attack), never committed. Procedures: the text of each `uses`,
 * by source id then target id; mitigates: the text of each `mitigates`, by M id then technique.
 */
export const adversaryProseSchema = z.object({
  descriptions: z.object({ groups: proseById, campaigns: proseById, software: proseById, mitigations: proseById }),
  procedures: z.record(z.string(), proseById),
  mitigates: z.record(z.string(), proseById),
});

/**
 * A domain's groups, campaigns, software, mitigations and detections (the catalog's complete
 * part): the one home the adversary pages and the coverage builder's threat profiles read.
 */
export const modelAdversariesSchema = z.object({
  domain,
  facts: completeCatalogSchema,
  /** The techniques active in the facts' version (the coverage builder's matrix shows that version, mapped or not). */
  activeTechniques: z.array(activeTechniqueSchema),
  /** Null when no complete bundle of the same version was given at build time. */
  prose: adversaryProseSchema.nullable(),
  /** Name and tactics, in the facts' version, of the techniques the adversaries use that the model has no page for (new since the sets' versions). */
  otherTechniques: z.record(z.string(), z.object({ name: z.string(), tactics: z.array(z.string()) })),
});

/** A description text matched to a capability or group (descriptions/match-descriptions.ts), sanitized HTML and plain text, with its sources. */
const matchedDescriptionSchema = z.custom<MatchedDescription>((v) => !!v && typeof v === 'object' && typeof (v as MatchedDescription).html === 'string');

/** What the texts given at build time say of one capability. */
export const capabilityTextsSchema = z.object({
  /** NIST SP 800-53: the control of each revision its sets name, newest first (descriptions/control-text.ts). */
  controls: z.array(
    z.object({
      frameworkVersion: z.string(),
      control: z.custom<ControlDescription>((v) => !!v && typeof v === 'object' && typeof (v as ControlDescription).id === 'string'),
      /** The control's enhancements in that revision: id, title, and whether withdrawn. */
      enhancements: z.array(z.object({ id: z.string(), title: z.string(), withdrawn: z.boolean() })),
    }),
  ),
  /** The description files' texts, the newest source's first. */
  texts: z.array(matchedDescriptionSchema),
});

/** Capability texts from the files given with --descriptions; absent when none were given. */
export const modelDescriptionsSchema = z.object({
  catalogs: z.array(
    z.object({
      frameworkId: z.string(),
      frameworkVersion: z.string(),
      title: z.string(),
      version: z.string().nullable(),
      source: z.string(),
      controls: z.number().int(),
    }),
  ),
  files: z.array(z.object({ file: z.string(), framework: z.string().nullable(), version: z.string().nullable(), entries: z.number().int() })),
  /** By capability id. */
  capabilities: z.record(z.string(), capabilityTextsSchema),
  /** By group id. */
  groups: z.record(z.string(), z.array(matchedDescriptionSchema)),
});

export const modelSchema = z.object({
  schemaVersion: z.literal(5),
  inputs: z.array(z.string()),
  frameworks: z.array(frameworkSchema),
  sets: z.array(mappingSetSchema),
  groups: z.array(capabilityGroupSchema),
  capabilities: z.array(capabilitySchema),
  techniques: z.array(techniqueSchema),
  mappings: z.array(mappingSchema),
  nonMappables: z.array(nonMappableSchema),
  duplicates: z.array(duplicateSchema),
  warnings: z.array(warningSchema),
  /** The tactics of the domains the sets map to. */
  tactics: z.array(modelTacticSchema),
  /** The ATT&CK versions the catalog knows for those domains, oldest first. */
  attackVersions: z.array(attackVersionSchema),
  /** The control baselines (data/baselines/ and any among the inputs), by id. */
  baselines: z.array(baselineSchema),
  /** Per domain of the sets whose catalog has a complete part: its adversaries and mitigations, and the techniques active in its version (absent in models written before them). */
  adversaries: z.array(modelAdversariesSchema).optional(),
  /** Control, feature and CVE texts read with --descriptions. */
  descriptions: modelDescriptionsSchema.optional(),
});

export type Model = z.infer<typeof modelSchema>;
export type ModelDescriptions = z.infer<typeof modelDescriptionsSchema>;
export type CapabilityTexts = z.infer<typeof capabilityTextsSchema>;
export type Baseline = z.infer<typeof baselineSchema>;
export type ModelAdversaries = z.infer<typeof modelAdversariesSchema>;
export type ModelAdversaryProse = z.infer<typeof adversaryProseSchema>;
export type Framework = z.infer<typeof frameworkSchema>;
export type MappingSet = z.infer<typeof mappingSetSchema>;
export type MappingType = z.infer<typeof mappingTypeSchema>;
export type CapabilityGroup = z.infer<typeof capabilityGroupSchema>;
export type Capability = z.infer<typeof capabilitySchema>;
export type Technique = z.infer<typeof techniqueSchema>;
export type ModelTactic = z.infer<typeof modelTacticSchema>;
export type AttackVersion = z.infer<typeof attackVersionSchema>;
export type Mapping = z.infer<typeof mappingSchema>;
export type NonMappable = z.infer<typeof nonMappableSchema>;
export type Duplicate = z.infer<typeof duplicateSchema>;
export type DataWarning = z.infer<typeof warningSchema>;
export type WarningOccurrence = z.infer<typeof warningOccurrenceSchema>;
export type SourceLocation = z.infer<typeof sourceLocationSchema>;
