/**
 * ATT&CK techniques: what the catalog (data/attack/) knows of them in each version (names,
 * tactics, platforms, revocations), what mapping rows and technique tables say, and the
 * descriptions of the bundles given at build time. Every active technique of a version a set
 * maps to gets a page, mapped or not; a row that names a technique its version does not have
 * (or has revoked or deprecated) is reported.
 */
import { stateAt, techniqueStixId, type CatalogIndex } from '../../attack/catalog.ts';
import type { AdversaryProse, TechniqueDescription } from '../../attack/bundles.ts';
import { compareNatural, normalizeAttackVersion, normalizeTechniqueId, normalizeWhitespace, parentTechniqueId } from '../../core/ids.ts';
import type { TechniqueRecord } from '../read-inputs.ts';
import type { AttackVersion, ModelTactic, Technique, TechniqueState } from '../../model/schema.ts';
import { compareAttackVersions } from '../../core/versions.ts';
import { DOMAIN_IDS, type Domain } from '../../core/vocabulary.ts';
import type { Report } from '../report.ts';
import { required } from '../../core/lookups.ts';

/** ATT&CK as the build knows it: the catalog of each domain, and descriptions from the bundles given. */
export interface AttackData {
  catalogs: ReadonlyMap<Domain, CatalogIndex>;
  descriptions: ReadonlyMap<string, TechniqueDescription>;
  /** MITRE's prose about groups, software and mitigations, per domain, from the complete bundles given. */
  prose?: ReadonlyMap<Domain, AdversaryProse>;
}

/** A technique in a set's ATT&CK version: present and active, or not. */
export type TechniqueStatus =
  { kind: 'active' } | { kind: 'no-catalog' } | { kind: 'unknown'; elsewhere: Domain | null } | { kind: 'revoked'; by: string | null } | { kind: 'deprecated' };

interface TechniqueDraft {
  id: string;
  /** name -> ATT&CK version -> number of rows that use it */
  names: Map<string, Map<string, number>>;
  /** A technique table's names, per version. */
  tableNames: Map<string, string>;
  domains: Set<Domain>;
  tableTactics: { version: string; value: Technique['tactics'] } | null;
  tableDescription: { version: string; value: string } | null;
  attackVersions: Set<string>;
}

export class TechniqueRegistry {
  private readonly techniques = new Map<string, TechniqueDraft>();

  constructor(
    private readonly report: Report,
    private readonly attack: AttackData,
  ) {}

  /** A technique named by a mapping row of a set of this ATT&CK version and domain. */
  noteRow(id: string, name: string | null, attackVersion: string, domain: Domain): void {
    const technique = this.technique(id);
    if (name !== null) countName(technique, normalizeWhitespace(name), attackVersion);
    technique.domains.add(domain);
    technique.attackVersions.add(attackVersion);
  }

  /** Every active technique and sub-technique of a version: each matrix cell has a page. */
  addActive(domain: Domain, version: string): void {
    const catalog = this.attack.catalogs.get(domain);
    if (!catalog) return;
    for (const [id, states] of catalog.techniques) {
      const state = stateAt(states, version);
      if (state && !state.revoked && !state.deprecated) this.technique(id).domains.add(domain);
    }
  }

  /** What a set's ATT&CK version says of a technique. */
  statusIn(id: string, domain: Domain, version: string): TechniqueStatus {
    const catalog = this.attack.catalogs.get(domain);
    if (!catalog || !catalog.versions.includes(version)) return { kind: 'no-catalog' };
    const state = stateAt(catalog.techniques.get(id) ?? [], version);
    if (!state) {
      const elsewhere = DOMAIN_IDS.find((d) => d !== domain && this.attack.catalogs.get(d)?.techniques.has(id)) ?? null;
      return { kind: 'unknown', elsewhere };
    }
    if (state.revoked) return { kind: 'revoked', by: state.revokedBy ?? null };
    if (state.deprecated) return { kind: 'deprecated' };
    return { kind: 'active' };
  }

