import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentLabels, evaluateRelevance, readRelevanceSet, type RelevanceQuery } from '../../../scripts/bench/relevance.ts';
import { indexModel } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import type { Model } from '../../../src/lib/model/schema.ts';
import { buildSearchDocuments } from '../../../src/lib/search/documents.ts';
import { buildEntityIndex, createSearcher, packComments, type Searcher } from '../../../src/lib/search/searcher.ts';
import { createUrls } from '../../../src/lib/core/urls.ts';
import { corpusModel } from '../../support/corpus.ts';
import { ROOT } from '../../support/paths.ts';

// The relevance set (tests/fixtures/search/relevance.json): queries a security engineer types,
// each with the result meant, decided from the data. The same set gives the bench's figures.
const queries = readRelevanceSet();
const searchers = {} as Record<RelevanceQuery['data'], { searcher: Searcher; labels: Set<string> }>;

beforeAll(async () => {
  const models = { corpus: await corpusModel(), default: (await runPipeline([path.join(ROOT, 'data')])).model! };
  for (const [data, model] of Object.entries(models) as [RelevanceQuery['data'], Model][]) {
    const { entities, comments } = buildSearchDocuments(indexModel(model), createUrls('/'));
    searchers[data] = {
      searcher: createSearcher(JSON.parse(JSON.stringify(buildEntityIndex(entities))), JSON.parse(JSON.stringify(packComments(comments, '/techniques/')))),
      labels: documentLabels(entities, comments),
    };
  }
});

describe('the relevance set', () => {
  it('has at least 60 queries of every sort, each answer a document of its data', () => {
    expect(queries.length).toBeGreaterThanOrEqual(60);
    expect(new Set(queries.map((q) => q.query.toLowerCase())).size).toBeGreaterThanOrEqual(queries.length - 5);
    for (const q of queries) for (const answer of q.answers) expect(searchers[q.data].labels.has(answer), `${q.query}: ${answer}`).toBe(true);
  });

  it('puts the meant result first for at least 95% of queries, in the first three for at least 98%', () => {
    const report = evaluateRelevance(queries, (data, query) => searchers[data].searcher.search(query));
    expect(
      report.misses.filter((m) => m.rank === null || m.rank > 3),
      'queries missing from the first three',
    ).toEqual([]);
    expect(report.top1).toBeGreaterThanOrEqual(0.95);
    expect(report.top3).toBeGreaterThanOrEqual(0.98);
  });
});
