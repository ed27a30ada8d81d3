/**
 * Threat profiles in the coverage builder: the adversaries a reader chooses (groups, campaigns,
 * software; `t=` in the URL, `ts=1` "with their software") or a Navigator layer they load give
 * each technique a threat weight; joined with the coverage of the chosen capabilities, each
 * technique is in one of four states, and the capabilities (and ATT&CK mitigations) that would
 * cover the most uncovered weight are ranked greedily: "what to fix next". Browser-safe and pure;
 * the page runs it on every change.
 *
 * Threat weight of a technique: how many chosen adversaries use it by the counting rules (a
 * group's own uses and its campaigns'; with their software, the software's too; sub-techniques
 * as themselves), plus the score of a loaded layer.
 */
import type { CoverageData, CoverageDomain, CoverageResult, CoverageThreats, DomainCoverage } from './coverage.ts';
import type { Domain } from '../core/vocabulary.ts';

/** What the reader chose as the threat: adversary ids (as typed or linked), their software or not, layers read. */
export interface ThreatChoice {
  adversaries: string[];
  withSoftware: boolean;
  layers: ThreatLayer[];
}

/** A Navigator layer read as a threat profile: its name, domain (number into data.domains) and score per technique. */
export interface ThreatLayer {
  name: string;
  domain: number;
  scores: Map<number, number>;
}

export const emptyThreats = (): ThreatChoice => ({ adversaries: [], withSoftware: false, layers: [] });

/** An adversary found in the data: its domain and number in that domain's list. */
export interface AdversaryRef {
  domain: number;
  adversary: number;
}

/** Every domain holding an adversary id (software can be in several); revoked ids resolve to their replacement. */
export function findAdversary(data: CoverageData, id: string): AdversaryRef[] {
  const wanted = id.trim().toUpperCase();
  return data.domains.flatMap((d, domain) => {
    const threats = d.threats;
    if (!threats) return [];
    const target = threats.revoked[wanted] ?? wanted;
    const adversary = threats.adversaries.findIndex(([aid]) => aid === target);
    return adversary < 0 ? [] : [{ domain, adversary }];
  });
}

/** Read `t=` (repeatable) and `ts=1` from the page's query; ids naming nothing are returned in `unknown`. */
export function parseThreats(data: CoverageData, query: string): { threats: ThreatChoice; unknown: string[] } {
  const params = new URLSearchParams(query);
  const adversaries: string[] = [];
  const unknown: string[] = [];
  for (const value of params.getAll('t')) {
    const found = findAdversary(data, value);
    if (!found.length) unknown.push(value);
    else {
      const [{ domain, adversary }] = found as [AdversaryRef];
      const id = data.domains[domain]!.threats!.adversaries[adversary]![0];
      if (!adversaries.includes(id)) adversaries.push(id);
    }
  }
  return { threats: { adversaries, withSoftware: params.get('ts') === '1', layers: [] }, unknown };
}

/** The query part of a threat choice ("t=G0016&t=S0154&ts=1"), "" when none; layers stay in the browser. */
export function threatQuery(threats: ThreatChoice): string {
  const parts = threats.adversaries.map((id) => `t=${encodeURIComponent(id)}`);
  if (parts.length && threats.withSoftware) parts.push('ts=1');
  return parts.join('&');
}

/** Up to `limit` adversaries whose id, name or an alias matches what was typed (exact, prefix, then words). */
export function findAdversaries(data: CoverageData, typed: string, limit = 12): AdversaryRef[] {
  const text = typed.trim().toLowerCase();
  if (!text) return [];
  const words = text.split(/\s+/);
  const ranked: [number, AdversaryRef][] = [];
  data.domains.forEach((d, domain) => {
    d.threats?.adversaries.forEach(([id, name, aliases], adversary) => {
      const names = [name, ...aliases].map((n) => n.toLowerCase());
      let rank = -1;
      if (id.toLowerCase() === text || names.includes(text)) rank = 0;
      else if (names.some((n) => n.startsWith(text))) rank = 1;
      else if (names.some((n) => words.every((w) => n.includes(w)))) rank = 2;
      if (rank >= 0) ranked.push([rank, { domain, adversary }]);
    });
  });
  ranked.sort((a, b) => a[0] - b[0] || a[1].domain - b[1].domain || a[1].adversary - b[1].adversary);
  return ranked.slice(0, limit).map(([, ref]) => ref);
}

