/**
 * The coverage builder's logic: what a chosen set of capabilities (from any mix of frameworks)
 * covers of ATT&CK, computed from the compact coverage data the build writes
 * (`/coverage/data.json`, src/lib/coverage/coverage-data.ts). Each capability counts with its newest set
 * in each ATT&CK domain; its techniques have been carried to the domain's matrix version at build
 * time (revoked ones to their replacement). The page runs it in the browser on every change.
 */
import { capabilityKey } from '../core/ids.ts';
import { LAYER_GRADIENT, navigatorLayer } from '../exports/export-formats.ts';
import { attackVersionLabel } from '../core/labels.ts';
import { scoreValueOfRank } from '../core/scores.ts';
import { csvFile } from '../exports/spreadsheet-cells.ts';
import { plural } from '../core/id-breaks.ts';
import { SCORE_CATEGORY_IDS, type Domain, type ScoreCategory } from '../core/vocabulary.ts';
import { required } from '../core/lookups.ts';
import type { ResultRelation, ResultTable } from '../exports/formats/download-format.ts';

export const COVERAGE_FORMAT = 'mapscope-coverage/1';

/** A technique of a domain's matrix version: [ATT&CK id, name, parent's number or -1]. Retired ones add 1. */
export type CoverageTechnique = [id: string, name: string, parent: number, retired?: 1];

export interface CoverageDomain {
  domain: Domain;
  /** The ATT&CK version of the matrix: the newest version any set of the domain maps to. */
  version: string;
  /**
   * The version's active techniques and sub-techniques, then (marked retired) the techniques some
   * set maps that the version no longer has and that no revocation carries into it.
   */
  techniques: CoverageTechnique[];
  /** The matrix: tactics in order, each with its parent techniques (numbers) in order. */
  tactics: { id: string; name: string; parents: number[] }[];
  /** The domain's adversaries and mitigations, when the catalog has its complete part (src/lib/coverage/threat-profile.ts). */
  threats?: CoverageThreats;
}

/**
 * A group, campaign or software: [ATT&CK id, name, aliases, techniques by the counting rules
 * (numbers into the domain's techniques: a group's own uses and its campaigns'), its software
 * (numbers into the same list; their techniques count only "with their software")].
 */
export type CoverageAdversary = [id: string, name: string, aliases: string[], techniques: number[], software: number[]];

/** An ATT&CK mitigation: [id, name, the techniques it mitigates (numbers)]. */
export type CoverageMitigation = [id: string, name: string, techniques: number[]];

export interface CoverageThreats {
  /** The ATT&CK version the adversaries come from. */
  version: string;
  adversaries: CoverageAdversary[];
  mitigations: CoverageMitigation[];
  /** Revoked adversary ids and what replaces them (G0118 -> G0016). */
  revoked: Record<string, string>;
}

/** A capability: [framework, id as its newest set writes it, folded key, name, page slug, group or -1, per domain: [domain, set, technique/score pairs]]. */
export type CoverageCapability = [f: number, id: string, key: string, name: string, slug: string, group: number, sets: [d: number, s: number, m: number[]][]];

export interface CoverageData {
  format: typeof COVERAGE_FORMAT;
  frameworks: { id: string; name: string; scored: boolean }[];
  /** Sets capabilities count with: id and label ("NIST SP 800-53 rev5 @ 16.1"). */
  sets: { id: string; label: string }[];
  groups: { f: number; id: string; label: string }[];
  domains: CoverageDomain[];
  capabilities: CoverageCapability[];
  /** Selections to add in one click: NIST SP 800-53 baselines (title, the controls it lists, the capabilities of the data they name). */
  baselines: { id: string; title: string; f: number; controls: number; caps: number[] }[];
}

// ---------------------------------------------------------------------------------------------
// Scores: one number per capability and technique, the best value (rank 0-3) per category.
// ---------------------------------------------------------------------------------------------

const CATEGORY_SHIFT: Record<ScoreCategory, number> = { protect: 0, detect: 2, respond: 4 };

