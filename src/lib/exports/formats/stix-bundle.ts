/**
 * A set's mappings (all, or a page's) as a STIX 2.1 bundle, for CTI platforms (OpenCTI, MISP,
 * TIPs). Browser-safe and pure: ids are UUIDv5 (the uuid package's SHA-1, no node:crypto), so
 * the same rows always give the same file and a diff between two builds is a change in the data.
 *
 * What is in the bundle:
 * - Each capability is one SDO, its type after what the capability is:
 *   - `vulnerability` for a CVE (KEV): the STIX object for a CVE, with the `cve` external
 *     reference that consumers match vulnerabilities by;
 *   - `attack-pattern` for a VERIS entry: VERIS is a vocabulary of what threat actors do and
 *     cause, as CAPEC (which STIX writes as attack-patterns) is; its links to ATT&CK are the
 *     common `related-to`;
 *   - `course-of-action` for everything else, controls (NIST SP 800-53, CRI Profile, CSA CCM) and
 *     security product features (Azure, AWS, GCP, M365, Intel vPro) alike: STIX calls a course
 *     of action what one does to prevent or respond to an attack (its examples: applying
 *     patches, configuring firewalls), ATT&CK writes its own mitigations so, and consumers show
 *     courses of action on a technique as its defences. `infrastructure` (what the Mappings
 *     Explorer uses) and `tool` are read by CTI platforms as the adversary's systems and
 *     software: a firewall feature would be listed among command-and-control servers.
 *   Its `name` is the capability id as the set spells it (unique in the framework, where
 *   descriptions such as "Other" are not), its `description` the capability's; an
 *   `external_references` entry gives the id in its framework (`source_name` the framework id,
 *   or `cve`).
 * - Each mapping is one `relationship`: `relationship_type` the mapping type in STIX form (lower
 *   case, runs of other characters as "-": `technique_scores` -> `technique-scores`),
 *   `source_ref` the capability, `target_ref` the technique's ATT&CK attack-pattern id (from
 *   the lookup given), `description` the mapping's notes, `external_references` its references
 *   (URLs as `url`, anything else as `description`).
 * - One `identity` for the set's organization (else its author), every object's
 *   `created_by_ref`; none when the set names neither.
 * - No attack-pattern stubs for the techniques: the ATT&CK objects are MITRE's, and a copy under
 *   their ids would be a version of MITRE's objects written by someone else (STIX lets only an
 *   object's creator version it); consumers such as OpenCTI resolve the refs against their
 *   ATT&CK import, and a bundle with refs to objects it does not carry is valid STIX.
 *   The technique's ATT&CK id (T1046) is not repeated on each relationship: `target_ref` names
 *   it, and a tenth of the file would go to saying it twice (the public corpus's bundles must fit
 *   the deploy budget).
 *
 * Custom properties (top-level, `x_mapscope_` prefixed, as ATT&CK's own `x_mitre_` ones are; a
 * STIX 2.1 extension definition would add its declaration to every object, a sixth of the file):
 * - on capabilities: `x_mapscope_framework` (id), `x_mapscope_framework_version`,
 *   `x_mapscope_capability_group` (the group's id as the set spells it) and
 *   `x_mapscope_capability_group_name` (its label), when the row has a group;
 * - on relationships: `x_mapscope_score_category`
 *   (protect, detect, respond), `x_mapscope_score_value` (minimal, partial, significant) and
 *   `x_mapscope_related_score` (a sub-technique's parent whose score it shares), when the mapping
 *   has them; `x_mapscope_mapping_type`, the type as the set writes it, when its STIX form
 *   differs; `x_mapscope_status` (in_progress, participant_review) when not complete.
 * - in a result's bundle (the coverage builder's, stixBundleOfResult): `x_mapscope_set` on a
 *   capability (the set it counts with), and the result's own on relationships
 *   (`x_mapscope_coverage`, `x_mapscope_threat_weight`).
 *
 * Ids: every object's is a UUIDv5 of what identifies it (a capability: its set and folded id; a
 * mapping: its set, capability, technique, mapping type and score category; an identity: its
 * name), under Mapscope's namespace. Timestamps: the set's creation date (`created`) and last
 * update (`modified`); identities carry a fixed date, so every bundle that names an organization
 * holds the same version of it.
 */
import { v5 as uuidv5 } from 'uuid';
import { capabilityKey } from '../../core/ids.ts';
import type { ExportRow, ExportSet } from '../export-formats.ts';
import { isHttpUrl } from '../../core/urls.ts';
import { jsonText, pageRowsOfOneSet, type DownloadFormat, type ResultTable } from './download-format.ts';