/** What a technique is, threat and coverage together. */
export type ThreatState = 'used-covered' | 'gap' | 'covered' | 'none';

export const THREAT_STATES: { state: ThreatState; label: string }[] = [
  { state: 'gap', label: 'used, not covered (priority gap)' },
  { state: 'used-covered', label: 'used and covered' },
  { state: 'covered', label: 'covered, not used' },
  { state: 'none', label: 'neither' },
];

/** A ranked pick of "what to fix next": a capability or mitigation, the uncovered weight it adds, the techniques that make it. */
export interface FixPick {
  /** Number into data.capabilities, or into the domain's threats.mitigations. */
  item: number;
  /** The still-uncovered threat weight it covers (after the picks above it). */
  gain: number;
  /** Those techniques (numbers), in number order. */
  techniques: number[];
  /** The weighted share covered with it and every pick above it (0-1). */
  share: number;
}

export interface DomainThreat {
  domain: number;
  /** Threat weight per technique (only techniques with weight > 0). */
  weights: Map<number, number>;
  /** The chosen adversaries (ATT&CK ids) using each technique, and "layer" names. */
  users: Map<number, string[]>;
  /** Techniques the adversaries use (M), and of those covered (N). */
  used: number;
  usedCovered: number;
  /** Total threat weight, and the part covered. */
  weight: number;
  weightCovered: number;
  fixNext: FixPick[];
  mitigations: FixPick[];
}

/** The state of a technique from its weight and coverage. */
export function threatState(threat: DomainThreat | undefined, coverage: DomainCoverage | undefined, t: number): ThreatState {
  const used = (threat?.weights.get(t) ?? 0) > 0;
  const covered = coverage?.byTechnique.has(t) ?? false;
  return used ? (covered ? 'used-covered' : 'gap') : covered ? 'covered' : 'none';
}

/** Threat weights per domain (number into data.domains) from the chosen adversaries and layers. */
export function threatWeights(data: CoverageData, threats: ThreatChoice): Map<number, { weights: Map<number, number>; users: Map<number, string[]> }> {
  const out = new Map<number, { weights: Map<number, number>; users: Map<number, string[]> }>();
  const at = (d: number) => {
    let entry = out.get(d);
    if (!entry) out.set(d, (entry = { weights: new Map(), users: new Map() }));
    return entry;
  };
  const add = (d: number, t: number, weight: number, by: string) => {
    const entry = at(d);
    entry.weights.set(t, (entry.weights.get(t) ?? 0) + weight);
    const users = entry.users.get(t);
    if (users) users.push(by);
    else entry.users.set(t, [by]);
  };
  for (const id of threats.adversaries) {
    for (const { domain, adversary } of findAdversary(data, id)) {
      const list = (data.domains[domain]!.threats as CoverageThreats).adversaries;
      const [aid, , , techniques, software] = list[adversary]!;
      const reached = new Set(techniques);
      if (threats.withSoftware) for (const s of software) for (const t of list[s]![3]) reached.add(t);
      at(domain);
      for (const t of reached) add(domain, t, 1, aid);
    }
  }
  for (const layer of threats.layers) for (const [t, score] of layer.scores) add(layer.domain, t, score, layer.name);
  return out;
}

export interface FixOptions {
  /** Frameworks (numbers into data.frameworks) to pick capabilities from; all when empty. */
  frameworks?: ReadonlySet<number>;
  /** How many picks to rank. */
  limit?: number;
}

/**
 * Candidates to rank, flattened once: candidate k is `items[k]`, its techniques
 * `techniques[offsets[k]]` to `techniques[offsets[k + 1] - 1]`, in their order.
 */
export interface CandidateIndex {
  items: Int32Array;
  offsets: Int32Array;
  techniques: Int32Array;
}

