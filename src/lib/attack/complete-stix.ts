/**
 * Reading what a complete ATT&CK bundle holds besides techniques: groups (intrusion-set),
 * campaigns, software (malware, tool), mitigations (course-of-action), and ATT&CK v18's detection
 * model (x-mitre-detection-strategy -> x-mitre-analytic -> x-mitre-data-component), with the
 * relationships between them: uses, attributed-to, mitigates, detects, revoked-by.
 *
 * Out come the facts the catalog keeps (complete-schema.ts) and, apart, MITRE's prose (object
 * descriptions, the text of each `uses` and `mitigates` relationship, the channels and tunable
 * fields of analytics), which pages may show when the bundles are given at build time and which
 * is never committed.
 *
 * What is left out, and why:
 * - revoked and deprecated objects and relationships (224 of enterprise 18.1's 268
 *   course-of-action objects are deprecated pre-2020 mitigations that reuse technique ids), and
 *   relationships with such an end; a revoked object's revoked-by is kept as a redirect;
 * - `detects` from a data component (the pre-v18 detection model): v18 has strategies;
 * - relationships between kinds Mapscope does not read (targets, subtechnique-of here).
 * An active relationship whose end the bundle lacks is an error: none of MITRE's published
 * bundles (8.2 to 18.1, checked) has one, so one means a cut or broken file, and counting around it
 * would give wrong figures silently.
 */
import { compareNatural } from '../core/ids.ts';
import type { DataProblem } from '../ingest/problems.ts';
import { describeValue } from '../ingest/problems.ts';
import { TECHNIQUE_ID } from '../core/vocabulary.ts';
import {
  ANALYTIC_ID,
  CAMPAIGN_ID,
  DATA_COMPONENT_ID,
  DETECTION_STRATEGY_ID,
  GROUP_ID,
  MITIGATION_ID,
  SOFTWARE_ID,
  type CompleteCatalog,
} from './complete-schema.ts';
import { attackId, describedBy, isGone, isTechniqueLink, stixDay, strings, text, type BundleDescription, type StixObject } from './stix-objects.ts';
import { required } from '../core/lookups.ts';
import { orInsert } from '../core/multimap.ts';

/** The kinds of object read, by their list in the catalog. */
type Kind = 'techniques' | 'groups' | 'campaigns' | 'software' | 'mitigations' | 'detectionStrategies' | 'analytics' | 'dataComponents';

const KIND_OF_TYPE: Record<string, Kind> = {
  'attack-pattern': 'techniques',
  'intrusion-set': 'groups',
  campaign: 'campaigns',
  malware: 'software',
  tool: 'software',
  'course-of-action': 'mitigations',
  'x-mitre-detection-strategy': 'detectionStrategies',
  'x-mitre-analytic': 'analytics',
  'x-mitre-data-component': 'dataComponents',
};

const ID_OF_KIND: Record<Kind, { pattern: RegExp; example: string }> = {
  techniques: { pattern: TECHNIQUE_ID, example: 'T1046' },
  groups: { pattern: GROUP_ID, example: 'G0016' },
  campaigns: { pattern: CAMPAIGN_ID, example: 'C0024' },
  software: { pattern: SOFTWARE_ID, example: 'S0002' },
  mitigations: { pattern: MITIGATION_ID, example: 'M1030' },
  detectionStrategies: { pattern: DETECTION_STRATEGY_ID, example: 'DET0103' },
  analytics: { pattern: ANALYTIC_ID, example: 'AN0110' },
  dataComponents: { pattern: DATA_COMPONENT_ID, example: 'DC0084' },
};

/** Types whose presence makes a bundle complete (techniques-only bundles have none of them). */
const COMPLETE_TYPES = new Set(Object.keys(KIND_OF_TYPE).filter((t) => t !== 'attack-pattern'));

/** An analytic's log source as the bundle writes it, channel included (prose: "EventCode=4688" or a sentence). */
export interface AnalyticLogSource {
  dataComponent: string;
  name: string;
  channel: string | null;
}

