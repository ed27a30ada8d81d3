import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataQualityView } from '../../../src/lib/views/data-quality-page.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture, ROOT } from '../../support/paths.ts';

let warned: ModelIndex;
beforeAll(async () => {
  warned = indexModel((await runPipeline([fixture('warnings')])).model!);
});

const M365 = 'm365-12.11.2023_attack-14.1-enterprise';

describe('data-quality view', () => {
  it('lists every warning by set and kind', () => {
    const view = dataQualityView(warned);
    expect(view.total).toBe(warned.model.warnings.reduce((n, w) => n + w.occurrences.length, 0));
    const places = view.sets.flatMap((s) => s.kinds.flatMap((k) => k.warnings.flatMap((w) => w.places)));
    expect(places).toHaveLength(view.total);
    expect(view.kindCounts.reduce((n, k) => n + k.count, 0)).toBe(view.total);
    const m365 = view.sets.find((s) => s.set.id === M365)!;
    expect(m365.kinds.map((k) => k.kind)).toEqual([
      'reference-trimmed',
      'reference-split',
      'reference-rejoined',
      'reference-dropped',
      'reference-unwrapped',
      'reference-not-a-link',
      'score-missing',
      'description-varies',
      'technique-unknown',
      'technique-revoked',
      'technique-deprecated',
      'stix-id-missing',
    ]);
    expect(m365.count).toBe(warned.warningCount(M365));
  });

  it('links a place to the row it became, and keeps where it was read as read', () => {
    const m365 = dataQualityView(warned).sets.find((s) => s.set.id === M365)!;
    const file = path.relative(ROOT, fixture('warnings', `${M365}.json`));
    expect(m365.files).toEqual([file]);
    const missing = m365.kinds.find((k) => k.kind === 'score-missing')!.warnings[0]!;
    expect(missing.capability!.id).toBe('m365:def-ap-e3');
    expect(missing.places[0]!.row).toEqual({ page: 'technique', id: 'T1534', anchor: expect.stringMatching(/^def-ap-e3-t1534-/) });
    expect(missing.places[0]!.location).toEqual({ file, pointer: expect.stringMatching(/^\/mapping_objects\/\d+$/) });
  });

  it("links a non-mappable entry's warning to its set page, and a CSV row's place to its line", () => {
    const view = dataQualityView(warned);
    const veris = view.sets.find((s) => s.set.id === 'veris-1.4.0_attack-16.1-mobile')!;
    const differs = veris.kinds.find((k) => k.kind === 'set-field-differs')!.warnings[0]!.places[0]!;
    expect(differs.row).toEqual({ page: 'set', id: 'veris-1.4.0_attack-16.1-mobile', anchor: expect.stringMatching(/^n[0-9a-f]+$/) });
    expect(warned.model.nonMappables.some((n) => n.id === differs.row!.anchor)).toBe(true);
    const kev = view.sets.find((s) => s.set.id === 'kev-07.28.2025_attack-16.1-mobile')!;
    expect(kev.files).toEqual(['tests/fixtures/warnings/exports/kev-07.28.2025_attack-16.1-mobile.csv']);
    expect(kev.kinds.flatMap((k) => k.warnings.flatMap((w) => w.places.map((p) => p.location)))).toContainEqual({ file: kev.files[0], line: 3 });
    // A warning about a whole set (its metadata) links to no row.
    const unknown = view.sets.find((s) => s.set.id === 'nist_800_53-1_attack-13.0-enterprise')!.kinds.find((k) => k.kind === 'attack-version-unknown')!;
    expect(unknown.warnings[0]!.places[0]).toMatchObject({ location: { pointer: '/metadata' }, technique: null, row: null });
  });
});