/** A candidate index from a map of item to its techniques (in the map's order). */
export function candidateIndex(candidates: ReadonlyMap<number, readonly number[]>): CandidateIndex {
  let length = 0;
  for (const techniques of candidates.values()) length += techniques.length;
  const items = new Int32Array(candidates.size);
  const offsets = new Int32Array(candidates.size + 1);
  const techniques = new Int32Array(length);
  let k = 0;
  let at = 0;
  for (const [item, list] of candidates) {
    items[k] = item;
    offsets[k] = at;
    for (const t of list) techniques[at++] = t;
    k++;
  }
  offsets[k] = at;
  return { items, offsets, techniques };
}

/**
 * Greedy ranking: at each step the candidate covering the most still-uncovered weight (ties: more
 * techniques, then the lower number); each next one counts only what the ones above leave.
 */
export function rankGreedy(
  candidates: Map<number, number[]>,
  weights: ReadonlyMap<number, number>,
  covered: (t: number) => boolean,
  total: number,
  start: number,
  limit: number,
): FixPick[] {
  return rankIndexed(candidateIndex(candidates), () => true, weights, covered, total, start, limit);
}

/**
 * The same ranking over a candidate index, for the candidates `allowed` keeps. Lazy: a
 * candidate's gain only shrinks as picks take techniques, so candidates wait in a heap under the
 * gain they had when last counted, and only the top is counted again; when its count still beats
 * every other's (stale, so at least as high) one, it is the pick. With a hundred capabilities
 * chosen and ten adversaries, this counts a few dozen candidates per pick instead of every one.
 */
