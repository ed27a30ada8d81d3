/**
 * Threat profiles in the coverage builder: weights from adversaries (by the counting rules) and
 * from Navigator layers, the four states, the headline and the greedy "fix next" ranking, on a
 * hand-made case whose answer is known, and on the fixture's data with the committed catalog.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { coverageData } from '../../../src/lib/coverage/coverage-data.ts';
import Papa from 'papaparse';
import { computeCoverage, coverageCsv, coverageLayer, createLookup, type CoverageData } from '../../../src/lib/coverage/coverage.ts';
import {
  computeThreats,
  findAdversaries,
  parseThreats,
  rankGreedy,
  readThreatLayer,
  threatHeadline,
  threatQuery,
  threatState,
  threatWeights,
  type FixPick,
  type ThreatChoice,
} from '../../../src/lib/coverage/threat-profile.ts';
import { adversaryTechniques, indexAdversaries } from '../../../src/lib/attack/adversaries.ts';
import { indexModel } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture } from '../../support/paths.ts';

/**
 * Six techniques (T0001-T0006 as numbers 0-5). Group G0001 uses 0, 1, 2 (one of them through its
 * campaign's counting, already folded in) and uses software S0001, which uses 1 and 3.
 * Capabilities: f:c0 (chosen) covers 0 and 4; f:c1 covers 1, 2; f:c2 covers 2, 3; f:c3 covers 1;
 * g:c4 (another framework) covers 1, 2, 3.
 */
const handMade: CoverageData = {
  format: 'mapscope-coverage/1',
  frameworks: [
    { id: 'f', name: 'F', scored: false },
    { id: 'g', name: 'G', scored: false },
  ],
  sets: [{ id: 's', label: 'S' }],
  groups: [],
  capabilities: [
    [0, 'c0', 'c0', 'zero', 'c0', -1, [[0, 0, [0, 0, 4, 0]]]],
    [0, 'c1', 'c1', 'one', 'c1', -1, [[0, 0, [1, 0, 2, 0]]]],
    [0, 'c2', 'c2', 'two', 'c2', -1, [[0, 0, [2, 0, 3, 0]]]],
    [0, 'c3', 'c3', 'three', 'c3', -1, [[0, 0, [1, 0]]]],
    [1, 'c4', 'c4', 'four', 'c4', -1, [[0, 0, [1, 0, 2, 0, 3, 0]]]],
  ],
  baselines: [],
  domains: [
    {
      domain: 'enterprise',
      version: '18.1',
      techniques: [0, 1, 2, 3, 4, 5].map((i) => [`T000${i + 1}`, `Technique ${i + 1}`, -1]),
      tactics: [{ id: 'TA0001', name: 'Tactic', parents: [0, 1, 2, 3, 4, 5] }],
      threats: {
        version: '18.1',
        adversaries: [
          ['G0001', 'Invented Group', ['Paper Tiger'], [0, 1, 2], [1]],
          ['S0001', 'Invented Tool', ['inkpot'], [1, 3], []],
        ],
        mitigations: [
          ['M0001', 'Mitigation one', [1, 2, 3]],
          ['M0002', 'Mitigation two', [1]],
        ],
        revoked: { G0099: 'G0001' },
      },
    },
  ],
};

const choice = (adversaries: string[], withSoftware = false): ThreatChoice => ({ adversaries, withSoftware, layers: [] });

