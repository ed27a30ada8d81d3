/** The mapping-note search index, fetched after the entity index. */
import { commentIndexJson } from '../../site/search.ts';

export function GET(): Response {
  return new Response(commentIndexJson, { headers: { 'Content-Type': 'application/json' } });
}
