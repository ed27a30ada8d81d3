/**
 * The site's security policy, in one place: the Content-Security-Policy every page carries
 * (as a meta tag), and the headers for static hosts that read a _headers file (Netlify,
 * Cloudflare Pages). Only the site's own origin may serve anything; no inline script, no eval.
 */

const DIRECTIVES: readonly [string, string][] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self'"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
];

/** The policy for the meta tag (frame-ancestors has no effect there, so it is left to the header). */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/** The headers every response of the site carries, on any host that lets us set them. */
export const SECURITY_HEADERS: readonly [string, string][] = [
  ['Content-Security-Policy', `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
];

/**
 * Astro's bundled assets (scripts, styles) carry a content hash in their names: a new build
 * gives new names, so browsers may keep them for a year without asking again.
 */
export const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';

/**
 * The header that lets another origin's page read the download files: ATT&CK Navigator's
 * `#layerURL=` fetches a layer from the reader's browser. The files are public, so any origin
 * may read them; the whole folder gets it (host rules match path prefixes more portably than
 * suffixes, and a CSV is as public as a layer).
 */
export const DOWNLOADS_CORS: readonly [string, string] = ['Access-Control-Allow-Origin', '*'];

/** The _headers file for a site served under `base` ("/" or "/mapscope/"). */
export function headersFile(base = '/'): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return [
    `${prefix}*`,
    ...SECURITY_HEADERS.map(([name, value]) => `  ${name}: ${value}`),
    `${prefix}_astro/*`,
    `  Cache-Control: ${HASHED_ASSET_CACHE}`,
    `${prefix}downloads/*`,
    `  ${DOWNLOADS_CORS[0]}: ${DOWNLOADS_CORS[1]}`,
    '',
  ].join('\n');
}