/** MITRE's prose in a complete bundle, by ATT&CK id: what the catalog leaves out. */
export interface CompleteProse {
  /** Each object's description, per list (ids are unique within a list only). */
  descriptions: {
    groups: Map<string, BundleDescription>;
    campaigns: Map<string, BundleDescription>;
    software: Map<string, BundleDescription>;
    mitigations: Map<string, BundleDescription>;
    analytics: Map<string, BundleDescription>;
    dataComponents: Map<string, BundleDescription>;
  };
  /**
   * Procedure examples: the text of each `uses`, by its source (G, C or S id) then its target
   * (a technique, or for groups and campaigns a software id).
   */
  procedures: Map<string, Map<string, BundleDescription>>;
  /** How a mitigation applies to a technique: the text of each `mitigates`, by M id then technique id. */
  mitigates: Map<string, Map<string, BundleDescription>>;
  /** Each analytic's log sources with their channels. */
  logSources: Map<string, AnalyticLogSource[]>;
  /** Each analytic's tunable fields (x_mitre_mutable_elements). */
  mutableElements: Map<string, { field: string; description: string }[]>;
}

export interface CompleteBundle {
  facts: CompleteCatalog;
  prose: CompleteProse;
  /** For the import's summary: objects left out as revoked or deprecated, and relationships read, by type. */
  counts: { leftOut: Partial<Record<Exclude<Kind, 'techniques'>, number>>; relationships: Record<string, number> };
}

interface Entry {
  kind: Kind;
  /** The ATT&CK id, or null where the object has none. */
  id: string | null;
  gone: boolean;
  object: StixObject;
  index: number;
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort(compareNatural);

/**
 * Read the complete part of a bundle. `objects` is the bundle's objects array as written (for
 * JSON pointers in problems); `version` the bundle's ATT&CK version. Returns no `complete` for a
 * bundle of techniques and tactics only.
 */
export function readCompleteObjects(file: string, objects: readonly unknown[], version: string): { complete?: CompleteBundle; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const at = (index: number) => ({ file, pointer: `/objects/${index}` });
  const present = new Set<string>();
  const entries = new Map<string, Entry>();
  let complete = false;
  const relationships: { o: StixObject; index: number }[] = [];

  objects.forEach((raw, index) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return;
    const o = raw as StixObject;
    if (typeof o.id === 'string') present.add(o.id);
    const type = String(o.type);
    if (type === 'relationship') {
      relationships.push({ o, index });
      return;
    }
    // Own keys only: a "type" of "__proto__" or "constructor" is no kind (and no crash).
    const kind = Object.hasOwn(KIND_OF_TYPE, type) ? KIND_OF_TYPE[type] : undefined;
    if (!kind) return;
    if (COMPLETE_TYPES.has(type)) complete = true;
    entries.set(String(o.id), { kind, id: attackId(o), gone: isGone(o), object: o, index });
  });
  if (!complete) return { problems };

  // Ids: every object read has one of its kind; within a kind, one object per id.
  const active = new Map<Kind, Map<string, Entry>>();
  for (const entry of entries.values()) {
    if (entry.gone || entry.kind === 'techniques') continue; // techniques: stix.ts checks theirs
    const { pattern, example } = ID_OF_KIND[entry.kind];
    if (!entry.id || !pattern.test(entry.id)) {
      problems.push({
        location: at(entry.index),
        field: 'external_references',
        expected: `a ${String(entry.object.type)} with an ATT&CK id like ${example}`,
        found: `${describeValue(entry.object.id)} with ${entry.id ? describeValue(entry.id) : 'none'}`,
      });
      continue;
    }
    const byId = orInsert(active, entry.kind, () => new Map());
    const twin = byId.get(entry.id);
    if (twin) {
      problems.push({
        location: at(entry.index),
        field: 'external_references',
        expected: `one active object per ATT&CK id (${entry.id} is also ${String(twin.object.id)}, /objects/${twin.index})`,
        found: `${describeValue(entry.object.id)} with ${describeValue(entry.id)}`,
      });
      continue;
    }
    byId.set(entry.id, entry);
  }
  const activeOf = (kind: Kind) => active.get(kind) ?? new Map<string, Entry>();
  const live = (stixId: unknown): Entry | null => {
    const entry = entries.get(String(stixId));
    if (!entry || entry.gone || !entry.id) return null;
    if (entry.kind === 'techniques') return TECHNIQUE_ID.test(entry.id) ? entry : null;
    return activeOf(entry.kind).get(entry.id) === entry ? entry : null;
  };

