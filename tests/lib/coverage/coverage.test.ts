/**
 * The coverage builder's answers on hand-made sets (tests/fixtures/coverage/README.md): newest set
 * per capability, revoked techniques carried to their replacement, retired ones kept apart,
 * counts, scores, selections in the URL, and the layer and CSV it offers.
 */
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { coverageData, coverageStixIds } from '../../../src/lib/coverage/coverage-data.ts';
import { stixFormat, type StixBundle } from '../../../src/lib/exports/formats/stix-bundle.ts';
import { yamlFormat } from '../../../src/lib/exports/formats/yaml.ts';
import { schemasIn, stixProblems } from '../../support/stix-schemas.ts';
import {
  chosenCapabilities,
  computeCoverage,
  coverageCsv,
  coverageLayer,
  coverageResult,
  createLookup,
  describeScores,
  findCapabilities,
  packScores,
  parseSelection,
  rankIn,
  removeCapability,
  removeEntry,
  addCapabilities,
  chosenAlone,
  membersOf,
  selectionQuery,
  type CoverageData,
  type CoverageLookup,
  type DomainCoverage,
} from '../../../src/lib/coverage/coverage.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { ROOT, fixture, shared } from '../../support/paths.ts';

let data: CoverageData;
let lookup: CoverageLookup;
let index: ModelIndex;
beforeAll(async () => {
  const result = await runPipeline([fixture('coverage')]);
  expect(result.problems).toEqual([]);
  index = indexModel(result.model!);
  data = coverageData(index);
  lookup = createLookup(data);
});

/** The enterprise coverage of a query's selection, with technique ids instead of numbers. */
function coverageOf(query: string) {
  const { selection, unknown } = parseSelection(lookup, query);
  expect(unknown).toEqual([]);
  const result = computeCoverage(data, chosenCapabilities(lookup, selection));
  const enterprise = result.domains.find((d) => data.domains[d.domain]!.domain === 'enterprise')!;
  const techniques = data.domains[enterprise.domain]!.techniques;
  const ids = (numbers: Iterable<number>) => [...numbers].map((t) => techniques[t]![0]).sort();
  const capabilitiesOf = (id: string) => {
    const t = techniques.findIndex(([tid, , , retired]) => tid === id && !retired);
    return (enterprise.byTechnique.get(t)?.capabilities ?? []).map((c) => data.capabilities[c]![1]).sort();
  };
  return {
    result,
    enterprise,
    covered: ids([...enterprise.byTechnique.keys()].filter((t) => !techniques[t]![3])),
    retired: ids(enterprise.retired),
    capabilitiesOf,
  };
}

describe('coverage data', () => {
  it('uses the newest ATT&CK version the catalog gives for the domain (its complete part, 18.1), newer than any set maps to', () => {
    expect(data.domains.map((d) => [d.domain, d.version])).toEqual([['enterprise', '18.1']]);
    const enterprise = data.domains[0]!;
    expect(enterprise.tactics.length).toBeGreaterThan(10);
    expect(enterprise.techniques.find(([id]) => id === 'T1046')?.[1]).toBe('Network Service Discovery');
    // A technique new in 18.1, which no set maps, is in the matrix (and so shown not covered).
    const fresh = enterprise.techniques.findIndex(([id, , , retired]) => id === 'T1059.013' && !retired);
    expect(fresh).toBeGreaterThanOrEqual(0);
    expect(computeCoverage(data, []).domains[0]!.gaps).toContain(fresh);
  });

  it('counts each capability with its newest set only', () => {
    const { covered } = coverageOf('?c=demo_cloud:cloud_fw');
    expect(covered).toEqual(['T1046']);
  });

  it('carries a revoked technique to the one that replaced it, and keeps deprecated ones apart', () => {
    const controls = coverageOf('?c=demo_controls:DC-1&c=demo_controls:dc-2');
    expect(controls.covered).toEqual(['T1046', 'T1053.002']);
    expect(controls.retired).toEqual(['T1026']);
    expect(coverageOf('?c=demo_cloud:cloud_siem').covered).toEqual(['T1046', 'T1574.001']);
  });

  it('unites capabilities of several frameworks, counting distinct techniques of the version', () => {
    const all = coverageOf('?c=demo_controls:DC-1&c=demo_controls:DC-2&c=demo_controls:DX-1&c=demo_cloud:cloud_fw&c=demo_cloud:cloud_siem');
    expect(all.covered).toEqual(['T1046', 'T1053.002', 'T1574.001']);
    expect(all.enterprise.covered).toBe(3);
    // Every active technique and sub-technique of ATT&CK Enterprise 18.1 once.
    const active = data.domains[0]!.techniques.filter(([, , , retired]) => !retired).length;
    expect(all.enterprise.total).toBe(active);
    expect(active).toBe(691);
    expect(all.enterprise.gaps).toHaveLength(active - 3);
    expect(all.capabilitiesOf('T1046')).toEqual(['DC-01', 'DX-1', 'cloud_fw', 'cloud_siem']);
    const t1046 = [...all.enterprise.byTechnique.values()].find((c) => c.capabilities.length === 4)!;
    expect(describeScores(t1046.scores)).toBe('protect significant, detect significant');
    const discovery = data.domains[0]!.tactics.findIndex((t) => t.id === 'TA0007');
    expect(all.enterprise.tactics[discovery]!.covered).toBe(1);
    expect(all.enterprise.tactics.reduce((n, t) => n + t.covered, 0)).toBeGreaterThanOrEqual(3);
  });

  it('says nothing is covered when nothing is chosen, over the enterprise matrix', () => {
    const result = computeCoverage(data, []);
    expect(result.domains).toHaveLength(1);
    expect(result.domains[0]!.covered).toBe(0);
  });
});