describe('threat weights and states (hand-made)', () => {
  it('weighs each technique by how many chosen adversaries use it; software counts only with ts=1', () => {
    const both = threatWeights(handMade, choice(['G0001', 'S0001'])).get(0)!;
    expect(Object.fromEntries(both.weights)).toEqual({ 0: 1, 1: 2, 2: 1, 3: 1 });
    expect(both.users.get(1)).toEqual(['G0001', 'S0001']);
    expect(Object.fromEntries(threatWeights(handMade, choice(['G0001'])).get(0)!.weights)).toEqual({ 0: 1, 1: 1, 2: 1 });
    expect(Object.fromEntries(threatWeights(handMade, choice(['G0001'], true)).get(0)!.weights)).toEqual({ 0: 1, 1: 1, 2: 1, 3: 1 });
  });

  it('gives the four states, the headline and the greedy fix-next ranking with its numbers', () => {
    const coverage = computeCoverage(handMade, [0]);
    const [threat] = computeThreats(handMade, coverage, choice(['G0001', 'S0001']));
    expect(threat!.used).toBe(4);
    expect(threat!.usedCovered).toBe(1);
    expect(threat!.weight).toBe(5);
    expect(threat!.weightCovered).toBe(1);
    expect(threatHeadline(threat!)).toBe('covers 1 of the 4 techniques your adversaries use (20% of the threat weight)');
    const states = [0, 1, 2, 3, 4, 5].map((t) => threatState(threat, coverage.domains[0], t));
    expect(states).toEqual(['used-covered', 'gap', 'gap', 'gap', 'covered', 'none']);
    // From every framework: c4 takes all three gaps (weight 4) at once; nothing is left for the rest.
    expect(threat!.fixNext.map((p) => [handMade.capabilities[p.item]![1], p.gain, p.techniques, p.share])).toEqual([['c4', 4, [1, 2, 3], 1]]);
    // From F only: c1 (T0002 weighs 2 + T0003) first; then c2 adds only T0004 (its T0003 is taken); c3 adds nothing.
    const [onlyF] = computeThreats(handMade, coverage, choice(['G0001', 'S0001']), { frameworks: new Set([0]) });
    expect(onlyF!.fixNext.map((p) => [handMade.capabilities[p.item]![1], p.gain, p.techniques, p.share])).toEqual([
      ['c1', 3, [1, 2], 0.8],
      ['c2', 1, [3], 1],
    ]);
    expect(onlyF!.mitigations.map((p) => [handMade.domains[0]!.threats!.mitigations[p.item]![0], p.gain])).toEqual([['M0001', 4]]);
  });

  it('reads t= and ts=1, resolves revoked ids, names unknown ones, and writes them back', () => {
    const { threats, unknown } = parseThreats(handMade, '?t=g0099&t=S0001&t=G9999&ts=1');
    expect(threats).toEqual({ adversaries: ['G0001', 'S0001'], withSoftware: true, layers: [] });
    expect(unknown).toEqual(['G9999']);
    expect(threatQuery(threats)).toBe('t=G0001&t=S0001&ts=1');
  });

  it('finds adversaries by name or alias', () => {
    expect(findAdversaries(handMade, 'paper tiger').map((r) => r.adversary)).toEqual([0]);
    expect(findAdversaries(handMade, 'ink').map((r) => r.adversary)).toEqual([1]);
  });
});

/**
 * The greedy ranking as first written: every step counts every candidate again. The page's ranking
 * is lazy (src/lib/coverage/threat-profile.ts, rankIndexed) and must give exactly these picks.
 */
function simpleGreedy(
  candidates: Map<number, number[]>,
  weights: Map<number, number>,
  covered: (t: number) => boolean,
  total: number,
  start: number,
  limit: number,
): FixPick[] {
  const taken = new Set<number>();
  const open = new Map<number, number[]>();
  for (const [item, techniques] of candidates) {
    const useful = techniques.filter((t) => (weights.get(t) ?? 0) > 0 && !covered(t));
    if (useful.length) open.set(item, useful);
  }
  const picks: FixPick[] = [];
  let sum = start;
  while (picks.length < limit && open.size) {
    let best = -1;
    let bestGain = 0;
    let bestTechniques: number[] = [];
    for (const [item, techniques] of open) {
      const left = techniques.filter((t) => !taken.has(t));
      if (!left.length) {
        open.delete(item);
        continue;
      }
      open.set(item, left);
      const gain = left.reduce((g, t) => g + weights.get(t)!, 0);
      if (gain > bestGain || (gain === bestGain && (left.length > bestTechniques.length || (left.length === bestTechniques.length && item < best)))) {
        best = item;
        bestGain = gain;
        bestTechniques = left;
      }
    }
    if (best < 0) break;
    open.delete(best);
    for (const t of bestTechniques) taken.add(t);
    sum += bestGain;
    picks.push({ item: best, gain: bestGain, techniques: [...bestTechniques].sort((a, b) => a - b), share: total ? sum / total : 0 });
  }
  return picks;
}