  // Relationships.
  const read: Record<string, number> = { uses: 0, 'attributed-to': 0, mitigates: 0, detects: 0 };
  const links = {
    uses: new Map<string, Set<string>>(), // source STIX id -> target STIX ids
    attributedTo: new Map<string, Set<string>>(),
    mitigates: new Map<string, Set<string>>(),
    detects: new Map<string, Set<string>>(),
  };
  const add = (map: Map<string, Set<string>>, from: Entry, to: Entry, type: string) => {
    const set = orInsert(map, String(from.object.id), () => new Set<string>());
    set.add(String(to.object.id));
    read[type] = (read[type] ?? 0) + 1;
  };
  const revokedBy = {
    groups: new Map<string, string>(),
    campaigns: new Map<string, string>(),
    software: new Map<string, string>(),
    mitigations: new Map<string, string>(),
  };
  const procedures: CompleteProse['procedures'] = new Map();
  const mitigatesProse: CompleteProse['mitigates'] = new Map();
  const putProse = (map: Map<string, Map<string, BundleDescription>>, from: string, to: string, o: StixObject) => {
    const d = describedBy(o['description'], o);
    if (!d) return;
    orInsert(map, from, () => new Map()).set(to, d);
  };

  let relationshipsLeftOut = 0;
  for (const { o, index } of relationships) {
    if (isGone(o)) {
      relationshipsLeftOut++;
      continue;
    }
    const type = text(o['relationship_type']);
    if (isTechniqueLink(o)) continue; // read and checked with the techniques (stix.ts)
    let missing = false;
    for (const end of ['source_ref', 'target_ref'] as const) {
      if (!present.has(String(o[end]))) {
        problems.push({
          location: at(index),
          field: end,
          expected: `the STIX id of an object in the bundle (in the ${type ? `${type} ` : ''}relationship ${describeValue(o.id)})`,
          found: `${describeValue(o[end])}, which no object in the bundle has`,
        });
        missing = true;
      }
    }
    if (missing) continue;
    if (type === 'revoked-by') {
      const from = entries.get(String(o['source_ref']));
      const to = entries.get(String(o['target_ref']));
      if (!from?.id || !to?.id || from.kind !== to.kind || from.kind === 'techniques') continue;
      const map = revokedBy[from.kind as keyof typeof revokedBy];
      if (map && ID_OF_KIND[from.kind].pattern.test(from.id) && ID_OF_KIND[to.kind].pattern.test(to.id)) map.set(from.id, to.id);
      continue;
    }
    const from = live(o['source_ref']);
    const to = live(o['target_ref']);
    if (!from || !to) {
      if (type && Object.hasOwn(read, type)) relationshipsLeftOut++;
      continue;
    }
    if (type === 'uses' && (from.kind === 'groups' || from.kind === 'campaigns' || from.kind === 'software')) {
      if (to.kind === 'techniques' || (to.kind === 'software' && from.kind !== 'software')) {
        add(links.uses, from, to, type);
        putProse(procedures, from.id!, to.id!, o);
      }
    } else if (type === 'attributed-to' && from.kind === 'campaigns' && to.kind === 'groups') add(links.attributedTo, from, to, type);
    else if (type === 'mitigates' && from.kind === 'mitigations' && to.kind === 'techniques') {
      add(links.mitigates, from, to, type);
      putProse(mitigatesProse, from.id!, to.id!, o);
    } else if (type === 'detects' && from.kind === 'detectionStrategies' && to.kind === 'techniques') add(links.detects, from, to, type);
  }

