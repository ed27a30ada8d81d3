/**
 * CSS that narrows a page to one mapping set without JavaScript: while the element with id
 * "set-<set id>" is the URL's target, elements whose data-sets list lacks that set's token are
 * hidden. Tokens are short ("4") because every table row carries the list; they only need to
 * agree within one build, while the #set-<set id> anchors are the stable, shareable part.
 */
import { setAnchor } from '../core/urls.ts';

/** Short per-build tokens for set ids, in model order: base-36 numbers ("0" .. "z", "10" ...). */
export function setTokens(setIds: readonly string[]): Map<string, string> {
  return new Map(setIds.map((id, i) => [id, i.toString(36)]));
}

/** Attribute-selector-safe quoting of an id. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

export function setFilterCss(tokens: ReadonlyMap<string, string>): string {
  return [...tokens].map(([id, token]) => `:root:has([id=${quoted(setAnchor(id))}]:target) [data-sets]:not([data-sets~="${token}"]){display:none}`).join('\n');
}
