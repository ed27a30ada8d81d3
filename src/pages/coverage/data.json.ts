/** The coverage builder's data: capabilities with their newest sets' mappings, matrices, groups and baselines. */
import { coverageData } from '../../lib/coverage/coverage-data.ts';
import { index } from '../../lib/site/site-model.ts';

export function GET(): Response {
  return new Response(JSON.stringify(coverageData(index)), { headers: { 'Content-Type': 'application/json' } });
}