  /**
   * A technique's ATT&CK STIX id (attack-pattern--…) in a version, as a set's STIX bundle takes
   * it; `null` when the catalog has that version's ids but not this technique's, `undefined`
   * when it cannot say (no catalog of the version, or one imported without STIX ids).
   */
  stixIdIn(id: string, domain: Domain, version: string): string | null | undefined {
    const catalog = this.attack.catalogs.get(domain);
    if (!catalog || !catalog.versions.includes(version) || !this.versionsWithStixIds(domain, catalog).has(version)) return undefined;
    return techniqueStixId(catalog, id, version) ?? null;
  }

  private readonly stixVersions = new Map<Domain, Set<string>>();
  private versionsWithStixIds(domain: Domain, catalog: CatalogIndex): Set<string> {
    let versions = this.stixVersions.get(domain);
    if (!versions) {
      versions = new Set([...catalog.stixIds.values()].flatMap((states) => states.flatMap((s) => s.versions)));
      this.stixVersions.set(domain, versions);
    }
    return versions;
  }

  /** Rows of a technique table (names, tactics and descriptions the catalog and bundles do not give). */
  addTable(records: readonly TechniqueRecord[]): void {
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
      technique.tableNames.set(version, normalizeWhitespace(value.attack_object_name));
      technique.domains.add(value.technology_domain);
      technique.attackVersions.add(version);
      if (value.tactics !== null && (!technique.tableTactics || compareAttackVersions(version, technique.tableTactics.version) > 0)) {
        technique.tableTactics = { version, value: parseTactics(value.tactics) };
      }
      if (value.description !== null && (!technique.tableDescription || compareAttackVersions(version, technique.tableDescription.version) > 0)) {
        technique.tableDescription = { version, value: value.description };
      }
    }
  }

  /**
   * Finished techniques in id order. Parents of sub-techniques exist even when never mapped
   * themselves, and so do the techniques that replace revoked ones (a page links to them).
   */
  assemble(): Technique[] {
    const pending = [...this.techniques.keys()];
    while (pending.length) {
      const draft = required(this.techniques, pending.pop()!, 'technique');
      for (const domain of draft.domains) {
        for (const state of this.attack.catalogs.get(domain)?.techniques.get(draft.id) ?? []) {
          if (state.revokedBy && !this.techniques.has(state.revokedBy)) {
            this.technique(state.revokedBy).domains.add(domain);
            pending.push(state.revokedBy);
          }
        }
      }
    }
    for (const id of [...this.techniques.keys()]) {
      const parent = parentTechniqueId(id);
      if (parent) {
        const parentDraft = this.technique(parent);
        for (const d of required(this.techniques, id, 'technique').domains) parentDraft.domains.add(d);
      }
    }
    const techniques = [...this.techniques.values()].map((draft) => this.assembleTechnique(draft)).sort((a, b) => compareNatural(a.id, b.id));
    const byId = new Map(techniques.map((t) => [t.id, t]));
    for (const technique of techniques) {
      if (technique.parentId) byId.get(technique.parentId)?.subtechniqueIds.push(technique.id);
    }
    return techniques;
  }

  /** The tactics of these domains, as the catalog has them. */
  tactics(domains: Iterable<Domain>): ModelTactic[] {
    return [...domains].flatMap((domain) => [...(this.attack.catalogs.get(domain)?.tactics ?? [])].map(([id, states]) => ({ id, domain, states })));
  }

  /** The versions the catalog knows of these domains, with their matrices, oldest first. */
  attackVersions(domains: Iterable<Domain>): AttackVersion[] {
    return [...domains].flatMap((domain) =>
      (this.attack.catalogs.get(domain)?.catalog.versions ?? []).map((v) => ({ domain, version: v.version, matrix: v.matrix })),
    );
  }

  private technique(id: string): TechniqueDraft {
    let technique = this.techniques.get(id);
    if (!technique) {
      technique = { id, names: new Map(), tableNames: new Map(), domains: new Set(), tableTactics: null, tableDescription: null, attackVersions: new Set() };
      this.techniques.set(id, technique);
    }
    return technique;
  }

  private assembleTechnique(draft: TechniqueDraft): Technique {
    // The catalog's facts, in the first of the technique's domains that knows it.
    let states: (TechniqueState & { domain: Domain })[] = [];
    let catalog: CatalogIndex | undefined;
    for (const domain of DOMAIN_IDS.filter((d) => draft.domains.has(d))) {
      const known = this.attack.catalogs.get(domain)?.techniques.get(draft.id);
      if (known) {
        states = known.map((s) => ({ ...s, domain }));
        catalog = this.attack.catalogs.get(domain);
        break;
      }
    }
    // Names: ATT&CK's own for the versions the catalog has, else those of tables and rows.
    const catalogNames = new Map<string, string>();
    for (const s of states) for (const v of s.versions) catalogNames.set(v, s.name);
    for (const [v, name] of draft.tableNames) if (!catalogNames.has(v)) catalogNames.set(v, name);
    const names = new Map<string, Map<string, number>>();
    for (const [v, name] of catalogNames) countName({ names } as TechniqueDraft, name, v);
    for (const [name, versions] of draft.names) {
      for (const [v, count] of versions) if (!catalogNames.has(v)) countName({ names } as TechniqueDraft, name, v, count);
    }
    const attackVersions = [...new Set([...draft.attackVersions, ...catalogNames.keys()])].sort((a, b) => compareAttackVersions(b, a));
    const newest = states.length ? states[states.length - 1]! : null;
    const newestVersion = newest?.versions[newest.versions.length - 1];
    const tacticName = (id: string) =>
      (catalog ? (stateAt(catalog.tactics.get(id) ?? [], newestVersion!)?.name ?? catalog.tactics.get(id)?.at(-1)?.name) : undefined) ?? id;
    const bundled = this.attack.descriptions.get(draft.id);
    const { name, list } = currentName(names, catalogNames, attackVersions[0]);
    return {
      id: draft.id,
      name,
      names: list,
      parentId: newest?.parent ?? parentTechniqueId(draft.id),
      subtechniqueIds: [],
      domains: DOMAIN_IDS.filter((d) => draft.domains.has(d)),
      tactics: newest ? newest.tactics.map((id) => ({ id, name: tacticName(id) })) : (draft.tableTactics?.value ?? []),
      platforms: newest?.platforms ?? [],
      description: bundled?.markdown ?? draft.tableDescription?.value ?? null,
      descriptionVersion: bundled?.version ?? draft.tableDescription?.version ?? null,
      citations: bundled?.citations ?? {},
      attackVersions,
      states,
      ...(draft.id && catalog?.stixIds.get(draft.id)?.length
        ? { stixIds: catalog.stixIds.get(draft.id)!.map((s) => ({ ...s, versions: [...s.versions] })) }
        : {}),
    };
  }
}

