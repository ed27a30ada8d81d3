/**
 * Search relevance on a set of queries whose right results were decided from the data
 * (tests/fixtures/search/relevance.json): top-1, top-3 and mean reciprocal rank. Used by the
 * tests (targets) and by npm run bench (figures, next to the previous ranking's).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CommentDoc, EntityDoc } from '../../src/lib/search/documents.ts';
import type { SearchHit } from '../../src/lib/search/searcher.ts';

export interface RelevanceQuery {
  /** Which searcher: the full-size synthetic corpus or the default data. */
  data: 'corpus' | 'default';
  query: string;
  /** Right first results (any of them). */
  answers: string[];
  why: string;
}

export const RELEVANCE_FILE = path.resolve(import.meta.dirname, '../../tests/fixtures/search/relevance.json');

export function readRelevanceSet(file = RELEVANCE_FILE): RelevanceQuery[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { queries: RelevanceQuery[] }).queries;
}

/** A result as the set names it: kind:id, frameworks and sets by name, notes as comment:capability>technique. */
export function hitLabel(hit: Pick<SearchHit, 'kind' | 'id' | 'name' | 'url'>): string {
  if (hit.kind === 'comment') return `comment:${hit.id}>${/\/techniques\/([^/]+)\//.exec(hit.url)?.[1] ?? '?'}`;
  return `${hit.kind}:${hit.id || hit.name}`;
}

/** Labels of every document a searcher was built from (an answer must be one of them). */
export function documentLabels(entities: readonly EntityDoc[], comments: readonly CommentDoc[]): Set<string> {
  return new Set([
    ...entities.map((e) => hitLabel(e)),
    ...entities.flatMap((e) => (e.variants ?? []).map((v) => `${e.kind}:${v.id}`)),
    ...comments.map((c) => `comment:${c.capability}>${c.technique}`),
  ]);
}

export interface RelevanceReport {
  queries: number;
  top1: number;
  top3: number;
  mrr: number;
  /** Queries whose first result is not a right one, with the first three results. */
  misses: { query: string; answers: string[]; rank: number | null; got: string[] }[];
}

/** Evaluate a search function (query -> ranked hits) per data set. */
export function evaluateRelevance(queries: readonly RelevanceQuery[], search: (data: RelevanceQuery['data'], query: string) => SearchHit[]): RelevanceReport {
  let top1 = 0;
  let top3 = 0;
  let reciprocal = 0;
  const misses: RelevanceReport['misses'] = [];
  for (const q of queries) {
    const hits = search(q.data, q.query);
    const labels = hits.map(hitLabel);
    // A result standing for an entry under several groups answers for each of them.
    const index = hits.findIndex((h) => [hitLabel(h), ...(h.variants ?? []).map((v) => `${h.kind}:${v.id}`)].some((l) => q.answers.includes(l)));
    const rank = index >= 0 ? index + 1 : null;
    if (rank === 1) top1++;
    if (rank !== null && rank <= 3) top3++;
    if (rank !== null) reciprocal += 1 / rank;
    if (rank !== 1) misses.push({ query: q.query, answers: q.answers, rank, got: labels.slice(0, 3) });
  }
  const n = queries.length;
  return { queries: n, top1: top1 / n, top3: top3 / n, mrr: reciprocal / n, misses };
}
