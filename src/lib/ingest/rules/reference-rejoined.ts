/**
 * URLs split at a comma: a scheme-less entry following a URL with a #fragment (as in
 * `#:~:text=a,b`) is joined back onto it, when the result is a valid URL.
 */
import type { DataRule } from './data-rule.ts';
import { isHttpUrl } from './reference-not-a-link.ts';

export const referenceRejoined = {
  id: 'reference-rejoined',
  kinds: { 'reference-rejoined': { title: 'URLs split at a comma', expected: 'one URL per reference' } },
} satisfies DataRule;

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The URL `piece` completes, when the entry before it (`previous`, as kept) is one split at a comma; else null. */
export function rejoinedUrl(previous: unknown, piece: string): string | null {
  if (HAS_SCHEME.test(piece) || typeof previous !== 'string' || !isHttpUrl(previous) || !previous.includes('#')) return null;
  const joined = `${previous},${piece}`;
  return isHttpUrl(joined) ? joined : null;
}
