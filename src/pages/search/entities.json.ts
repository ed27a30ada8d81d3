/** The entity search index: techniques, capabilities, groups, frameworks and sets. */
import { entityIndexJson } from '../../site/search.ts';

export function GET(): Response {
  return new Response(entityIndexJson, { headers: { 'Content-Type': 'application/json' } });
}
