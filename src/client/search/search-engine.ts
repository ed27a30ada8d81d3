/**
 * Loads the index files and answers queries: the code the search worker runs (and the page
 * runs itself where a worker cannot). The entity index comes first; the mapping notes follow,
 * and results say whether they were included.
 */
import { createSearcher, type CommentIndexFile, type EntityIndexFile, type Searcher } from '../../lib/search/searcher.ts';
import type { FromWorker, ToWorker } from './search-protocol.ts';

type SearchMessage = Extract<ToWorker, { type: 'search' }>;

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.split('?')[0]}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export function createEngine(post: (message: FromWorker) => void): (message: ToWorker) => void {
  let searcher: Searcher | null = null;
  let failed = false;
  // Queries asked before the index arrived, answered once it has.
  const pending: SearchMessage[] = [];

  const answer = (message: SearchMessage) => {
    post({
      type: 'results',
      id: message.id,
      query: message.query,
      hits: searcher!.search(message.query, message.options),
      complete: searcher!.hasComments,
    });
  };

  async function load(entitiesUrl: string, commentsUrl: string): Promise<void> {
    try {
      searcher = createSearcher(await fetchJson<EntityIndexFile>(entitiesUrl));
    } catch (error) {
      failed = true;
      post({ type: 'error', stage: 'entities', message: `Search is unavailable: its index could not be loaded (${(error as Error).message}).` });
      return;
    }
    post({ type: 'ready', stage: 'entities' });
    for (const message of pending.splice(0)) answer(message);
    try {
      searcher.addComments(await fetchJson<CommentIndexFile>(commentsUrl));
      post({ type: 'ready', stage: 'comments' });
    } catch (error) {
      post({ type: 'error', stage: 'comments', message: `Mapping notes are not searched: their index could not be loaded (${(error as Error).message}).` });
    }
  }

  return (message) => {
    if (message.type === 'init') void load(message.entities, message.comments);
    else if (searcher) answer(message);
    else if (!failed) pending.push(message);
  };
}
