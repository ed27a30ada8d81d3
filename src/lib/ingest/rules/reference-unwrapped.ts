/** URLs wrapped in a viewer's address (chrome-extension://<id>/https://…): unwrapped, only when the embedded part is itself a valid https URL. */
import type { DataRule } from './data-rule.ts';
import { isHttpUrl } from './reference-not-a-link.ts';

export const referenceUnwrapped = {
  id: 'reference-unwrapped',
  kinds: { 'reference-unwrapped': { title: 'URLs wrapped in a viewer address', expected: 'an http(s) URL' } },
} satisfies DataRule;

/** A URL inside another, as a browser's PDF viewer writes it: chrome-extension://<id>/https://… */
const WRAPPED_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/\s]+\/(https:\/\/.+)$/i;

/** The https URL a piece wraps, or null. */
export function unwrappedUrl(piece: string): string | null {
  const wrapped = WRAPPED_URL.exec(piece)?.[1];
  return wrapped && isHttpUrl(wrapped) ? wrapped : null;
}