  // Embedded references of the detection model: strategy -> analytics -> data components.
  const refProblem = (entry: Entry, field: string, ref: unknown, expected: string) =>
    problems.push({
      location: at(entry.index),
      field,
      expected: `${expected} (in ${entry.id}, ${describeValue(entry.object.id)})`,
      found: `${describeValue(ref)}, which no object in the bundle has`,
    });
  const analyticsOf = new Map<string, string[]>();
  for (const entry of activeOf('detectionStrategies').values()) {
    const list: string[] = [];
    strings(entry.object['x_mitre_analytic_refs']).forEach((ref, i) => {
      if (!present.has(ref)) {
        refProblem(entry, `x_mitre_analytic_refs[${i}]`, ref, 'the STIX id of an x-mitre-analytic in the bundle');
        return;
      }
      const analytic = live(ref);
      if (analytic?.kind === 'analytics') list.push(analytic.id!);
    });
    analyticsOf.set(entry.id!, sorted(list));
  }
  const logSources: CompleteProse['logSources'] = new Map();
  const mutableElements: CompleteProse['mutableElements'] = new Map();
  const analyticFacts = new Map<string, { dataComponent: string; name: string }[]>();
  for (const entry of activeOf('analytics').values()) {
    const sources: AnalyticLogSource[] = [];
    const raw = Array.isArray(entry.object['x_mitre_log_source_references']) ? (entry.object['x_mitre_log_source_references'] as unknown[]) : [];
    raw.forEach((item, i) => {
      const ls = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
      const ref = ls['x_mitre_data_component_ref'];
      if (!present.has(String(ref))) {
        refProblem(entry, `x_mitre_log_source_references[${i}].x_mitre_data_component_ref`, ref, 'the STIX id of an x-mitre-data-component in the bundle');
        return;
      }
      const component = live(ref);
      if (component?.kind === 'dataComponents')
        sources.push({ dataComponent: component.id!, name: text(ls['name'])?.trim() ?? '', channel: text(ls['channel']) });
    });
    if (sources.length) logSources.set(entry.id!, sources);
    const seen = new Set<string>();
    analyticFacts.set(
      entry.id!,
      sources
        .map(({ dataComponent, name }) => ({ dataComponent, name }))
        .filter((s) => !seen.has(`${s.dataComponent} ${s.name}`) && !!seen.add(`${s.dataComponent} ${s.name}`))
        .sort((a, b) => compareNatural(a.dataComponent, b.dataComponent) || compareNatural(a.name, b.name)),
    );
    const mutable = (Array.isArray(entry.object['x_mitre_mutable_elements']) ? (entry.object['x_mitre_mutable_elements'] as Record<string, unknown>[]) : [])
      .map((m) => ({ field: text(m?.['field']) ?? '', description: text(m?.['description']) ?? '' }))
      .filter((m) => m.field);
    if (mutable.length) mutableElements.set(entry.id!, mutable);
  }

  // Facts, each list sorted by id; relationship ends as ATT&CK ids.
  const idsOf = (map: Map<string, Set<string>>, from: Entry, kind: Kind) =>
    sorted(
      [...(map.get(String(from.object.id)) ?? [])]
        .map((s) => required(entries, s, 'entries'))
        .filter((e) => e.kind === kind)
        .map((e) => e.id!),
    );
  const list = (kind: Kind) => [...activeOf(kind).values()].sort((a, b) => compareNatural(a.id!, b.id!));
  const nameOf = (e: Entry) => text(e.object['name'])?.trim() || e.id!;
  const aliases = (e: Entry, field: string) => {
    const own = nameOf(e);
    return [...new Set(strings(e.object[field]).map((a) => a.trim()))].filter((a) => a && a !== own);
  };
  const dates = (e: Entry) => ({ created: stixDay(e.object['created']), modified: stixDay(e.object['modified']) });

