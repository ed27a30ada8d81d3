import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gapRows, matrixView, tacticView, techniqueAttackView } from '../../../src/lib/views/attack-views.ts';
import { techniqueView } from '../../../src/lib/views/technique-page.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import type { Model } from '../../../src/lib/model/schema.ts';
import { fixture } from '../../support/paths.ts';

// An invented set mapped to ATT&CK 2.0 of the hand-made bundles (tests/fixtures/attack), built
// with an empty catalog folder and the bundles given, as `npm run build -- --attack PATH` does.
let model: Model;
let index: ModelIndex;

beforeAll(async () => {
  const catalog = await mkdtemp(path.join(tmpdir(), 'mapscope-catalog-'));
  const result = await runPipeline([fixture('attack', 'mappings')], { catalog, attack: [fixture('attack', 'bundles')] });
  expect(result.problems).toEqual([]);
  model = result.model!;
  index = indexModel(model);
});

const setId = 'demo-1_attack-2.0-enterprise';

describe('gaps', () => {
  it("are the active techniques and sub-techniques of the set's version that no mapping names", () => {
    const gaps = gapRows(index, index.sets.get(setId)!)!;
    // T1904 is revoked and T1905 deprecated in 2.0: neither is a gap.
    expect(gaps.map((g) => [g.id, g.name, g.tactics.join('; '), g.isSubtechnique, g.nonMappable])).toEqual([
      ['T1901.002', 'Use the Back Door', 'First Steps', true, false],
      ['T1902', 'Count the Rooms', 'Looking Around', false, true],
      ['T1906', 'New Path', 'Leaving', false, false],
    ]);
  });
});

describe('the matrix', () => {
  it("has the tactics in the matrix's order, every active technique once per tactic, sub-techniques under their parent", () => {
    const matrix = matrixView(index, 'enterprise', '2.0', index.mappingsBySet.get(setId)!)!;
    expect(matrix.columns.map((c) => [c.name, c.cells.map((cell) => cell.id)])).toEqual([
      ['First Steps', ['T1901']],
      ['Looking Around', ['T1902', 'T1903']],
      ['Leaving', ['T1906', 'T1903']],
    ]);
    const t1901 = matrix.columns[0]!.cells[0]!;
    expect(t1901.subtechniques.map((s) => [s.id, s.coverage.capabilities])).toEqual([
      ['T1901.001', 1],
      ['T1901.002', 0],
    ]);
    expect(t1901.coveredSubtechniques).toBe(1);
  });

  it('shades control frameworks by the number of mapped capabilities, and counts what each tactic covers', () => {
    const matrix = matrixView(index, 'enterprise', '2.0', index.mappingsBySet.get(setId)!)!;
    expect(matrix.scored).toBe(false);
    const t1901 = matrix.columns[0]!.cells[0]!;
    expect(t1901.coverage).toMatchObject({ capabilities: 2, shade: 2 });
    expect(matrix.columns.map((c) => [c.covered, c.total])).toEqual([
      [2, 3],
      [1, 2],
      [1, 2],
    ]);
    expect([matrix.covered, matrix.total]).toEqual([3, 6]);
  });

  it('of one capability, covered-only, keeps the covered cells under every tactic, and every count', () => {
    const c1 = index.mappingsBySet.get(setId)!.filter((m) => m.capabilitySpelling === 'C-1' || m.capabilityId.endsWith(':c-1'));
    expect(c1.map((m) => m.techniqueId).sort()).toEqual(['T1901', 'T1901.001']);
    const matrix = matrixView(index, 'enterprise', '2.0', c1, { coveredOnly: true })!;
    expect(matrix.coveredOnly).toBe(true);
    expect(matrix.columns.map((c) => [c.name, c.cells.map((cell) => cell.id), c.covered, c.total])).toEqual([
      ['First Steps', ['T1901'], 2, 3],
      ['Looking Around', [], 0, 2],
      ['Leaving', [], 0, 2],
    ]);
    // Only the covered sub-technique is listed; the summary still counts both.
    const t1901 = matrix.columns[0]!.cells[0]!;
    expect(t1901.subtechniques.map((s) => s.id)).toEqual(['T1901.001']);
    expect([t1901.coveredSubtechniques, t1901.totalSubtechniques]).toEqual([1, 2]);
    expect([matrix.covered, matrix.total]).toEqual([2, 6]);
  });

  it('is there only for versions the catalog has', () => {
    expect(matrixView(index, 'enterprise', '9.9', [])).toBeNull();
  });
});

describe("a technique's ATT&CK facts", () => {
  it('say when it was revoked and by what, and its name in each run of versions', () => {
    const view = techniqueAttackView(index, index.techniques.get('T1904')!);
    expect(view.status).toEqual({ kind: 'revoked', since: '2.0', newest: '2.0', replacement: 'T1903' });
    const renamed = techniqueAttackView(index, index.techniques.get('T1902')!);
    expect(renamed.names).toEqual([
      { name: 'Count Rooms', from: '1.0', to: '1.0' },
      { name: 'Count the Rooms', from: '2.0', to: '2.0' },
    ]);
    expect(renamed.tactics).toEqual([{ id: 'TA0902', name: 'Looking Around', page: true }]);
    expect(renamed.gapIn.map((g) => g.set.id)).toEqual([setId]);
  });

  it("show rows the notes their set's version gives the technique", () => {
    const row = techniqueView(index, 'T1904').tables[0]!.rows[0]!;
    expect(row.techniqueNotes).toEqual([{ kind: 'revoked', text: 'revoked in ATT&CK Enterprise 2.0', replacement: 'T1903' }]);
  });

  it('come with the description of the newest bundle that has the technique, and its version', () => {
    const t1901 = index.techniques.get('T1901')!;
    expect(t1901.description).toBe('Adversaries may knock on doors.(Citation: Door Report)');
    expect(t1901.descriptionVersion).toBe('2.0');
    expect(t1901.citations['Door Report']!.url).toBe('https://reports.example.org/door-report');
    // T1904 is revoked in 2.0: its description is 1.0's, where it was not.
    expect(index.techniques.get('T1904')!.descriptionVersion).toBe('1.0');
  });
});

describe('tactics', () => {
  it('list their active techniques with the capabilities of each framework mapped to them', () => {
    const view = tacticView(index, 'TA0901');
    expect(view.version).toBe('2.0');
    expect(view.frameworks.map((f) => f.id)).toEqual(['demo']);
    expect(view.rows.map((r) => [r.technique.id, r.name, r.counts])).toEqual([
      ['T1901', 'Knock on Doors', [2]],
      ['T1901.001', 'Ring the Bell', [1]],
      ['T1901.002', 'Use the Back Door', [0]],
    ]);
    expect(view.retired.map((r) => r.technique.id)).toEqual(['T1904']);
  });
});

describe('without bundles', () => {
  it('techniques have no description but the one a technique table gives', async () => {
    const result = await runPipeline([path.join(fixture('..', '..'), 'data')]);
    const t1046 = result.model!.techniques.find((t) => t.id === 'T1046')!;
    expect(t1046.descriptionVersion).toBe('8.2');
    expect(t1046.description).toMatch(/^Adversaries may attempt to get a listing of services/);
    expect(result.model!.techniques.find((t) => t.id === 'T1595')!.description).toBeNull();
  });
});