describe('selections in the URL', () => {
  it('reads capabilities in any spelling, whole groups and baselines, and names what it cannot find', () => {
    const { selection, unknown } = parseSelection(lookup, '?c=demo_controls:dc_01&c=DEMO_CLOUD:Cloud-FW&g=demo_controls:DX&b=nope&c=nowhere:x');
    expect(unknown).toEqual(['nowhere:x', 'nope']);
    expect(chosenCapabilities(lookup, selection).map((c) => data.capabilities[c]![1])).toEqual(expect.arrayContaining(['DC-01', 'cloud_fw', 'DX-1']));
    expect(selection.groups.size).toBe(1);
  });

  it('writes a readable query that reads back to the same selection', () => {
    const { selection } = parseSelection(lookup, '?c=demo_cloud:cloud_fw&g=demo_controls:DX&c=demo_controls:DC-1');
    const query = selectionQuery(data, selection);
    // Baselines, then groups, then capabilities, each in the data's order; ":" stays readable.
    expect(query).toBe('?g=demo_controls:DX&c=demo_cloud:cloud_fw&c=demo_controls:DC-01');
    expect(parseSelection(lookup, query).selection).toEqual(selection);
  });

  it('removing one capability of a group keeps the rest of the group chosen', () => {
    const { selection } = parseSelection(lookup, '?g=demo_controls:DC');
    const before = chosenCapabilities(lookup, selection).map((c) => data.capabilities[c]![1]);
    expect(before).toEqual(['DC-01', 'DC-2']);
    const dc2 = data.capabilities.findIndex(([, id]) => id === 'DC-2');
    const after = removeCapability(lookup, selection, dc2);
    // The group stays one entry of the selection, less the capability taken out, and says so in the URL.
    expect(after.groups.size).toBe(1);
    expect(chosenCapabilities(lookup, after).map((c) => data.capabilities[c]![1])).toEqual(['DC-01']);
    expect(selectionQuery(data, after)).toBe('?g=demo_controls:DC&x=demo_controls:DC-2');
    expect(parseSelection(lookup, selectionQuery(data, after)).selection).toEqual(after);
    // Nothing was chosen one by one: the group is the whole selection.
    expect(chosenAlone(lookup, after)).toEqual([]);
    expect(membersOf(lookup, after, { group: [...after.groups][0]! }).map((c) => data.capabilities[c]![1])).toEqual(['DC-01']);
    // Added again by hand, it is back and no longer taken out.
    const again = addCapabilities(after, [dc2]);
    expect(selectionQuery(data, again)).toBe('?g=demo_controls:DC&c=demo_controls:DC-2');
    expect(chosenCapabilities(lookup, again)).toHaveLength(2);
    // Removing the group forgets what was taken out of it.
    expect(selectionQuery(data, removeEntry(lookup, after, { group: [...after.groups][0]! }))).toBe('');
  });

  it('finds capabilities by id in any spelling or by words of their name', () => {
    expect(findCapabilities(data, 'dc1').map((c) => data.capabilities[c]![1])[0]).toBe('DC-01');
    expect(findCapabilities(data, 'firewall').map((c) => data.capabilities[c]![1])).toEqual(['cloud_fw']);
    expect(findCapabilities(data, 'event store').map((c) => data.capabilities[c]![1])).toEqual(['cloud_siem']);
    expect(findCapabilities(data, '   ')).toEqual([]);
  });
});

describe('baselines', () => {
  it('a NIST SP 800-53 baseline selects the controls of the data it names, and covers what they map', async () => {
    const result = await runPipeline([path.join(ROOT, 'data')]);
    const defaults = coverageData(indexModel(result.model!));
    const moderate = defaults.baselines.find((b) => b.id === 'nist_800_53-rev5-moderate');
    expect(moderate).toBeDefined();
    expect(moderate!.controls).toBeGreaterThan(200);
    const ids = moderate!.caps.map((c) => defaults.capabilities[c]![1]);
    expect(ids).toEqual(expect.arrayContaining(['AC-4', 'SC-7', 'SI-4']));
    const defaultLookup = createLookup(defaults);
    const { selection } = parseSelection(defaultLookup, '?b=nist_800_53-rev5-moderate');
    const coverage = computeCoverage(defaults, chosenCapabilities(defaultLookup, selection));
    const enterprise = coverage.domains[0]!;
    const techniques = defaults.domains[enterprise.domain]!.techniques;
    expect([...enterprise.byTechnique.keys()].map((t) => techniques[t]![0])).toEqual(['T1046']);
  });
});

