import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/corpus/generate.ts';
import { writeCorpus } from '../../scripts/generate-corpus.ts';
import { runPipeline } from '../../src/lib/ingest/pipeline.ts';
import type { Model } from '../../src/lib/model/schema.ts';

// The full-size synthetic corpus must load, and be shaped like the public one.
let corpus: ReturnType<typeof generateCorpus>;
let model: Model;

beforeAll(async () => {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'mapscope-corpus-')), 'corpus');
  corpus = await writeCorpus(dir);
  const result = await runPipeline([dir]);
  expect(result.problems).toEqual([]);
  model = result.model!;
});

describe('the synthetic corpus', () => {
  it('has 33 sets over 10 frameworks and 67,000 mapping objects, sets from 8 to 5,400', () => {
    expect(corpus.sets).toHaveLength(33);
    expect(model.sets).toHaveLength(33);
    expect(model.frameworks).toHaveLength(10);
    const sizes = corpus.sets.map((s) => s.objects);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(67_000);
    expect(Math.min(...sizes)).toBe(8);
    expect(Math.max(...sizes)).toBe(5_400);
  });

  it('loads with every object accounted for', () => {
    const accounted = model.mappings.length + model.nonMappables.length + model.duplicates.length;
    expect(accounted).toBe(67_000);
    expect(model.duplicates.length).toBe(corpus.sets.reduce((n, s) => n + s.duplicates, 0));
    expect(model.nonMappables.length).toBe(corpus.sets.reduce((n, s) => n + s.nonMappable, 0));
  });

  it('has ~15% of objects with comments of ~430 characters', () => {
    const withComments = corpus.sets.reduce((n, s) => n + s.withComments, 0) / 67_000;
    expect(withComments).toBeGreaterThan(0.13);
    expect(withComments).toBeLessThan(0.18);
    const comments = model.mappings.filter((m) => m.comments).map((m) => m.comments!.length);
    const mean = comments.reduce((a, b) => a + b, 0) / comments.length;
    expect(mean).toBeGreaterThan(380);
    expect(mean).toBeLessThan(480);
  });

  it('has the irregular shapes: padded ids, both non-mappable shapes, sub-techniques', () => {
    expect(model.capabilities.find((c) => c.id === 'nist_800_53:ac-4')!.spellings).toEqual(['AC-04', 'AC-4']);
    // Ids with a trailing space are in the files, and land on the same capability as the others.
    const spaced = corpus.files.flatMap((f) => [...f.content.matchAll(/"capability_id": "([A-Z]{2}-\d+(?:\(\d+\))?) "/g)].map((m) => m[1]!));
    expect(spaced.length).toBeGreaterThan(20);
    const nist = model.capabilities.filter((c) => c.frameworkId === 'nist_800_53');
    for (const id of spaced) expect(nist.filter((c) => c.spellings.includes(id))).toHaveLength(1);
    expect(nist.every((c) => c.spellings.every((s) => s === s.trim()))).toBe(true);
    expect(model.nonMappables.some((n) => n.capabilityId === null)).toBe(true);
    expect(model.nonMappables.some((n) => n.techniqueId === null)).toBe(true);
    expect(model.techniques.filter((t) => t.parentId).length).toBeGreaterThan(150);
    expect(model.mappings.filter((m) => m.capabilityId === 'nist_800_53:ac-4' && m.techniqueId === 'T1046')).toHaveLength(11);
  });

  it('is as messy as the published files, at about their rates', () => {
    const count = (kind: string) => model.warnings.filter((w) => w.kind === kind).reduce((n, w) => n + w.occurrences.length, 0);
    // The published files: 291 reference repairs, 7 rows without a score, 80 rows describing a control otherwise.
    const references = ['reference-trimmed', 'reference-split', 'reference-rejoined', 'reference-dropped', 'reference-unwrapped', 'reference-not-a-link'];
    for (const kind of [...references, 'score-missing', 'description-varies', 'attack-version-inferred']) expect(count(kind), kind).toBeGreaterThan(0);
    const repairs = references.reduce((n, k) => n + count(k), 0);
    expect(repairs).toBeGreaterThan(200);
    expect(repairs).toBeLessThan(450);
    expect(count('score-missing')).toBe(7);
    expect(count('description-varies')).toBeGreaterThan(50);
    expect(count('description-varies')).toBeLessThan(120);
    // Every row names a real technique of its set's ATT&CK version, but for the published files'
    // three: a mobile technique in NIST rev5 @ 16.1, a revoked one in the AWS and Azure 16.1 files.
    expect(count('technique-unknown')).toBe(1);
    expect(count('technique-revoked')).toBe(2);
    expect(count('technique-deprecated')).toBe(0);
    // rev4 titles some controls otherwise than rev5; older NIST sets say "Protects", 16.1 "mitigates".
    const retitled = model.capabilities.filter((c) => {
      const titles = new Set(
        Object.entries(c.sets)
          .filter(([id]) => id.startsWith('nist_800_53-rev'))
          .map(([, e]) => e.description),
      );
      return titles.size > 1;
    });
    expect(retitled.length).toBeGreaterThanOrEqual(20);
    expect(model.sets.find((s) => s.id === 'nist_800_53-rev4_attack-8.2-enterprise')!.mappingTypes.map((t) => t.name)).toEqual(['Protects']);
    expect(model.sets.find((s) => s.id === 'nist_800_53-rev5_attack-16.1-enterprise')!.mappingTypes.map((t) => t.name)).toEqual(['mitigates']);
    // An object that differs from another only by its id's case and its description is kept.
    expect(model.mappings.filter((m) => m.setId === 'veris-1.4.0_attack-16.1-enterprise' && m.capabilitySpelling !== undefined).length).toBeGreaterThan(0);
    expect(model.nonMappables.filter((n) => n.references.length > 0).length).toBeGreaterThanOrEqual(10);
  });

  it('is deterministic', () => {
    const again = generateCorpus();
    expect(again.files.map((f) => f.content)).toEqual(corpus.files.map((f) => f.content));
  });
});
