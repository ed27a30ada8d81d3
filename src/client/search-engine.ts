/**
 * Loads the index files and answers queries: the code the search worker runs (and the page
 * runs itself where workers are unavailable). The entity index comes first; the mapping notes
 * follow, and results say whether they were included.
 */
import { createSearcher, type CommentIndexFile, type EntityIndexFile, type Searcher } from '../lib/search/searcher.ts';
import type { FromWorker, ToWorker } from './search-protocol.ts';

export function createEngine(post: (message: FromWorker) => void): (message: ToWorker) => void {
  let searcher: Searcher | null = null;
  let pending: Extract<ToWorker, { type: 'search' }> | null = null;

  const answer = (message: Extract<ToWorker, { type: 'search' }>) => {
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
      const entities = (await (await fetch(entitiesUrl)).json()) as EntityIndexFile;
      searcher = createSearcher(entities);
      post({ type: 'ready', stage: 'entities' });
      if (pending) answer(pending);
      const comments = (await (await fetch(commentsUrl)).json()) as CommentIndexFile;
      searcher.addComments(comments);
      post({ type: 'ready', stage: 'comments' });
    } catch (error) {
      post({ type: 'error', message: `The search index could not be loaded (${(error as Error).message}).` });
    }
  }

  return (message) => {
    if (message.type === 'init') void load(message.entities, message.comments);
    else if (searcher) answer(message);
    else pending = message;
  };
}
