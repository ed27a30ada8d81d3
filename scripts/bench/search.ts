/**
 * Search benchmark: ~25 realistic queries against the full-size corpus, in Node, with the same
 * searcher the browser's worker runs; MiniSearch over the same documents as a reference point;
 * and the relevance set (top-1, top-3, MRR) next to the previous ranking's figures.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { indexModel } from '../../src/lib/model/model-index.ts';
import type { Model } from '../../src/lib/model/schema.ts';
import { buildSearchDocuments } from '../../src/lib/search/documents.ts';
import { buildEntityIndex, createSearcher, packComments, type Searcher } from '../../src/lib/search/searcher.ts';
import { evaluateRelevance, readRelevanceSet, type RelevanceReport } from './relevance.ts';
import { createUrls } from '../../src/lib/core/urls.ts';
import { summarize, type Timing } from './stats.ts';

export const BENCH_QUERIES = [
  'AC-4',
  'ac-04',
  'AC4',
  'T1046',
  't1059.001',
  'SC-7',
  'boundry protection',
  'acess enforcment',
  'sentinel',
  'guardduty',
  'GuardDuty finding types',
  '30 or more ports used within a 10 minute window',
  'powershell',
  'valid accounts',
  'network service discovery',
  'brute force',
  'ransomware',
  'CVE-2021',
  'cloud accounts',
  'multi-factor authentication',
  'exfiltration over web service',
  'phishing',
  'lateral movement',
  'pass the hash',
  'bruteforce',
  'mfa',
  'encryption',
  'patching',
];

export interface SearchBench {
  perQuery: { query: string; searcher: Timing; miniSearch: Timing; plainFuse: Timing; results: number }[];
  overall: { searcher: Timing; miniSearch: Timing; plainFuse: Timing };
  sizes: { entitiesRaw: number; entitiesGzip: number; commentsRaw: number; commentsGzip: number; entityDocs: number; commentDocs: number };
  loadMs: number;
}

function timeQuery(fn: () => unknown, runs: number): Timing {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/** The searcher the browser gets for a model (its index files through JSON). */
function searcherOf(model: Model): Searcher {
  const { entities, comments } = buildSearchDocuments(indexModel(model), createUrls('/'));
  return createSearcher(JSON.parse(JSON.stringify(buildEntityIndex(entities))), JSON.parse(JSON.stringify(packComments(comments, '/techniques/'))));
}

export const RELEVANCE_BASELINE = JSON.parse(readFileSync(path.join(import.meta.dirname, 'relevance-baseline.json'), 'utf8')) as {
  commit: string;
  top1: number;
  top3: number;
  mrr: number;
  queries: number;
};

/** The relevance set on the full-size corpus and the default data. */
export function benchRelevance(corpus: Model, defaults: Model): RelevanceReport {
  const searchers = { corpus: searcherOf(corpus), default: searcherOf(defaults) };
  return evaluateRelevance(readRelevanceSet(), (data, query) => searchers[data].search(query));
}

export function benchSearch(model: Model, runs = 30): SearchBench {
  const { entities, comments } = buildSearchDocuments(indexModel(model), createUrls('/'));
  const entityJson = JSON.stringify(buildEntityIndex(entities));
  const commentJson = JSON.stringify(packComments(comments, '/techniques/'));
  const loadStart = performance.now();
  const searcher = createSearcher(JSON.parse(entityJson), JSON.parse(commentJson));
  const loadMs = performance.now() - loadStart;

  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
  mini.addAll([
    ...entities.map((e, i) => ({ id: i, text: `${e.id} ${e.name} ${e.aliases.join(' ')} ${e.context}` })),
    ...comments.map((c, i) => ({ id: entities.length + i, text: `${c.title} ${c.text}` })),
  ]);
  const miniOptions = { prefix: true, fuzzy: 0.2 };
  // The starting point the issue measured: fuse.js over every entity document, no narrowing.
  const plain = new Fuse(entities, { keys: ['id', 'name', 'aliases', 'context'], includeScore: true, ignoreLocation: true });

  const perQuery = BENCH_QUERIES.map((query) => ({
    query,
    searcher: timeQuery(() => searcher.search(query), runs),
    miniSearch: timeQuery(() => mini.search(query, miniOptions), runs),
    plainFuse: timeQuery(() => plain.search(query, { limit: 50 }), Math.max(5, runs / 4)),
    results: searcher.search(query).length,
  }));
  const all = (pick: (q: (typeof perQuery)[number]) => Timing) => summarize(perQuery.map((q) => pick(q).p95));
  return {
    perQuery,
    overall: { searcher: all((q) => q.searcher), miniSearch: all((q) => q.miniSearch), plainFuse: all((q) => q.plainFuse) },
    sizes: {
      entitiesRaw: Buffer.byteLength(entityJson),
      entitiesGzip: gzipSync(entityJson).length,
      commentsRaw: Buffer.byteLength(commentJson),
      commentsGzip: gzipSync(commentJson).length,
      entityDocs: entities.length,
      commentDocs: comments.length,
    },
    loadMs,
  };
}