/** The namespace of Mapscope's UUIDv5 STIX ids. */
export const MAPSCOPE_STIX_NAMESPACE = '033b1cfc-a6ce-4939-a750-86b43c92a0fb';

/** The date identities carry, the same in every bundle (see the module's note). */
export const IDENTITY_TIMESTAMP = '2026-12-01T00:00:00.000Z';

/** A set's bundle of some of its rows, its techniques resolved through the set's own ids (ExportSet.attackPatterns). */
const bundleText = (set: ExportSet, rows: readonly ExportRow[]) => jsonText(stixBundleOf(set, rows, new Map(Object.entries(set.attackPatterns ?? {}))).bundle);

/** The format, for the registry of download formats. */
export const stixFormat = {
  id: 'stix',
  label: 'STIX 2.1 bundle',
  linkText: 'STIX',
  /** Made from the set's JSON and rows files: prebuilt for current sets only (MAPSCOPE_PREBUILD). */
  derived: true,
  mediaType: 'application/stix+json;version=2.1',
  suffix: '_stix.json',
  /** One bundle holds one set (its ATT&CK version says which attack-patterns the refs name). */
  spansSets: false,
  listed: true,
  purpose: 'For CTI platforms (OpenCTI, MISP): capabilities related to ATT&CK techniques.',
  scopes: {
    set: { write: ({ set, rows }) => bundleText(set, rows) },
    page: {
      write: (input) => {
        const { set, rows } = pageRowsOfOneSet(input, 'STIX');
        return bundleText(set, rows);
      },
    },
    result: { offers: (result) => (result.relations?.length ?? 0) > 0, write: (result) => jsonText(stixBundleOfResult(result)) },
  },
} satisfies DownloadFormat;

/**
 * The mappings a set's bundle leaves out because the catalog has no STIX id for their
 * technique in the set's ATT&CK version: per technique id, how many (for the build's report line).
 */
export function unresolvedTechniques(set: ExportSet, rows: readonly ExportRow[]): { techniqueId: string; mappings: number }[] {
  return stixBundleOf(set, rows, new Map(Object.entries(set.attackPatterns ?? {}))).report.unresolved;
}

/** A STIX object as written. */
export type StixObject = { type: string; id: string } & Record<string, unknown>;

export interface StixBundle {
  type: 'bundle';
  id: string;
  /** Absent when there is nothing to hold: STIX has a bundle hold one object or more. */
  objects?: StixObject[];
}

/** The STIX ids of the ATT&CK techniques of the set's version and domain: T1046 -> attack-pattern--…. */
export type AttackPatternIds = Pick<ReadonlyMap<string, string>, 'get'>;

/** What the bundle could not hold, for the build's warnings. */
export interface StixReport {
  relationships: number;
  capabilities: number;
  /** Techniques the lookup does not know, with how many mappings name each: those mappings are not in the bundle. */
  unresolved: { techniqueId: string; mappings: number }[];
  /** Non-mappable entries, which relate nothing to a technique: not in the bundle. */
  nonMappable: number;
  /** Rows equal in every field to an earlier row: written once. */
  duplicates: number;
  /** The set gives no date: its objects carry the identities' fixed date. */
  undated: boolean;
}

/** The SDO type of a capability (see the module's note). */
export function capabilityType(set: Pick<ExportSet, 'frameworkId'>, capabilityId: string): 'vulnerability' | 'attack-pattern' | 'course-of-action' {
  if (CVE_LOOSE.test(capabilityId.trim())) return 'vulnerability';
  if (set.frameworkId === 'veris') return 'attack-pattern';
  return 'course-of-action';
}

/** A mapping type in STIX form: `technique_scores` -> `technique-scores`; `related-to` when nothing is left. */
export function stixRelationshipType(mappingType: string): string {
  const form = mappingType
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return form || 'related-to';
}

