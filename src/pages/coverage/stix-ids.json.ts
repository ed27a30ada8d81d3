/** The STIX ids of the coverage builder's techniques, fetched only for a STIX bundle of a result. */
import { coverageStixIds } from '../../lib/coverage/coverage-data.ts';
import { index } from '../../lib/site/site-model.ts';

export function GET(): Response {
  return new Response(JSON.stringify(coverageStixIds(index)), { headers: { 'Content-Type': 'application/json' } });
}
