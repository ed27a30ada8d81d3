/** The set filter's stylesheet: while #set-<id> is the target, rows and sections of other sets hide. */
import { setFilterCss } from '../lib/site/set-filter-css.ts';
import { index } from '../lib/site/site-model.ts';

export function GET(): Response {
  return new Response(setFilterCss(index.setTokens), { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
}