function countName(technique: Pick<TechniqueDraft, 'names'>, name: string, version: string, count = 1): void {
  if (!name) return;
  let versions = technique.names.get(name);
  if (!versions) technique.names.set(name, (versions = new Map()));
  versions.set(version, (versions.get(version) ?? 0) + count);
}

/**
 * The current name and every name with its versions, newest first: ATT&CK's for the newest
 * version it covers, else the name rows use most in the newest version seen.
 */
function currentName(
  names: Map<string, Map<string, number>>,
  known: Map<string, string>,
  newestVersion: string | undefined,
): { name: string | null; list: Technique['names'] } {
  const versionsByName = [...names.entries()].map(([name, versions]) => {
    const list = [...versions.keys()].sort((a, b) => compareAttackVersions(b, a));
    return { name, attackVersions: list, count: [...versions.values()].reduce((x, y) => x + y, 0) };
  });
  let name: string | null = newestVersion ? (known.get(newestVersion) ?? null) : null;
  if (name === null && newestVersion) {
    let best = -1;
    for (const [candidate, versions] of names) {
      const count = versions.get(newestVersion) ?? 0;
      if (count > best || (count === best && name !== null && candidate < name)) {
        best = count;
        name = candidate;
      }
    }
    if (best <= 0) name = versionsByName[0]?.name ?? null;
  }
  const list = versionsByName
    .sort(
      (a, b) =>
        compareAttackVersions(b.attackVersions[0]!, a.attackVersions[0]!) ||
        (a.name === name ? -1 : b.name === name ? 1 : b.count - a.count) ||
        a.name.localeCompare(b.name),
    )
    .map(({ name: n, attackVersions }) => ({ name: n, attackVersions }));
  return { name, list };
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