/** Pack best ranks per category (0: none) into one small number. */
export function packScores(best: Partial<Record<ScoreCategory, number>>): number {
  let code = 0;
  for (const category of SCORE_CATEGORY_IDS) code |= (best[category] ?? 0) << CATEGORY_SHIFT[category];
  return code;
}

/** The rank (0-3) of a category in a packed score. */
export const rankIn = (code: number, category: ScoreCategory) => (code >> CATEGORY_SHIFT[category]) & 3;

/** The best of two packed scores, category by category. */
function bestOf(a: number, b: number): number {
  let code = 0;
  for (const category of SCORE_CATEGORY_IDS) code |= Math.max(rankIn(a, category), rankIn(b, category)) << CATEGORY_SHIFT[category];
  return code;
}

/** "protect significant, detect partial", or "" when nothing is scored. */
export function describeScores(code: number): string {
  return SCORE_CATEGORY_IDS.filter((c) => rankIn(code, c) > 0)
    .map((c) => `${c} ${scoreValueOfRank(rankIn(code, c))}`)
    .join(', ');
}

// ---------------------------------------------------------------------------------------------
// Selection: what the reader chose, as it travels in the URL.
// ---------------------------------------------------------------------------------------------

export interface Selection {
  /** Capabilities chosen one by one (numbers into data.capabilities). */
  capabilities: Set<number>;
  /** Whole groups and baselines (numbers into data.groups and data.baselines). */
  groups: Set<number>;
  baselines: Set<number>;
  /** Members of those groups and baselines the reader took out again. */
  excluded: Set<number>;
}

export const emptySelection = (): Selection => ({ capabilities: new Set(), groups: new Set(), baselines: new Set(), excluded: new Set() });

const copySelection = (s: Selection): Selection => ({
  capabilities: new Set(s.capabilities),
  groups: new Set(s.groups),
  baselines: new Set(s.baselines),
  excluded: new Set(s.excluded),
});

/** Lookups the selection needs, built once per data file. */
export interface CoverageLookup {
  data: CoverageData;
  capabilityByKey: Map<string, number>;
  groupByKey: Map<string, number>;
  baselineById: Map<string, number>;
  capabilitiesOfGroup: Map<number, number[]>;
}

const lookupKey = (framework: number, key: string) => `${framework}|${key}`;

export function createLookup(data: CoverageData): CoverageLookup {
  const capabilityByKey = new Map<string, number>();
  const capabilitiesOfGroup = new Map<number, number[]>();
  data.capabilities.forEach(([f, , key, , , group], i) => {
    capabilityByKey.set(lookupKey(f, key), i);
    if (group >= 0) capabilitiesOfGroup.set(group, [...(capabilitiesOfGroup.get(group) ?? []), i]);
  });
  const groupByKey = new Map(data.groups.map((g, i) => [lookupKey(g.f, capabilityKey(g.id)), i]));
  const baselineById = new Map(data.baselines.map((b, i) => [b.id, i]));
  return { data, capabilityByKey, groupByKey, baselineById, capabilitiesOfGroup };
}

/** The capabilities a selection stands for, in data order. */
export function chosenCapabilities(lookup: CoverageLookup, selection: Selection): number[] {
  const chosen = new Set<number>();
  for (const g of selection.groups) for (const c of lookup.capabilitiesOfGroup.get(g) ?? []) chosen.add(c);
  for (const b of selection.baselines) for (const c of lookup.data.baselines[b]?.caps ?? []) chosen.add(c);
  for (const c of selection.excluded) chosen.delete(c);
  for (const c of selection.capabilities) chosen.add(c);
  return [...chosen].sort((a, b) => a - b);
}

/** The capabilities a group or baseline of the selection brings, less those taken out, in data order. */
export function membersOf(lookup: CoverageLookup, selection: Selection, entry: { group: number } | { baseline: number }): number[] {
  const members = 'group' in entry ? (lookup.capabilitiesOfGroup.get(entry.group) ?? []) : (lookup.data.baselines[entry.baseline]?.caps ?? []);
  return members.filter((c) => !selection.excluded.has(c));
}

