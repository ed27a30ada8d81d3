/**
 * npm run bench [-- --only pipeline,...] [--runs N]
 * Benchmarks on the synthetic full-size corpus (generated first, deterministically), printing one
 * line per figure: median and p95 over repeated runs, with a reference measured in the same run,
 * and the target. Results are also written to bench-results/latest.json.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { listInputFiles } from '../src/lib/read-inputs.ts';
import { runPipeline } from '../src/lib/pipeline.ts';
import { writeCorpus } from './generate-corpus.ts';
import { seconds, time } from './bench/stats.ts';

const { values } = parseArgs({ options: { only: { type: 'string' }, runs: { type: 'string' } } });
const only = values.only ? new Set(values.only.split(',')) : null;
const runs = Number(values.runs ?? 7);
const CORPUS = path.resolve('generated/corpus');
const results: Record<string, unknown> = {};

function report(name: string, line: string, data: unknown): void {
  console.log(`${name}: ${line}`);
  results[name] = data;
}

const corpus = await writeCorpus(CORPUS);
const objects = corpus.sets.reduce((n, s) => n + s.objects, 0);
console.log(`corpus: ${corpus.sets.length} sets, ${objects} mapping objects in ${corpus.files.length} files (${CORPUS})`);

if (!only || only.has('pipeline')) {
  const { files } = await listInputFiles([CORPUS]);
  // Reference: only decoding and parsing the same files (JSON.parse, papaparse), no validation.
  const reference = await time(async () => {
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (file.endsWith('.json')) JSON.parse(text);
      else Papa.parse(text, { header: true });
    }
  }, runs);
  let mappings = 0;
  const pipeline = await time(async () => {
    const result = await runPipeline([CORPUS]);
    if (!result.model) throw new Error('the corpus did not load');
    mappings = result.model.mappings.length;
  }, runs);
  const rate = Math.round(objects / (pipeline.median / 1000));
  const verdict = pipeline.median < 2000 ? 'PASS' : 'FAIL';
  report(
    'pipeline.read_normalize_validate',
    `median ${seconds(pipeline.median)}, p95 ${seconds(pipeline.p95)} over ${pipeline.runs} runs; ${objects} objects -> ${mappings} mappings; ${rate.toLocaleString('en')} objects/s; target < 2 s: ${verdict}`,
    { ...pipeline, objects, mappings, objectsPerSecond: rate, verdict },
  );
  report(
    'pipeline.reference_parse_only',
    `median ${seconds(reference.median)}, p95 ${seconds(reference.p95)} (JSON.parse + papaparse of the same files; the pipeline takes ${(pipeline.median / reference.median).toFixed(1)}x)`,
    reference,
  );
}

await mkdir('bench-results', { recursive: true });
await writeFile('bench-results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
