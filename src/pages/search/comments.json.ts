/** The mapping-note search index, fetched after the entity index. */
import { commentIndexJson } from '../../lib/site/search-files.ts';

export function GET(): Response {
  return new Response(commentIndexJson, { headers: { 'Content-Type': 'application/json' } });
}