/** Capabilities chosen one by one that no chosen group or baseline already brings. */
export function chosenAlone(lookup: CoverageLookup, selection: Selection): number[] {
  const brought = new Set<number>();
  for (const g of selection.groups) for (const c of membersOf(lookup, selection, { group: g })) brought.add(c);
  for (const b of selection.baselines) for (const c of membersOf(lookup, selection, { baseline: b })) brought.add(c);
  return [...selection.capabilities].filter((c) => !brought.has(c)).sort((a, b) => a - b);
}

/** A reference in the URL: "framework:id", the id in any spelling the capability pages merge. */
function parseReference(lookup: CoverageLookup, value: string, table: Map<string, number>): number | undefined {
  const colon = value.indexOf(':');
  if (colon < 1) return undefined;
  const framework = lookup.data.frameworks.findIndex((f) => f.id === value.slice(0, colon).trim().toLowerCase());
  return framework < 0 ? undefined : table.get(lookupKey(framework, capabilityKey(value.slice(colon + 1))));
}

/**
 * Read a selection from the page's query: `c=azure:azure_firewall` (a capability), `g=nist_800_53:AC`
 * (a whole group), `b=nist_800_53-rev5-moderate` (a baseline). What names nothing is returned in
 * `unknown`, to be said on the page.
 */
export function parseSelection(lookup: CoverageLookup, query: string): { selection: Selection; unknown: string[] } {
  const params = new URLSearchParams(query);
  const selection = emptySelection();
  const unknown: string[] = [];
  for (const value of params.getAll('c')) {
    const found = parseReference(lookup, value, lookup.capabilityByKey);
    if (found === undefined) unknown.push(value);
    else selection.capabilities.add(found);
  }
  for (const value of params.getAll('g')) {
    const found = parseReference(lookup, value, lookup.groupByKey);
    if (found === undefined) unknown.push(value);
    else selection.groups.add(found);
  }
  for (const value of params.getAll('b')) {
    const found = lookup.baselineById.get(value.trim());
    if (found === undefined) unknown.push(value);
    else selection.baselines.add(found);
  }
  for (const value of params.getAll('x')) {
    const found = parseReference(lookup, value, lookup.capabilityByKey);
    if (found === undefined) unknown.push(value);
    else if (!selection.capabilities.has(found)) selection.excluded.add(found);
  }
  return { selection, unknown };
}

/** Keep ":" readable in the query (it is allowed there). */
const encode = (text: string) => encodeURIComponent(text).replace(/%3A/gi, ':');

/** The query string of a selection ("?c=azure:azure_firewall&b=..."), "" when empty. */
export function selectionQuery(data: CoverageData, selection: Selection): string {
  const parts = [
    ...[...selection.baselines].sort((a, b) => a - b).map((b) => `b=${encode(data.baselines[b]!.id)}`),
    ...[...selection.groups].sort((a, b) => a - b).map((g) => `g=${encode(`${data.frameworks[data.groups[g]!.f]!.id}:${data.groups[g]!.id}`)}`),
    ...[...selection.capabilities].sort((a, b) => a - b).map((c) => `c=${encode(capabilityReference(data, c))}`),
    ...[...selection.excluded].sort((a, b) => a - b).map((c) => `x=${encode(capabilityReference(data, c))}`),
  ];
  return parts.length ? `?${parts.join('&')}` : '';
}

/** "azure:azure_firewall": a capability as the URL names it. */
const capabilityReference = (data: CoverageData, c: number) => `${data.frameworks[data.capabilities[c]![0]]!.id}:${data.capabilities[c]![1]}`;

/**
 * Remove one capability. Chosen through a group or a baseline, it is taken out of it (`x=` in the
 * URL): the group or baseline stays one entry, and nothing else the reader chose changes.
 */