describe('the lazy greedy ranking', () => {
  /** A small deterministic generator (mulberry32), so a failing case can be run again. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };

  it('ranks exactly as the simple greedy: same picks, gains, techniques and shares, ties included', () => {
    let compared = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const techniques = 5 + Math.floor(next() * 80);
      // Small integer weights make many ties; every fifth case has fractional layer scores.
      const weights = new Map<number, number>();
      for (let t = 0; t < techniques; t++)
        if (next() < 0.6) weights.set(t, seed % 5 === 0 ? Math.round(next() * 1000) / 100 + 0.01 : 1 + Math.floor(next() * 3));
      const covered = new Set([...weights.keys()].filter(() => next() < 0.2));
      const candidates = new Map<number, number[]>();
      const count = 1 + Math.floor(next() * 120);
      for (let i = 0; i < count; i++) {
        const item = Math.floor(next() * 400);
        const list = [...new Set(Array.from({ length: 1 + Math.floor(next() * 12) }, () => Math.floor(next() * (techniques + 5))))];
        candidates.set(item, list);
      }
      const total = [...weights.values()].reduce((a, b) => a + b, 0);
      const start = [...covered].reduce((a, t) => a + weights.get(t)!, 0);
      const limit = 1 + Math.floor(next() * 15);
      const isCovered = (t: number) => covered.has(t);
      const expected = simpleGreedy(candidates, weights, isCovered, total, start, limit);
      expect(rankGreedy(candidates, weights, isCovered, total, start, limit)).toEqual(expected);
      if (expected.length > 1) compared++;
    }
    // The cases rank something, mostly more than one pick: the comparison is not vacuous.
    expect(compared).toBeGreaterThan(200);
  });

  it('breaks ties by more techniques, then the lower number, as the simple greedy does', () => {
    const weights = new Map([
      [0, 1],
      [1, 1],
      [2, 2],
      [3, 1],
    ]);
    const candidates = new Map([
      [7, [0, 1]],
      [5, [2]],
      [3, [3, 0]],
      [4, [1, 3]],
    ]);
    const picks = rankGreedy(candidates, weights, () => false, 5, 0, 10);
    expect(picks.map((p) => [p.item, p.gain, p.techniques])).toEqual([
      [3, 2, [0, 3]],
      [5, 2, [2]],
      [4, 1, [1]],
    ]);
    expect(picks).toEqual(simpleGreedy(candidates, weights, () => false, 5, 0, 10));
  });
});

describe('downloads with a threat profile', () => {
  it('the CSV gains threat_weight and adversaries; the layer scores the weight with coverage in comments', () => {
    const coverage = computeCoverage(handMade, [0]);
    const threats = computeThreats(handMade, coverage, choice(['G0001', 'S0001']));
    const rows = Papa.parse<Record<string, string>>(coverageCsv(handMade, coverage, threats), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r['attack_object_id'], r['covered'], r['threat_weight'], r['adversaries']])).toEqual([
      ['T0001', 'yes', '1', 'G0001'],
      ['T0002', 'no', '2', 'G0001;S0001'],
      ['T0003', 'no', '1', 'G0001'],
      ['T0004', 'no', '1', 'S0001'],
      ['T0005', 'yes', '0', ''],
      ['T0006', 'no', '0', ''],
    ]);
    const layer = coverageLayer(handMade, coverage, coverage.domains[0]!, 'https://example.org/coverage/', threats[0]) as {
      techniques: { techniqueID: string; score?: number; comment: string }[];
      legendItems: { label: string }[];
    };
    const t2 = layer.techniques.find((t) => t.techniqueID === 'T0002')!;
    expect(t2.score).toBe(2);
    expect(t2.comment).toContain('not covered');
    expect(layer.techniques.find((t) => t.techniqueID === 'T0001')!.comment).toContain('covered by 1 chosen capability');
    expect(layer.legendItems.map((l) => l.label)).toContain('threat weight 2');
  });
});

describe('Navigator layers as threat profiles', () => {
  const layer = (body: object) => JSON.stringify({ name: 'CTI', versions: { layer: '4.5' }, domain: 'enterprise-attack', ...body });

  it('takes techniques with a score above 0, or enabled and annotated, as weights', () => {
    const read = readThreatLayer(
      handMade,
      layer({
        techniques: [
          { techniqueID: 'T0002', score: 3 },
          { techniqueID: 'T0003', comment: 'seen' },
          { techniqueID: 'T0004', score: 0 },
          { techniqueID: 'T0005', enabled: false, comment: 'x' },
        ],
      }),
      'cti.json',
    );
    expect('layer' in read && Object.fromEntries(read.layer.scores)).toEqual({ 1: 3, 2: 1 });
  });

  it('says what is wrong with a bad file', () => {
    const problem = (text: string, bytes?: number) => {
      const read = readThreatLayer(handMade, text, 'x.json', bytes);
      return 'problem' in read ? read.problem : '';
    };
    expect(problem('not json')).toMatch(/not JSON/);
    expect(problem('{"a":1}')).toMatch(/not a Navigator layer/);
    expect(problem(layer({ domain: 'mobile-attack', techniques: [] }))).toMatch(/domain "mobile-attack"/);
    expect(problem('{}', 11 * 1024 * 1024)).toMatch(/at most 10 MB/);
    expect(
      problem(
        layer({
          techniques: [
            { techniqueID: 'T9999', score: 1 },
            { techniqueID: 'T0002', score: 1 },
          ],
        }),
      ),
    ).toMatch(/not in enterprise ATT&CK 18.1: T9999/);
  });
});

describe('threat data on the fixture with the committed catalog', () => {
  let data: CoverageData;
  let adversaries: ReturnType<typeof indexAdversaries>;
  beforeAll(async () => {
    const result = await runPipeline([fixture('coverage')]);
    expect(result.problems).toEqual([]);
    data = coverageData(indexModel(result.model!));
    adversaries = indexAdversaries(result.model!.adversaries!.find((a) => a.domain === 'enterprise')!.facts);
  });

  it('holds every group, campaign and software with techniques by the counting rules', () => {
    const enterprise = data.domains.find((d) => d.domain === 'enterprise')!;
    const threats = enterprise.threats!;
    expect(threats.version).toBe('18.1');
    const ids = (numbers: number[]) => numbers.map((t) => enterprise.techniques[t]![0]).sort();
    const apt29 = threats.adversaries.find(([id]) => id === 'G0016')!;
    expect(apt29[2]).toContain('Cozy Bear');
    expect(ids(apt29[3])).toEqual(adversaryTechniques(adversaries, 'G0016').sort());
    const withSoftware = ids([...new Set([...apt29[3], ...apt29[4].flatMap((s) => threats.adversaries[s]![3])])]);
    expect(withSoftware).toEqual(adversaryTechniques(adversaries, 'G0016', { withSoftware: true }).sort());
    expect(findAdversaries(data, 'midnight blizzard').map((r) => enterprise.threats!.adversaries[r.adversary]![0])).toEqual(['G0016']);
  });

  it('weights and ranks against the URL of the issue', () => {
    const lookup = createLookup(data);
    expect(lookup).toBeTruthy();
    const { threats } = parseThreats(data, '?t=G0016&t=S0154');
    const [threat] = computeThreats(data, computeCoverage(data, []), threats);
    expect(threat!.used).toBeGreaterThan(50);
    expect(threat!.usedCovered).toBe(0);
    expect(threat!.fixNext.length).toBeGreaterThan(0);
    expect(threat!.fixNext[0]!.gain).toBeGreaterThanOrEqual(threat!.fixNext[1]?.gain ?? 0);
    expect(threat!.mitigations.length).toBeGreaterThan(0);
  });
});