export function rankIndexed(
  index: CandidateIndex,
  allowed: (item: number) => boolean,
  weights: ReadonlyMap<number, number>,
  covered: (t: number) => boolean,
  total: number,
  start: number,
  limit: number,
): FixPick[] {
  // The weight still open per technique number (0: unused, covered or taken by a pick above).
  let size = 0;
  for (const t of weights.keys()) size = Math.max(size, t + 1);
  const openWeight = new Float64Array(size);
  for (const [t, w] of weights) if (w > 0 && !covered(t)) openWeight[t] = w;
  const { items, offsets, techniques } = index;
  // Each useful candidate's open techniques, in its own order, copied into one array.
  const usefulAt = new Int32Array(items.length + 1);
  const useful = new Int32Array(techniques.length);
  const candidate: number[] = [];
  let length = 0;
  for (let k = 0; k < items.length; k++) {
    const from = length;
    if (allowed(items[k]!))
      for (let i = offsets[k]!; i < offsets[k + 1]!; i++) {
        const t = techniques[i]!;
        if (t < size && openWeight[t]! > 0) useful[length++] = t;
      }
    if (length > from) {
      usefulAt[candidate.length] = from;
      candidate.push(k);
      usefulAt[candidate.length] = length;
    } else length = from;
  }
  // The gain and technique count each candidate had when last counted; the heap holds candidate numbers.
  const count = candidate.length;
  const gain = new Float64Array(count);
  const left = new Int32Array(count);
  const ahead = (a: number, b: number) =>
    gain[a]! > gain[b]! || (gain[a] === gain[b] && (left[a]! > left[b]! || (left[a] === left[b] && items[candidate[a]!]! < items[candidate[b]!]!)));
  const recount = (c: number) => {
    let sum = 0;
    let n = 0;
    for (let i = usefulAt[c]!; i < usefulAt[c + 1]!; i++) {
      const w = openWeight[useful[i]!]!;
      if (w > 0) {
        sum += w;
        n++;
      }
    }
    gain[c] = sum;
    left[c] = n;
  };
  const heap = new Int32Array(count);
  let heapSize = 0;
  const siftDown = (at: number) => {
    const c = heap[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= heapSize) break;
      if (child + 1 < heapSize && ahead(heap[child + 1]!, heap[child]!)) child++;
      if (!ahead(heap[child]!, c)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = c;
  };
  for (let c = 0; c < count; c++) {
    recount(c);
    heap[heapSize++] = c;
  }
  for (let at = (heapSize >> 1) - 1; at >= 0; at--) siftDown(at);
  const picks: FixPick[] = [];
  let sum = start;
  while (picks.length < limit && heapSize) {
    const top = heap[0]!;
    const was = gain[top]!;
    const wasLeft = left[top]!;
    recount(top);
    if (left[top] === 0) {
      heap[0] = heap[--heapSize]!;
      siftDown(0);
      continue;
    }
    if (gain[top] !== was || left[top] !== wasLeft) {
      // Smaller now: back into the heap under its new count; the next top is counted again.
      siftDown(0);
      continue;
    }
    heap[0] = heap[--heapSize]!;
    siftDown(0);
    const taken: number[] = [];
    for (let i = usefulAt[top]!; i < usefulAt[top + 1]!; i++) if (openWeight[useful[i]!]! > 0) taken.push(useful[i]!);
    for (const t of taken) openWeight[t] = 0;
    sum += was;
    picks.push({ item: items[candidate[top]!]!, gain: was, techniques: taken.sort((a, b) => a - b), share: total ? sum / total : 0 });
  }
  return picks;
}

/** Each capability's techniques in a domain (numbers), flattened once per data file. */
const techniquesCache = new WeakMap<CoverageData, Map<number, CandidateIndex>>();
function techniquesByCapability(data: CoverageData, d: number): CandidateIndex {
  let perDomain = techniquesCache.get(data);
  if (!perDomain) techniquesCache.set(data, (perDomain = new Map()));
  let index = perDomain.get(d);
  if (!index) {
    const byCapability = new Map<number, number[]>();
    data.capabilities.forEach(([, , , , , , sets], c) => {
      const entry = sets.find(([domain]) => domain === d);
      if (!entry || !entry[2].length) return;
      const techniques: number[] = [];
      for (let i = 0; i < entry[2].length; i += 2) techniques.push(entry[2][i]!);
      byCapability.set(c, techniques);
    });
    perDomain.set(d, (index = candidateIndex(byCapability)));
  }
  return index;
}

/** Each mitigation's techniques in a domain, flattened once per data file. */
const mitigationsCache = new WeakMap<CoverageDomain, CandidateIndex>();
function techniquesByMitigation(domain: CoverageDomain): CandidateIndex {
  let index = mitigationsCache.get(domain);
  if (!index)
    mitigationsCache.set(domain, (index = candidateIndex(new Map((domain.threats?.mitigations ?? []).map(([, , techniques], m) => [m, techniques])))));
  return index;
}

/** The threat profile against a coverage result: weights, counts, and what to fix next, per domain. */
export function computeThreats(data: CoverageData, coverage: CoverageResult, threats: ThreatChoice, options: FixOptions = {}): DomainThreat[] {
  const limit = options.limit ?? 10;
  const chosen = new Set(coverage.capabilities);
  const out: DomainThreat[] = [];
  for (const [d, { weights, users }] of [...threatWeights(data, threats)].sort(([a], [b]) => a - b)) {
    const domainCoverage = coverage.domains.find((x) => x.domain === d);
    const covered = (t: number) => domainCoverage?.byTechnique.has(t) ?? false;
    let weight = 0;
    let weightCovered = 0;
    let usedCovered = 0;
    for (const [t, w] of weights) {
      weight += w;
      if (covered(t)) {
        weightCovered += w;
        usedCovered++;
      }
    }
    const frameworks = options.frameworks?.size ? options.frameworks : null;
    const allowed = (c: number) => !chosen.has(c) && (!frameworks || frameworks.has(data.capabilities[c]![0]));
    out.push({
      domain: d,
      weights,
      users,
      used: weights.size,
      usedCovered,
      weight,
      weightCovered,
      fixNext: rankIndexed(techniquesByCapability(data, d), allowed, weights, covered, weight, weightCovered, limit),
      mitigations: rankIndexed(techniquesByMitigation(data.domains[d]!), () => true, weights, covered, weight, weightCovered, limit),
    });
  }
  return out;
}

/** The headline of a domain's threat profile: "covers N of the M techniques your adversaries use (P% of the threat weight)". */
export function threatHeadline(threat: DomainThreat): string {
  const percent = threat.weight ? Math.round((1000 * threat.weightCovered) / threat.weight) / 10 : 0;
  return `covers ${threat.usedCovered} of the ${threat.used} techniques your adversaries use (${percent}% of the threat weight)`;
}

// ---------------------------------------------------------------------------------------------
// Navigator layers as threat profiles
// ---------------------------------------------------------------------------------------------

/** The largest layer file read. */
export const MAX_LAYER_BYTES = 10 * 1024 * 1024;

const LAYER_DOMAINS: Record<string, Domain> = { 'enterprise-attack': 'enterprise', 'mobile-attack': 'mobile', 'ics-attack': 'ics' };

/**
 * Read a Navigator layer (4.x) as a threat profile: techniques with a score above 0, or enabled
 * and annotated (a comment, metadata or a colour) with weight 1. A problem is one sentence
 * to show on the page; the selection is left as it was.
 */
export function readThreatLayer(data: CoverageData, text: string, name: string, bytes = text.length): { layer: ThreatLayer } | { problem: string } {
  if (bytes > MAX_LAYER_BYTES) return { problem: `${name} is ${(bytes / 1024 / 1024).toFixed(1)} MB; a layer file may be at most 10 MB.` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: `${name} is not JSON: choose a Navigator layer file (.json).` };
  }
  const layer = parsed as { domain?: unknown; techniques?: unknown; versions?: { layer?: unknown }; name?: unknown };
  if (!layer || typeof layer !== 'object' || Array.isArray(layer) || !Array.isArray(layer.techniques) || typeof layer.domain !== 'string') {
    return { problem: `${name} is not a Navigator layer (it needs "domain" and a "techniques" list).` };
  }
  const version = layer.versions?.layer;
  if (version !== undefined && (typeof version !== 'string' || !/^4\./.test(version)))
    return { problem: `${name} is a layer of format ${String(version)}; layers of format 4.x are read.` };
  const domainId = LAYER_DOMAINS[layer.domain];
  const domain = domainId ? data.domains.findIndex((d) => d.domain === domainId) : -1;
  if (domain < 0) {
    const known = data.domains.map((d) => `${d.domain}-attack`).join(', ');
    return { problem: `${name} is a layer of the domain "${layer.domain}"; this site's coverage builder has ${known}.` };
  }
  const techniques = data.domains[domain]!.techniques;
  const numbers = new Map<string, number>();
  techniques.forEach(([id, , , retired], t) => {
    if (!retired) numbers.set(id, t);
  });
  const scores = new Map<number, number>();
  const unknown = new Set<string>();
  for (const entry of layer.techniques as Record<string, unknown>[]) {
    if (!entry || typeof entry !== 'object' || typeof entry['techniqueID'] !== 'string') continue;
    const score = typeof entry['score'] === 'number' && Number.isFinite(entry['score']) ? entry['score'] : 0;
    const annotated =
      entry['enabled'] !== false &&
      ((typeof entry['comment'] === 'string' && entry['comment'] !== '') ||
        (Array.isArray(entry['metadata']) && entry['metadata'].length > 0) ||
        (typeof entry['color'] === 'string' && entry['color'] !== ''));
    const weight = score > 0 ? score : annotated ? 1 : 0;
    if (weight <= 0) continue;
    const id = entry['techniqueID'].trim().toUpperCase();
    const t = numbers.get(id);
    if (t === undefined) unknown.add(id);
    else scores.set(t, Math.max(scores.get(t) ?? 0, weight));
  }
  if (unknown.size) {
    const list = [...unknown].sort();
    return {
      problem: `${name} names techniques not in ${data.domains[domain]!.domain} ATT&CK ${data.domains[domain]!.version}: ${list.slice(0, 20).join(', ')}${list.length > 20 ? ` and ${list.length - 20} more` : ''}.`,
    };
  }
  if (!scores.size) return { problem: `${name} has no technique with a score above 0, nor an enabled one with a comment, metadata or colour.` };
  return { layer: { name: typeof layer.name === 'string' && layer.name.trim() ? layer.name.trim() : name, domain, scores } };
}
