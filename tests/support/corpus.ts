/**
 * The synthetic full-size corpus (scripts/generate-corpus.ts) read by the pipeline, made once per
 * worker: the unit tests share their modules within a worker (vitest.config.ts), so the test files
 * a worker runs share it, and two workers make it side by side rather than one waiting for the other.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeCorpus } from '../../scripts/generate-corpus.ts';
import { formatProblems } from '../../src/lib/ingest/problems.ts';
import { runPipeline } from '../../src/lib/ingest/pipeline.ts';
import type { Model } from '../../src/lib/model/schema.ts';

let made: Promise<Model> | undefined;

/** The corpus's model, as the pipeline gives it (the same object for every caller: do not change it). */
export function corpusModel(): Promise<Model> {
  made ??= (async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'mapscope-corpus-'));
    try {
      const corpus = path.join(work, 'corpus');
      await writeCorpus(corpus);
      const { model, problems } = await runPipeline([corpus]);
      if (!model) throw new Error(`The corpus did not load:\n${formatProblems(problems)}`);
      return model;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  })();
  return made;
}
