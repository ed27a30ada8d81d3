/** Messages between the search UI and the search worker. */
import type { SearchHit, SearchOptions } from '../../lib/search/searcher.ts';

export type ToWorker = { type: 'init'; entities: string; comments: string } | { type: 'search'; id: number; query: string; options: SearchOptions };

export type FromWorker =
  | { type: 'ready'; stage: 'entities' | 'comments' }
  | { type: 'results'; id: number; query: string; hits: SearchHit[]; complete: boolean }
  /** The entity index failing means no search; the notes failing means results without notes. */
  | { type: 'error'; stage: 'entities' | 'comments'; message: string };
