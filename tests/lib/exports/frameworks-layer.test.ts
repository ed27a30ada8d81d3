/**
 * The Navigator layer of /matrix/ (one per domain) on the coverage fixture
 * (tests/fixtures/coverage/README.md): valid layer format 4.5, each technique scored by how many
 * frameworks cover it, the comment saying how many capabilities each, revoked techniques counted
 * for their replacement as on the page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { frameworksLayer } from '../../../src/lib/exports/frameworks-layer.ts';
import { frameworksMatrices } from '../../../src/lib/views/frameworks-matrix.ts';
import { indexModel } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture } from '../../support/paths.ts';
import { layerProblems } from '../../support/navigator-layer-format.ts';

interface LayerTechnique {
  techniqueID: string;
  score?: number;
  comment?: string;
  metadata?: { name: string; value: string }[];
  links?: { label: string; url: string }[];
  showSubtechniques?: boolean;
}
interface Layer {
  versions: { attack: string; layer: string };
  domain: string;
  description: string;
  techniques: LayerTechnique[];
  gradient: { minValue: number; maxValue: number };
  legendItems: { label: string; color: string }[];
  links: { label: string; url: string }[];
}

let layer: Layer;
const byId = (id: string) => layer.techniques.find((t) => t.techniqueID === id);
beforeAll(async () => {
  const result = await runPipeline([fixture('coverage')]);
  expect(result.problems).toEqual([]);
  const [enterprise] = frameworksMatrices(indexModel(result.model!));
  layer = frameworksLayer(enterprise!, {
    matrix: 'https://mapscope.example/matrix/',
    technique: (id) => `https://mapscope.example/techniques/${id}/`,
  }) as Layer;
});

describe('frameworksLayer', () => {
  it('is a Navigator layer (format 4.5) of the domain in the matrix version', () => {
    expect(layerProblems(layer)).toEqual([]);
    expect(layer.versions).toMatchObject({ attack: '18.1', layer: '4.5' });
    expect(layer.domain).toBe('enterprise-attack');
    expect(layer.description).toContain('3 of ');
    expect(layer.links).toEqual([{ label: 'The matrix of every framework on Mapscope', url: 'https://mapscope.example/matrix/' }]);
  });

  it('scores each covered technique by the number of frameworks, saying per framework how many capabilities', () => {
    const t1046 = byId('T1046')!;
    expect(t1046.score).toBe(2);
    expect(t1046.metadata!.map((m) => m.value)).toEqual(['2 capabilities', '2 capabilities']);
    expect(t1046.comment).toMatch(/^Covered by 2 frameworks: .+ \(2 capabilities\); .+ \(2 capabilities\)$/);
    expect(t1046.links).toEqual([{ label: 'T1046 on Mapscope', url: 'https://mapscope.example/techniques/T1046/' }]);
    expect(layer.techniques.filter((t) => t.score !== undefined).map((t) => t.techniqueID)).toEqual(['T1046', 'T1053.002', 'T1574.001']);
  });

  it('counts a revoked technique for its replacement, and expands the parents of covered sub-techniques', () => {
    expect(byId('T1053.001')).toBeUndefined();
    expect(byId('T1053.002')).toMatchObject({ score: 1, metadata: [{ value: '1 capability' }] });
    expect(byId('T1053')).toMatchObject({ showSubtechniques: true, comment: 'Sub-techniques covered: T1053.002' });
    expect(byId('T1053')!.score).toBeUndefined();
  });

  it('has a gradient over the number of frameworks and a legend of the scores it uses', () => {
    expect(layer.gradient).toMatchObject({ minValue: 0, maxValue: 2 });
    expect(layer.legendItems.map((l) => l.label)).toEqual(['1 framework', '2 frameworks']);
  });
});
