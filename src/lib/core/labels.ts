/**
 * How sets, mapping types and techniques are named on pages and in exports: "rev5 @ 8.2",
 * "NIST SP 800-53 rev5 → ATT&CK Enterprise 8.2", a set's label for a type, a technique's name in
 * one ATT&CK version, an ATT&CK version ("ATT&CK Enterprise 16.1"). Pure functions of model records; browser-safe.
 */
import { pushTo } from './multimap.ts';
import type { Capability, Framework, MappingSet, Technique } from '../model/schema.ts';
import { DOMAINS, FRAMEWORK_SHORT_NAMES, type Domain } from './vocabulary.ts';
import { required } from './lookups.ts';

/** "ATT&CK Enterprise 16.1": an ATT&CK domain's version. */
export const attackVersionLabel = (domain: Domain, version: string) => `ATT&CK ${DOMAINS[domain].label} ${version}`;

const domainSuffix = (domain: MappingSet['domain']) => (domain === 'enterprise' ? '' : ` ${DOMAINS[domain].label}`);

/**
 * The one wording of sets by version: "rev5 @ 16.1, 14.1", with the domain last when it is not
 * Enterprise ("1.4.0 @ 16.1, 15.1 Mobile"). Every label of a set or a list of sets comes from here.
 */
function versionsLabel(frameworkVersion: string, attackVersions: readonly string[], domain: MappingSet['domain']): string {
  return `${frameworkVersion} @ ${attackVersions.join(', ')}${domainSuffix(domain)}`;
}

/** "rev5 @ 8.2", with the domain when it is not Enterprise: "1.3.7 @ 12.1 ICS". */
export function setVersionLabel(set: MappingSet): string {
  return versionsLabel(set.frameworkVersion, [set.attackVersion], set.domain);
}

/** "NIST 800-53": a framework's short name where a cell lists several (its name when it has none). */
export const frameworkShortName = (framework: Framework): string => FRAMEWORK_SHORT_NAMES[framework.id] ?? framework.name;

/** "NIST SP 800-53 rev5 @ 8.2": a set among sets of several frameworks. */
export function frameworkSetLabel(set: MappingSet, framework: Framework): string {
  return `${framework.name} ${setVersionLabel(set)}`;
}

/** A set's full name: "NIST SP 800-53 rev5 → ATT&CK Enterprise 8.2". */
export function setTitle(set: MappingSet, framework: Framework): string {
  return `${framework.name} ${set.frameworkVersion} → ${attackVersionLabel(set.domain, set.attackVersion)}`;
}

/** The framework version and domain a set list groups by, and names alone: "rev5", "1.3.7 ICS". */
function versionKey(set: MappingSet): string {
  return `${set.frameworkVersion}${domainSuffix(set.domain)}`;
}

/**
 * The sets of a row as short text, grouped by framework version, newest first:
 * "rev5 @ 16.1, 14.1; rev4 @ 14.1". Sets must be sorted newest first.
 */
export function setListLabel(sets: readonly MappingSet[]): string[] {
  const byVersion = new Map<string, MappingSet[]>();
  for (const set of sets) pushTo(byVersion, versionKey(set), set);
  return [...byVersion.values()].map((group) =>
    versionsLabel(
      group[0]!.frameworkVersion,
      group.map((s) => s.attackVersion),
      group[0]!.domain,
    ),
  );
}

/**
 * The sets of a variant, as short as they can be said next to a row: a framework version alone
 * ("rev4") when the variant holds every set of that version the row appears in, else with its
 * ATT&CK versions ("rev5 @ 14.1, 12.1").
 */
export function variantSetsLabel(variant: readonly MappingSet[], rowSets: readonly MappingSet[]): string {
  const rowCount = new Map<string, number>();
  for (const s of rowSets) rowCount.set(versionKey(s), (rowCount.get(versionKey(s)) ?? 0) + 1);
  const variantCount = new Map<string, number>();
  for (const s of variant) variantCount.set(versionKey(s), (variantCount.get(versionKey(s)) ?? 0) + 1);
  const lines = setListLabel(variant);
  return [...variantCount.keys()]
    .map((key, i) => (variantCount.get(key) === rowCount.get(key) && required(rowCount, key, 'rowCount') > 1 ? key : lines[i]!))
    .join('; ');
}

/** How a set labels one of its mapping types. */
export function mappingTypeLabel(set: MappingSet, typeId: string): string {
  return set.mappingTypes.find((t) => t.id === typeId)?.label ?? typeId;
}

/** The group a capability belongs to in a set (groups may change between versions). */
export function groupIn(capability: Capability, setId: string): string | null {
  return capability.sets[setId]?.groupId ?? null;
}

/** A technique's name as an ATT&CK version has it (else its current name). */
export function techniqueNameAt(technique: Technique | undefined, attackVersion: string): string | null {
  if (!technique) return null;
  return technique.names.find((n) => n.attackVersions.includes(attackVersion))?.name ?? technique.name;
}
