/** The synthetic full-size corpus (scripts/generate-corpus.ts) read by the pipeline: made once per test run (run-cache.ts). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeCorpus } from '../../scripts/generate-corpus.ts';
import { formatProblems } from '../../src/lib/ingest/problems.ts';
import { runPipeline } from '../../src/lib/ingest/pipeline.ts';
import { writeModel } from '../../src/lib/model/model-store.ts';
import type { Model } from '../../src/lib/model/schema.ts';
import { madeOnce } from './run-cache.ts';

/** The corpus's model, as the pipeline gives it (through JSON, as the site reads it). */
export async function corpusModel(): Promise<Model> {
  const made = await madeOnce('corpus', async (folder) => {
    const corpus = path.join(folder, 'corpus');
    await writeCorpus(corpus);
    const { model, problems } = await runPipeline([corpus]);
    if (!model) throw new Error(`The corpus did not load:\n${formatProblems(problems)}`);
    return { model: await writeModel(path.join(folder, 'generated'), model) };
  });
  return JSON.parse(await readFile(made.model, 'utf8')) as Model;
}
