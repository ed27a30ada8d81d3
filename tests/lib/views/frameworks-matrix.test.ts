/**
 * The matrix of every framework (/matrix/) on the coverage fixture (tests/fixtures/coverage/README.md):
 * a framework's newest set maps an older ATT&CK version than the matrix's, and the techniques it
 * maps that were revoked since count for their replacement, as in the coverage builder.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { carriedTechniqueId } from '../../../src/lib/views/attack-views.ts';
import { frameworksMatrices, type FrameworksCell, type FrameworksMatrix } from '../../../src/lib/views/frameworks-matrix.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture } from '../../support/paths.ts';

let index: ModelIndex;
let enterprise: FrameworksMatrix;
beforeAll(async () => {
  const result = await runPipeline([fixture('coverage')]);
  expect(result.problems).toEqual([]);
  index = indexModel(result.model!);
  const matrices = frameworksMatrices(index);
  expect(matrices.map((m) => [m.domain, m.version])).toEqual([['enterprise', '18.1']]);
  enterprise = matrices[0]!;
});

const cellOf = (id: string): FrameworksCell | undefined =>
  enterprise.columns.flatMap((c) => c.cells.flatMap((cell) => [cell, ...cell.subtechniques])).find((cell) => cell.id === id);

describe('carriedTechniqueId', () => {
  it('keeps a technique active in the version, follows revoked-by to an active one, and gives null for a deprecated or unknown one', () => {
    expect(carriedTechniqueId(index, 'enterprise', '18.1', 'T1046')).toBe('T1046');
    // T1053.001 is active in 10.1 (what demo_controls maps) and revoked by T1053.002 later.
    expect(carriedTechniqueId(index, 'enterprise', '10.1', 'T1053.001')).toBe('T1053.001');
    expect(carriedTechniqueId(index, 'enterprise', '18.1', 'T1053.001')).toBe('T1053.002');
    expect(carriedTechniqueId(index, 'enterprise', '18.1', 'T1574.002')).toBe('T1574.001');
    expect(carriedTechniqueId(index, 'enterprise', '18.1', 'T1026')).toBeNull();
    expect(carriedTechniqueId(index, 'enterprise', '18.1', 'T9999')).toBeNull();
  });
});

describe('frameworksMatrices', () => {
  it('counts each framework with its newest set, whatever ATT&CK version that set maps', () => {
    expect(enterprise.frameworks.map((f) => [f.framework.id, f.attackVersion])).toEqual(
      expect.arrayContaining([
        ['demo_controls', '10.1'],
        ['demo_cloud', '17.1'],
      ]),
    );
  });

  it("carries a revoked technique's mappings forward to its replacement in the matrix's version", () => {
    // demo_controls (ATT&CK 10.1) maps T1053.001 only; 18.1 revokes it in favour of T1053.002.
    expect(cellOf('T1053.001')).toBeUndefined();
    expect(cellOf('T1053.002')?.counts).toEqual([{ frameworkId: 'demo_controls', capabilities: 1 }]);
    expect(cellOf('T1053.002')?.shade).toBeGreaterThan(0);
    // demo_cloud 2025 maps T1574.002, revoked by T1574.001.
    expect(cellOf('T1574.001')?.counts).toEqual([{ frameworkId: 'demo_cloud', capabilities: 1 }]);
  });

  it('counts the carried techniques as covered, and a deprecated one nowhere', () => {
    const t1046 = cellOf('T1046')!;
    expect(t1046.counts.map((c) => c.frameworkId).sort()).toEqual(['demo_cloud', 'demo_controls']);
    expect(cellOf('T1026')).toBeUndefined();
    expect(enterprise.covered).toBe(3);
  });
});