  const facts: CompleteCatalog = {
    version,
    groups: list('groups').map((e) => ({
      id: e.id!,
      name: nameOf(e),
      aliases: aliases(e, 'aliases'),
      ...dates(e),
      techniques: idsOf(links.uses, e, 'techniques'),
      software: idsOf(links.uses, e, 'software'),
    })),
    campaigns: list('campaigns').map((e) => ({
      id: e.id!,
      name: nameOf(e),
      aliases: aliases(e, 'aliases'),
      firstSeen: stixDay(e.object['first_seen']),
      lastSeen: stixDay(e.object['last_seen']),
      ...dates(e),
      groups: idsOf(links.attributedTo, e, 'groups'),
      techniques: idsOf(links.uses, e, 'techniques'),
      software: idsOf(links.uses, e, 'software'),
    })),
    software: list('software').map((e) => ({
      id: e.id!,
      name: nameOf(e),
      type: e.object.type === 'tool' ? ('tool' as const) : ('malware' as const),
      aliases: aliases(e, 'x_mitre_aliases'),
      platforms: sorted(strings(e.object['x_mitre_platforms'])),
      ...dates(e),
      techniques: idsOf(links.uses, e, 'techniques'),
    })),
    mitigations: list('mitigations').map((e) => ({ id: e.id!, name: nameOf(e), ...dates(e), techniques: idsOf(links.mitigates, e, 'techniques') })),
    detectionStrategies: list('detectionStrategies').map((e) => ({
      id: e.id!,
      name: nameOf(e),
      techniques: idsOf(links.detects, e, 'techniques'),
      analytics: analyticsOf.get(e.id!) ?? [],
    })),
    analytics: list('analytics').map((e) => ({
      id: e.id!,
      name: nameOf(e),
      platforms: sorted(strings(e.object['x_mitre_platforms'])),
      logSources: analyticFacts.get(e.id!) ?? [],
    })),
    dataComponents: list('dataComponents').map((e) => ({ id: e.id!, name: nameOf(e) })),
    revokedBy: {
      groups: resolveRedirects(revokedBy.groups, activeOf('groups')),
      campaigns: resolveRedirects(revokedBy.campaigns, activeOf('campaigns')),
      software: resolveRedirects(revokedBy.software, activeOf('software')),
      mitigations: resolveRedirects(revokedBy.mitigations, activeOf('mitigations')),
    },
  };

  const describe = (kind: Kind) =>
    new Map(
      list(kind).flatMap((e) => {
        const d = describedBy(e.object['description'], e.object);
        return d ? [[e.id!, d] as const] : [];
      }),
    );
  const prose: CompleteProse = {
    descriptions: {
      groups: describe('groups'),
      campaigns: describe('campaigns'),
      software: describe('software'),
      mitigations: describe('mitigations'),
      analytics: describe('analytics'),
      dataComponents: describe('dataComponents'),
    },
    procedures,
    mitigates: mitigatesProse,
    logSources,
    mutableElements,
  };
  if (problems.length) return { problems };
  const leftOut: CompleteBundle['counts']['leftOut'] = {};
  for (const entry of entries.values()) if (entry.gone && entry.kind !== 'techniques') leftOut[entry.kind] = (leftOut[entry.kind] ?? 0) + 1;
  return { complete: { facts, prose, counts: { leftOut, relationships: { ...read, 'left out': relationshipsLeftOut } } }, problems };
}

/**
 * Each revoked id with its final replacement (a replacement may itself be revoked), kept only
 * where that replacement is an active object; sorted by id.
 */
function resolveRedirects(direct: ReadonlyMap<string, string>, activeIds: ReadonlyMap<string, unknown>): Record<string, string> {
  const out: [string, string][] = [];
  for (const from of direct.keys()) {
    let to = required(direct, from, 'direct');
    const seen = new Set([from]);
    while (direct.has(to) && !seen.has(to)) {
      seen.add(to);
      to = required(direct, to, 'direct');
    }
    if (activeIds.has(to) && to !== from) out.push([from, to]);
  }
  return Object.fromEntries(out.sort(([a], [b]) => compareNatural(a, b)));
}
