/**
 * Search benchmark: ~20 realistic queries against the full-size corpus, in Node, with the same
 * searcher the browser's worker runs; MiniSearch over the same documents as a reference point.
 */
import { gzipSync } from 'node:zlib';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { indexModel } from '../../src/lib/model-index.ts';
import type { Model } from '../../src/lib/schema.ts';
import { buildSearchDocuments } from '../../src/lib/search/documents.ts';
import { buildEntityIndex, createSearcher, packComments } from '../../src/lib/search/searcher.ts';
import { createUrls } from '../../src/lib/urls.ts';
import { summarize, type Timing } from './stats.ts';

export const BENCH_QUERIES = [
  'AC-4', 'ac-04', 'AC4', 'T1046', 't1059.001', 'SC-7',
  'boundry protection', 'acess enforcment', 'sentinel', 'guardduty', 'GuardDuty finding types',
  '30 or more ports used within a 10 minute window', 'powershell', 'valid accounts', 'network service discovery',
  'brute force', 'ransomware', 'CVE-2021', 'cloud accounts', 'multi-factor authentication', 'exfiltration over web service',
];

export interface SearchBench {
  perQuery: { query: string; fuse: Timing; miniSearch: Timing; plainFuse: Timing; results: number }[];
  overall: { fuse: Timing; miniSearch: Timing; plainFuse: Timing };
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
    fuse: timeQuery(() => searcher.search(query), runs),
    miniSearch: timeQuery(() => mini.search(query, miniOptions), runs),
    plainFuse: timeQuery(() => plain.search(query, { limit: 50 }), Math.max(5, runs / 4)),
    results: searcher.search(query).length,
  }));
  const all = (pick: (q: (typeof perQuery)[number]) => Timing) => summarize(perQuery.map((q) => pick(q).p95));
  return {
    perQuery,
    overall: { fuse: all((q) => q.fuse), miniSearch: all((q) => q.miniSearch), plainFuse: all((q) => q.plainFuse) },
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
