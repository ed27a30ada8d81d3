/**
 * ATT&CK techniques as the mapping rows and the technique catalog name them: every name seen
 * with the ATT&CK versions that use it, domains, tactics and descriptions, parents and
 * sub-techniques.
 */
import { compareNatural, normalizeAttackVersion, normalizeTechniqueId, normalizeWhitespace, parentTechniqueId } from '../ids.ts';
import type { TechniqueRecord } from '../read-inputs.ts';
import type { Technique } from '../schema.ts';
import { compareAttackVersions } from '../versions.ts';
import { DOMAIN_IDS, type Domain } from '../vocabulary.ts';
import type { Report } from './report.ts';

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

export class TechniqueRegistry {
  private readonly techniques = new Map<string, TechniqueDraft>();

  constructor(private readonly report: Report) {}

  /** A technique named by a mapping row of a set of this ATT&CK version and domain. */
  noteRow(id: string, name: string | null, attackVersion: string, domain: Domain): void {
    const technique = this.technique(id);
    if (name !== null) countName(technique, normalizeWhitespace(name), attackVersion);
    technique.domains.add(domain);
    technique.attackVersions.add(attackVersion);
  }

  /** Rows of the technique catalog (data/attack/techniques.csv). */
  addCatalog(records: readonly TechniqueRecord[]): void {
    for (const { location, value } of records) {
      const id = normalizeTechniqueId(value.attack_object_id);
      const version = normalizeAttackVersion(value.attack_version);
      if (!id) {
        this.report.notATechniqueId(location, value.attack_object_id);
        continue;
      }
      if (!version) {
        this.report.notAnAttackVersion(location, value.attack_version);
        continue;
      }
      const technique = this.technique(id);
      const name = normalizeWhitespace(value.attack_object_name);
      technique.catalogNames.set(version, name);
      countName(technique, name, version);
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

  /** Finished techniques in id order; parents of sub-techniques exist even when never mapped themselves. */
  assemble(): Technique[] {
    for (const id of [...this.techniques.keys()]) {
      const parent = parentTechniqueId(id);
      if (parent) {
        const parentDraft = this.technique(parent);
        for (const d of this.techniques.get(id)!.domains) parentDraft.domains.add(d);
      }
    }
    const techniques = [...this.techniques.values()].map(assembleTechnique).sort((a, b) => compareNatural(a.id, b.id));
    const byId = new Map(techniques.map((t) => [t.id, t]));
    for (const technique of techniques) {
      if (technique.parentId) byId.get(technique.parentId)?.subtechniqueIds.push(technique.id);
    }
    return techniques;
  }

  private technique(id: string): TechniqueDraft {
    let technique = this.techniques.get(id);
    if (!technique) {
      technique = { id, names: new Map(), catalogNames: new Map(), domains: new Set(), tactics: null, description: null, attackVersions: new Set() };
      this.techniques.set(id, technique);
    }
    return technique;
  }
}

/** A technique's name as an ATT&CK version has it (else its current name). */
export function techniqueNameAt(technique: Technique | undefined, attackVersion: string): string | null {
  if (!technique) return null;
  return technique.names.find((n) => n.attackVersions.includes(attackVersion))?.name ?? technique.name;
}

function countName(technique: TechniqueDraft, name: string, version: string): void {
  if (!name) return;
  let versions = technique.names.get(name);
  if (!versions) technique.names.set(name, (versions = new Map()));
  versions.set(version, (versions.get(version) ?? 0) + 1);
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
    .map(({ name: n, attackVersions: v }) => ({ name: n, attackVersions: v }));
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