export function removeCapability(lookup: CoverageLookup, selection: Selection, capability: number): Selection {
  const next = copySelection(selection);
  next.capabilities.delete(capability);
  const brought =
    [...selection.groups].some((g) => lookup.capabilitiesOfGroup.get(g)?.includes(capability)) ||
    [...selection.baselines].some((b) => lookup.data.baselines[b]?.caps.includes(capability));
  if (brought) next.excluded.add(capability);
  return next;
}

/** Remove a whole group or baseline; what was taken out of it only is forgotten with it. */
export function removeEntry(lookup: CoverageLookup, selection: Selection, entry: { group: number } | { baseline: number }): Selection {
  const next = copySelection(selection);
  if ('group' in entry) next.groups.delete(entry.group);
  else next.baselines.delete(entry.baseline);
  const still = new Set(chosenCapabilities(lookup, { ...next, excluded: new Set() }));
  for (const c of next.excluded) if (!still.has(c)) next.excluded.delete(c);
  return next;
}

/** Add capabilities one by one (what was taken out of a group or baseline comes back). */
export function addCapabilities(selection: Selection, capabilities: readonly number[]): Selection {
  const next = copySelection(selection);
  for (const c of capabilities) {
    next.excluded.delete(c);
    next.capabilities.add(c);
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------------------------

export interface TechniqueCoverage {
  /** Chosen capabilities mapped to the technique, in data order. */
  capabilities: number[];
  /** Their best score per category, packed. */
  scores: number;
}

export interface DomainCoverage {
  /** Number into data.domains. */
  domain: number;
  /** Covered techniques (by number). */
  byTechnique: Map<number, TechniqueCoverage>;
  /** Active techniques and sub-techniques of the version covered, and all of them. */
  covered: number;
  total: number;
  /** Per tactic of the matrix, in order: techniques and sub-techniques under it, covered and all. */
  tactics: { covered: number; total: number }[];
  /** Active techniques nothing chosen covers, in matrix order (tactic by tactic, each once). */
  gaps: number[];
  /** Mapped techniques the version no longer has (deprecated, or unknown to it). */
  retired: number[];
}

export interface CoverageResult {
  capabilities: number[];
  /** The domains the chosen capabilities map to (Enterprise when none do), in data order. */
  domains: DomainCoverage[];
}

/** Sub-techniques of each technique, by number (computed once per domain). */
const subsCache = new WeakMap<CoverageDomain, Map<number, number[]>>();
export function subtechniquesOf(domain: CoverageDomain): Map<number, number[]> {
  let subs = subsCache.get(domain);
  if (!subs) {
    subs = new Map();
    domain.techniques.forEach(([, , parent, retired], i) => {
      if (parent >= 0 && !retired) subs!.set(parent, [...(subs!.get(parent) ?? []), i]);
    });
    subsCache.set(domain, subs);
  }
  return subs;
}

/** What the chosen capabilities cover, domain by domain. */
export function computeCoverage(data: CoverageData, capabilities: readonly number[]): CoverageResult {
  const perDomain = new Map<number, Map<number, TechniqueCoverage>>();
  for (const c of capabilities) {
    for (const [d, , pairs] of data.capabilities[c]![6]) {
      let byTechnique = perDomain.get(d);
      if (!byTechnique) perDomain.set(d, (byTechnique = new Map()));
      for (let i = 0; i < pairs.length; i += 2) {
        const t = pairs[i]!;
        const entry = byTechnique.get(t);
        if (!entry) byTechnique.set(t, { capabilities: [c], scores: pairs[i + 1]! });
        else {
          if (entry.capabilities.at(-1) !== c) entry.capabilities.push(c);
          entry.scores = bestOf(entry.scores, pairs[i + 1]!);
        }
      }
    }
  }
  if (perDomain.size === 0) {
    const enterprise = data.domains.findIndex((d) => d.domain === 'enterprise');
    if (data.domains.length) perDomain.set(enterprise >= 0 ? enterprise : 0, new Map());
  }
  const domains = [...perDomain.keys()].sort((a, b) => a - b).map((d) => domainCoverage(data, d, required(perDomain, d, 'domain')));
  return { capabilities: [...capabilities], domains };
}

/** The result with these domains too (empty where nothing chosen maps): a threat profile's domains are shown as well. */
export function withDomains(data: CoverageData, result: CoverageResult, domains: Iterable<number>): CoverageResult {
  const wanted = new Set(domains);
  if (!wanted.size) return result;
  const have = new Set(result.domains.map((d) => d.domain));
  const added = [...wanted].filter((d) => !have.has(d)).map((d) => domainCoverage(data, d, new Map()));
  // With no capability chosen, the Enterprise placeholder gives way to the profile's domains.
  const kept = result.capabilities.length ? result.domains : result.domains.filter((d) => wanted.has(d.domain));
  return { ...result, domains: [...kept, ...added].sort((a, b) => a.domain - b.domain) };
}

function domainCoverage(data: CoverageData, d: number, byTechnique: Map<number, TechniqueCoverage>): DomainCoverage {
  const domain = data.domains[d]!;
  const subs = subtechniquesOf(domain);
  const gaps: number[] = [];
  const seenGap = new Set<number>();
  const tactics = domain.tactics.map((tactic) => {
    let covered = 0;
    let total = 0;
    for (const parent of tactic.parents) {
      for (const t of [parent, ...(subs.get(parent) ?? [])]) {
        total++;
        if (byTechnique.has(t)) covered++;
        else if (!seenGap.has(t)) {
          seenGap.add(t);
          gaps.push(t);
        }
      }
    }
    return { covered, total };
  });
  let total = 0;
  let covered = 0;
  const retired: number[] = [];
  domain.techniques.forEach(([, , , isRetired], t) => {
    if (isRetired) {
      if (byTechnique.has(t)) retired.push(t);
      return;
    }
    total++;
    if (byTechnique.has(t)) covered++;
  });
  return { domain: d, byTechnique, covered, total, tactics, gaps, retired };
}

/** The best rank of any category (0-3), for shading by score. */
export function bestRank(code: number): number {
  return Math.max(...SCORE_CATEGORY_IDS.map((c) => rankIn(code, c)));
}

// ---------------------------------------------------------------------------------------------
// Type-ahead: capabilities by id (any spelling) or by words of their name.
// ---------------------------------------------------------------------------------------------

/** Up to `limit` capabilities matching what was typed: exact id, id prefix, name prefix, then words of the name. */
export function findCapabilities(data: CoverageData, typed: string, limit = 12): number[] {
  // Ids compare without separators too, so "ac4" finds AC-4 as the search box does.
  const compact = (key: string) => key.replace(/[-_.\s]/g, '');
  const key = compact(capabilityKey(typed));
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  if (!key && !words.length) return [];
  const ranked: [number, number][] = [];
  data.capabilities.forEach(([, id, capKey, name], i) => {
    const lowerName = name.toLowerCase();
    const idKey = compact(capKey);
    let rank = -1;
    if (idKey === key) rank = 0;
    else if (key && idKey.startsWith(key)) rank = 1;
    else if (lowerName.startsWith(typed.trim().toLowerCase())) rank = 2;
    else if (words.every((w) => lowerName.includes(w) || id.toLowerCase().includes(w))) rank = 3;
    if (rank >= 0) ranked.push([rank, i]);
  });
  ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return ranked.slice(0, limit).map(([, i]) => i);
}

// ---------------------------------------------------------------------------------------------
// Downloads: a Navigator layer per domain and one CSV.
// ---------------------------------------------------------------------------------------------

/** How a chosen capability is named in files: "NIST SP 800-53: AC-4". */
export function capabilityLabel(data: CoverageData, c: number): string {
  const [f, id] = data.capabilities[c]!;
  return `${data.frameworks[f]!.name}: ${id}`;
}

/**
 * The layer (format 4.5) of one domain's coverage: score = how many chosen capabilities cover the
 * technique; with a threat profile, score = the threat weight, the coverage in each technique's
 * comment and metadata, and a legend of both.
 */
export function coverageLayer(data: CoverageData, result: CoverageResult, domainCoverage: DomainCoverage, pageUrl: string, threat?: TechniqueThreats): object {
  if (threat) return threatLayer(data, result, domainCoverage, pageUrl, threat);
  const domain = data.domains[domainCoverage.domain]!;
  const counts = [...domainCoverage.byTechnique.values()].map((t) => t.capabilities.length);
  const maxValue = Math.max(1, ...counts);
  const techniques = [...domainCoverage.byTechnique.entries()]
    .filter(([t]) => !domain.techniques[t]![3])
    .map(([t, coverage]) => {
      const [id] = domain.techniques[t]!;
      const scores = describeScores(coverage.scores);
      return {
        techniqueID: id,
        score: coverage.capabilities.length,
        comment: `Covered by ${plural(coverage.capabilities.length, 'chosen capability', 'chosen capabilities')}: ${coverage.capabilities.map((c) => capabilityLabel(data, c)).join('; ')}${scores ? `. Best scores: ${scores}` : ''}`,
        enabled: true,
        metadata: coverage.capabilities.map((c) => ({ name: capabilityLabel(data, c), value: data.capabilities[c]![3] })),
        ...(subtechniquesOf(domain)
          .get(t)
          ?.some((s) => domainCoverage.byTechnique.has(s))
          ? { showSubtechniques: true }
          : {}),
      };
    })
    .sort((a, b) => a.techniqueID.localeCompare(b.techniqueID));
  return navigatorLayer({
    name: `Coverage of ${plural(result.capabilities.length, 'capability', 'capabilities')}`,
    attackVersion: domain.version,
    domain: domain.domain,
    description: `Made with Mapscope's coverage builder. Score: how many of the chosen capabilities are mapped to each technique (each capability in its newest set). ${domainCoverage.covered} of ${domainCoverage.total} techniques and sub-techniques of ${attackVersionLabel(domain.domain, domain.version)} covered.`,
    techniques,
    minValue: 0,
    maxValue,
    legendItems: [
      { label: '1 capability', color: LAYER_GRADIENT[0] },
      { label: `${maxValue} capabilities`, color: LAYER_GRADIENT[1] },
    ].slice(0, maxValue > 1 ? 2 : 1),
    metadata: result.capabilities
      .slice(0, 200)
      .map((c) => ({ name: capabilityLabel(data, c), value: data.sets[setOf(data, c, domainCoverage.domain)]?.label ?? '' })),
    links: [{ label: 'This selection on Mapscope', url: pageUrl }],
  });
}

function threatLayer(data: CoverageData, result: CoverageResult, domainCoverage: DomainCoverage, pageUrl: string, threat: TechniqueThreats): object {
  const domain = data.domains[domainCoverage.domain]!;
  const maxValue = Math.max(1, ...threat.weights.values());
  const ids = new Set([...threat.weights.keys(), ...domainCoverage.byTechnique.keys()]);
  const techniques = [...ids]
    .filter((t) => !domain.techniques[t]![3])
    .map((t) => {
      const [id] = domain.techniques[t]!;
      const weight = threat.weights.get(t) ?? 0;
      const coverage = domainCoverage.byTechnique.get(t);
      const covered = coverage
        ? `covered by ${plural(coverage.capabilities.length, 'chosen capability', 'chosen capabilities')}: ${coverage.capabilities.map((c) => capabilityLabel(data, c)).join('; ')}`
        : 'not covered';
      const users = [...new Set(threat.users.get(t) ?? [])];
      return {
        techniqueID: id,
        ...(weight ? { score: weight } : {}),
        ...(coverage && !weight ? { color: '#c7d7e8' } : {}),
        comment: `${weight ? `Threat weight ${weight} (${users.join('; ')})` : 'Not used by the chosen adversaries'}; ${covered}.`,
        enabled: true,
        metadata: [
          { name: 'threat weight', value: String(weight) },
          { name: 'coverage', value: coverage ? 'covered' : 'not covered' },
          ...(users.length ? [{ name: 'adversaries', value: users.join('; ') }] : []),
          ...(coverage?.capabilities ?? []).map((c) => ({ name: capabilityLabel(data, c), value: data.capabilities[c]![3] })),
        ],
      };
    })
    .sort((a, b) => a.techniqueID.localeCompare(b.techniqueID));
  const weight = [...threat.weights.values()].reduce((a, b) => a + b, 0);
  const weightCovered = [...threat.weights].reduce((sum, [t, w]) => sum + (domainCoverage.byTechnique.has(t) ? w : 0), 0);
  const usedCovered = [...threat.weights.keys()].filter((t) => domainCoverage.byTechnique.has(t)).length;
  return navigatorLayer({
    name: `Threat profile against ${plural(result.capabilities.length, 'capability', 'capabilities')}`,
    attackVersion: domain.version,
    domain: domain.domain,
    description: `Made with Mapscope's coverage builder. Score: the threat weight (how many chosen adversaries use the technique, or a loaded layer's score); each technique's comment and metadata say whether the chosen capabilities cover it. Covers ${usedCovered} of the ${threat.weights.size} techniques the adversaries use (${weight ? Math.round((1000 * weightCovered) / weight) / 10 : 0}% of the threat weight).`,
    techniques,
    minValue: 0,
    maxValue,
    legendItems: [
      { label: 'threat weight 1', color: LAYER_GRADIENT[0] },
      ...(maxValue > 1 ? [{ label: `threat weight ${maxValue}`, color: LAYER_GRADIENT[1] }] : []),
      { label: 'covered, not used by the adversaries', color: '#c7d7e8' },
      { label: 'coverage: in each comment and metadata', color: '#ffffff' },
    ],
    metadata: result.capabilities
      .slice(0, 200)
      .map((c) => ({ name: capabilityLabel(data, c), value: data.sets[setOf(data, c, domainCoverage.domain)]?.label ?? '' })),
    links: [{ label: 'This selection on Mapscope', url: pageUrl }],
  });
}

/** The set a capability counts with in a domain (-1: none). */
function setOf(data: CoverageData, c: number, d: number): number {
  return data.capabilities[c]![6].find(([domain]) => domain === d)?.[1] ?? -1;
}

export const COVERAGE_CSV_COLUMNS = [
  'technology_domain',
  'attack_version',
  'attack_object_id',
  'attack_object_name',
  'tactics',
  'covered',
  'capability_count',
  'capabilities',
  'best_protect',
  'best_detect',
  'best_respond',
  'threat_weight',
  'adversaries',
] as const;

/** A technique's threat weight and the adversaries behind it, from a threat profile (src/lib/coverage/threat-profile.ts). */
export interface TechniqueThreats {
  domain: number;
  weights: ReadonlyMap<number, number>;
  users: ReadonlyMap<number, readonly string[]>;
}

const ADVERSARY_ID = /^[GCS]\d{4}$/;

/** Every technique of each domain's matrix (covered or not, and retired ones mapped), one row each, with its threat weight (0 without a profile). */
export function coverageCsv(data: CoverageData, result: CoverageResult, threats: readonly TechniqueThreats[] = []): string {
  return csvFile(COVERAGE_CSV_COLUMNS, coverageRows(data, result, threats));
}

/** The coverage CSV's rows (every technique of each domain's matrix), as the other formats of a result take them. */
export function coverageRows(data: CoverageData, result: CoverageResult, threats: readonly TechniqueThreats[] = []): string[][] {
  const rows: string[][] = [];
  for (const dc of result.domains) {
    const domain = data.domains[dc.domain]!;
    const threat = threats.find((t) => t.domain === dc.domain);
    const tacticsOf = new Map<number, string[]>();
    const subs = subtechniquesOf(domain);
    for (const tactic of domain.tactics) {
      for (const parent of tactic.parents) for (const t of [parent, ...(subs.get(parent) ?? [])]) tacticsOf.set(t, [...(tacticsOf.get(t) ?? []), tactic.name]);
    }
    domain.techniques.forEach(([id, name, , retired], t) => {
      const coverage = dc.byTechnique.get(t);
      if (retired && !coverage) return;
      const rank = (c: ScoreCategory) => (coverage && rankIn(coverage.scores, c) ? scoreValueOfRank(rankIn(coverage.scores, c))! : '');
      rows.push([
        domain.domain,
        domain.version,
        id,
        name,
        retired ? `(not in ATT&CK ${domain.version})` : [...new Set(tacticsOf.get(t) ?? [])].join('; '),
        coverage ? 'yes' : 'no',
        String(coverage?.capabilities.length ?? 0),
        (coverage?.capabilities ?? []).map((c) => capabilityLabel(data, c)).join('; '),
        rank('protect'),
        rank('detect'),
        rank('respond'),
        String(threat?.weights.get(t) ?? 0),
        [...new Set(threat?.users.get(t) ?? [])].filter((id) => ADVERSARY_ID.test(id)).join(';'),
      ]);
    });
  }
  return rows;
}

/** The STIX ids of each domain's techniques, in the coverage data's order (src/lib/coverage/coverage-data.ts coverageStixIds). */
export type TechniqueStixIds = readonly { domain: string; version: string; ids: readonly (string | null)[] }[];

/**
 * The coverage result as the formats of a result take it (src/lib/exports/formats/): the CSV's
 * table, and, given the techniques' STIX ids, each chosen capability related to each technique it
 * covers, with the technique's threat weight when a profile gives one.
 */
export function coverageResult(data: CoverageData, result: CoverageResult, threats: readonly TechniqueThreats[] = [], stixIds?: TechniqueStixIds): ResultTable {
  const chosen = result.capabilities.length;
  const about: [string, string][] = [
    ['Capabilities chosen', String(chosen)],
    ...result.domains.map((d): [string, string] => {
      const domain = data.domains[d.domain]!;
      return [attackVersionLabel(domain.domain, domain.version), `${d.covered} of ${d.total} techniques covered`];
    }),
  ];
  let relations: ResultRelation[] | undefined;
  if (stixIds) {
    relations = [];
    for (const dc of result.domains) {
      const domain = data.domains[dc.domain]!;
      const ids = stixIds.find((s) => s.domain === domain.domain && s.version === domain.version)?.ids;
      const threat = threats.find((t) => t.domain === dc.domain);
      for (const [t, coverage] of [...dc.byTechnique].sort(([a], [b]) => a - b)) {
        const attackPatternId = ids?.[t];
        if (!attackPatternId) continue;
        const weight = threat?.weights.get(t) ?? 0;
        for (const c of coverage.capabilities) {
          const [f, id, , name, , , sets] = data.capabilities[c]!;
          const set = sets.find(([d]) => d === dc.domain)?.[1];
          relations.push({
            capability: { id, name: name || null, frameworkId: data.frameworks[f]!.id, ...(set !== undefined ? { setId: data.sets[set]!.id } : {}) },
            techniqueId: domain.techniques[t]![0],
            attackPatternId,
            relationshipType: 'related-to',
            properties: { x_mapscope_coverage: 'covers', ...(weight ? { x_mapscope_threat_weight: weight } : {}) },
          });
        }
      }
    }
  }
  return {
    name: 'Coverage',
    title: `ATT&CK coverage of ${plural(chosen, 'chosen capability', 'chosen capabilities')}`,
    columns: COVERAGE_CSV_COLUMNS,
    rows: coverageRows(data, result, threats),
    numberColumns: ['capability_count', 'threat_weight'],
    about,
    ...(relations ? { relations } : {}),
  };
}