const CVE_LOOSE = /^cve-\d{4}-\d{4,}$/i;
/** The pattern the STIX schemas hold a `cve` external id to. */
const CVE_STRICT = /^CVE-\d{4}-(0\d{3}|[1-9]\d{3,})$/;
const CAPEC = /^CAPEC-\d+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Characters RFC 3986 allows in a URI (STIX's `url` is one), with well-formed percent escapes. */
const RFC3986 = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$/;

const stixId = (type: string, ...parts: unknown[]) => `${type}--${uuidv5(JSON.stringify([type, ...parts]), MAPSCOPE_STIX_NAMESPACE)}`;
const text = (v: unknown) => (v == null ? null : String(v));

/** A source_name the schemas accept beside an id: `cve` and `capec` are reserved for their ids. */
const sourceName = (name: string) => (/^(cve|capec)$/.test(name) ? `${name}-list` : name);

/** The capability's id in its framework, as an external reference. */
function capabilityReference(set: Pick<ExportSet, 'frameworkId'>, capabilityId: string): Record<string, string> {
  const upper = capabilityId.trim().toUpperCase();
  if (CVE_STRICT.test(upper)) return { source_name: 'cve', external_id: upper };
  if (CAPEC.test(capabilityId)) return { source_name: 'capec', external_id: capabilityId };
  return { source_name: sourceName(set.frameworkId), external_id: capabilityId };
}

/**
 * The STIX 2.1 bundle of a result made in the browser (the coverage builder's: each chosen
 * capability related to each technique it covers): one SDO per capability, typed as in a set's
 * bundle, one relationship per link, its custom properties carried. Ids are UUIDv5 of the
 * content, as in a set's bundle; objects carry the build's date (or the identities' fixed one).
 * No identity: a result is the reader's choice, not an organization's mapping.
 */
export function stixBundleOfResult(result: ResultTable): StixBundle {
  const at = timestamp(result.made?.buildDate ?? null) ?? IDENTITY_TIMESTAMP;
  const common = (type: string, id: string) => ({ type, spec_version: '2.1', id, created: at, modified: at });
  const capabilities = new Map<string, StixObject>();
  const relationships = new Map<string, StixObject>();
  for (const relation of result.relations ?? []) {
    const { capability: c } = relation;
    const key = JSON.stringify([c.frameworkId, c.frameworkVersion ?? null, c.setId ?? null, capabilityKey(c.id)]);
    let sdo = capabilities.get(key);
    if (!sdo) {
      const type = capabilityType(c, c.id);
      sdo = {
        ...common(type, stixId(type, c.frameworkId, c.frameworkVersion ?? null, c.setId ?? null, capabilityKey(c.id))),
        name: c.id,
        ...(c.name ? { description: c.name } : {}),
        external_references: [capabilityReference(c, c.id)],
        x_mapscope_framework: c.frameworkId,
        ...(c.frameworkVersion ? { x_mapscope_framework_version: c.frameworkVersion } : {}),
        ...(c.setId ? { x_mapscope_set: c.setId } : {}),
      };
      capabilities.set(key, sdo);
    }
    const id = stixId('relationship', sdo.id, relation.attackPatternId, relation.relationshipType);
    if (relationships.has(id)) continue;
    relationships.set(id, {
      ...common('relationship', id),
      relationship_type: relation.relationshipType,
      source_ref: sdo.id,
      target_ref: relation.attackPatternId,
      ...relation.properties,
    });
  }
  const objects = [...capabilities.values(), ...relationships.values()];
  return {
    type: 'bundle',
    id: stixId(
      'bundle',
      objects.map((x) => x.id),
    ),
    ...(objects.length ? { objects } : {}),
  };
}

/** A mapping's references: http(s) URLs as links, any other entry (or a URL STIX cannot hold) as text. */
function referencesOf(row: ExportRow): Record<string, string>[] {
  const list = row.object['references'];
  if (!Array.isArray(list)) return [];
  return list.map((entry): Record<string, string> => {
    const value = String(entry);
    if (isHttpUrl(value) && RFC3986.test(value)) return { source_name: sourceName(new URL(value).hostname), url: value };
    return { source_name: 'reference', description: value };
  });
}

/** An ISO date as a STIX timestamp, or null. */
const timestamp = (iso: string | null) => (iso && ISO_DATE.test(iso) && !Number.isNaN(Date.parse(iso)) ? `${iso}T00:00:00.000Z` : null);

/**
 * The STIX 2.1 bundle of some of a set's rows (all, or a page's), with what it could not hold.
 * `attackPatternIds` gives the STIX id of each technique in the set's ATT&CK version and domain.
 */
export function stixBundleOf(set: ExportSet, rows: readonly ExportRow[], attackPatternIds: AttackPatternIds): { bundle: StixBundle; report: StixReport } {
  const createdAt = timestamp(set.creationDate) ?? timestamp(set.lastUpdate);
  const updatedAt = timestamp(set.lastUpdate) ?? createdAt;
  const created = createdAt ?? IDENTITY_TIMESTAMP;
  const modified = updatedAt && updatedAt > created ? updatedAt : created;

  const objects: StixObject[] = [];
  // The author stands in when the set names no organization; it may be a person, so its class is left unsaid.
  const creatorName = set.organization || text(set.metadata['author']);
  let creator: StixObject | null = null;
  if (creatorName) {
    creator = {
      type: 'identity',
      spec_version: '2.1',
      id: stixId('identity', creatorName),
      created: IDENTITY_TIMESTAMP,
      modified: IDENTITY_TIMESTAMP,
      name: creatorName,
      ...(set.organization ? { identity_class: 'organization' } : {}),
    };
    objects.push(creator);
  }
  const common = (type: string, id: string) => ({
    type,
    spec_version: '2.1',
    id,
    ...(creator ? { created_by_ref: creator.id } : {}),
    created,
    modified,
  });

  const capabilities = new Map<string, StixObject>();
  const relationships: StixObject[] = [];
  const relationshipIds = new Set<string>();
  const unresolved = new Map<string, number>();
  let nonMappable = 0;
  let duplicates = 0;

  for (const row of rows) {
    const o = row.object;
    const capabilityId = text(o['capability_id']);
    const techniqueId = text(o['attack_object_id']);
    if (!row.mapping || capabilityId === null || techniqueId === null) {
      nonMappable++;
      continue;
    }
    const target = attackPatternIds.get(techniqueId);
    if (!target) {
      unresolved.set(techniqueId, (unresolved.get(techniqueId) ?? 0) + 1);
      continue;
    }
    const key = capabilityKey(capabilityId);
    let capability = capabilities.get(key);
    if (!capability) {
      const type = capabilityType(set, capabilityId);
      const description = text(o['capability_description']);
      const group = text(o['capability_group']);
      const groupName = group === null ? undefined : set.metadata.capability_groups[group];
      capability = {
        ...common(type, stixId(type, set.id, key)),
        name: capabilityId,
        ...(description ? { description } : {}),
        external_references: [capabilityReference(set, capabilityId)],
        x_mapscope_framework: set.frameworkId,
        x_mapscope_framework_version: set.frameworkVersion,
        ...(group !== null ? { x_mapscope_capability_group: group } : {}),
        ...(group !== null && groupName !== undefined && groupName !== group ? { x_mapscope_capability_group_name: groupName } : {}),
      };
      capabilities.set(key, capability);
    }

    const mappingType = text(o['mapping_type']) ?? '';
    const relationshipType = stixRelationshipType(mappingType);
    const category = text(o['score_category']);
    const value = text(o['score_value']);
    const related = text(o['related_score']);
    const comments = text(o['comments']);
    const references = referencesOf(row);
    const fields = {
      relationship_type: relationshipType,
      source_ref: capability.id,
      target_ref: target,
      ...(comments ? { description: comments } : {}),
      ...(references.length ? { external_references: references } : {}),
      ...(category ? { x_mapscope_score_category: category } : {}),
      ...(value ? { x_mapscope_score_value: value } : {}),
      ...(related ? { x_mapscope_related_score: related } : {}),
      ...(mappingType !== relationshipType ? { x_mapscope_mapping_type: mappingType } : {}),
      ...(row.status !== 'complete' ? { x_mapscope_status: row.status } : {}),
    };
    // Two rows of one mapping (same capability, technique, type and category) that differ
    // elsewhere are both kept, the second under an id that takes its content in; an exact
    // repeat is written once.
    let id = stixId('relationship', set.id, key, techniqueId, mappingType, category);
    if (relationshipIds.has(id)) {
      id = stixId('relationship', set.id, key, techniqueId, mappingType, category, fields);
      if (relationshipIds.has(id)) {
        duplicates++;
        continue;
      }
    }
    relationshipIds.add(id);
    relationships.push({ ...common('relationship', id), ...fields });
  }

  objects.push(...capabilities.values(), ...relationships);
  return {
    bundle: {
      type: 'bundle',
      id: stixId(
        'bundle',
        objects.map((x) => x.id),
      ),
      ...(objects.length ? { objects } : {}),
    },
    report: {
      relationships: relationships.length,
      capabilities: capabilities.size,
      unresolved: [...unresolved].map(([techniqueId, mappings]) => ({ techniqueId, mappings })).sort((a, b) => (a.techniqueId < b.techniqueId ? -1 : 1)),
      nonMappable,
      duplicates,
      undated: createdAt === null,
    },
  };
}
