/** The entity search index: techniques, capabilities, groups, frameworks and sets. */
import { entityIndexJson } from '../../lib/site/search-files.ts';

export function GET(): Response {
  return new Response(entityIndexJson, { headers: { 'Content-Type': 'application/json' } });
}
