/**
 * The _headers file (security headers for static hosts that read one: Netlify, Cloudflare
 * Pages). A dynamic route, because Astro skips page files whose names start with "_".
 */
import { headersFile } from '../lib/site/security-policy.ts';

export function getStaticPaths() {
  return [{ params: { headers: '_headers' } }];
}

export function GET(): Response {
  return new Response(headersFile(import.meta.env.BASE_URL), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