describe('downloads', () => {
  let all: { result: ReturnType<typeof computeCoverage>; enterprise: DomainCoverage };
  beforeAll(() => {
    const { result, enterprise } = coverageOf('?c=demo_controls:DC-1&c=demo_controls:DC-2&c=demo_cloud:cloud_fw&c=demo_cloud:cloud_siem');
    all = { result, enterprise };
  });

  it('the layer is a Navigator 4.5 layer scoring each technique by its number of capabilities', () => {
    const layer = coverageLayer(data, all.result, all.enterprise, 'https://example.org/coverage/?c=x') as {
      versions: unknown;
      domain: string;
      techniques: { techniqueID: string; score: number }[];
      gradient: { maxValue: number };
      links: unknown;
    };
    expect(layer['versions']).toEqual({ attack: '18.1', navigator: '4.9.1', layer: '4.5' });
    expect(layer['domain']).toBe('enterprise-attack');
    const scores = Object.fromEntries(layer['techniques'].map((t) => [t.techniqueID, t.score]));
    expect(scores).toEqual({ T1046: 3, 'T1053.002': 1, 'T1574.001': 1 });
    expect(layer['gradient'].maxValue).toBe(3);
    expect(layer['links']).toEqual([{ label: 'This selection on Mapscope', url: 'https://example.org/coverage/?c=x' }]);
  });

  it('the CSV lists every technique of the matrix once, covered or not, and the retired ones mapped', () => {
    const csv = Papa.parse<Record<string, string>>(coverageCsv(data, all.result), { header: true, skipEmptyLines: true });
    expect(csv.errors).toEqual([]);
    expect(csv.data).toHaveLength(691 + 1);
    const t1046 = csv.data.find((r) => r['attack_object_id'] === 'T1046')!;
    expect(t1046).toMatchObject({ covered: 'yes', capability_count: '3', best_protect: 'significant', best_detect: 'significant', attack_version: '18.1' });
    expect(t1046['capabilities']).toContain('demo_controls: DC-01'.replace('demo_controls', data.frameworks.find((f) => f.id === 'demo_controls')!.name));
    expect(t1046['tactics']).toContain('Discovery');
    expect(csv.data.find((r) => r['attack_object_id'] === 'T1026')).toMatchObject({ covered: 'yes', tactics: '(not in ATT&CK 18.1)' });
    expect(csv.data.filter((r) => r['covered'] === 'no')).toHaveLength(691 - 3);
  });

  it("gives the other formats the CSV's rows, and a STIX bundle each covering capability's link to each technique", () => {
    const table = coverageResult(data, all.result);
    const csv = Papa.parse<string[]>(coverageCsv(data, all.result), { skipEmptyLines: true }).data;
    expect([table.columns, ...table.rows]).toEqual(csv);
    expect(table.relations).toBeUndefined();
    expect(stixFormat.scopes.result.offers(table)).toBe(false);
    const ids = coverageStixIds(index, data);
    expect(ids.domains.map((d) => [d.domain, d.version, d.ids.length])).toEqual(data.domains.map((d) => [d.domain, d.version, d.techniques.length]));
    const withIds = coverageResult(data, all.result, [], ids.domains);
    const t1046 = data.domains[0]!.techniques.findIndex(([id]) => id === 'T1046');
    expect(withIds.relations!.filter((r) => r.techniqueId === 'T1046').map((r) => r.attackPatternId)).toEqual(Array(3).fill(ids.domains[0]!.ids[t1046]));
    expect(ids.domains[0]!.ids[t1046]).toMatch(/^attack-pattern--[0-9a-f-]{36}$/);
    // A technique without a STIX id gives no relationship (and no broken ref).
    const noIds = { ...ids.domains[0]!, ids: ids.domains[0]!.ids.map((id, t) => (t === t1046 ? null : id)) };
    expect(coverageResult(data, all.result, [], [noIds]).relations!.some((r) => r.techniqueId === 'T1046')).toBe(false);
    const bundle = JSON.parse(String(stixFormat.scopes.result.write(withIds))) as StixBundle;
    const schemas = shared('stix2-json-schemas', 'schemas');
    if (schemas) expect(stixProblems(bundle, schemasIn(schemas))).toEqual([]);
    expect(bundle.objects!.filter((o) => o.type === 'relationship')).toHaveLength(withIds.relations!.length);
    expect(JSON.parse(String(stixFormat.scopes.result.write(withIds)))).toEqual(bundle);
    const yaml = parseYaml(String(yamlFormat.scopes.result.write(table))) as { rows: Record<string, string>[] };
    expect(yaml.rows.map((r) => table.columns.map((c) => r[c]))).toEqual(table.rows);
  });
});

describe('packed scores', () => {
  it('keep the best rank of each category', () => {
    const code = packScores({ protect: 3, respond: 1 });
    expect([rankIn(code, 'protect'), rankIn(code, 'detect'), rankIn(code, 'respond')]).toEqual([3, 0, 1]);
    expect(describeScores(code)).toBe('protect significant, respond minimal');
    expect(describeScores(0)).toBe('');
  });
});
