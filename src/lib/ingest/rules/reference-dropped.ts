/** Reference entries that name no reference: an empty list written as text, null words, dashes, or a label on its own ("Ref:"). */
import type { DataRule } from './data-rule.ts';

export const referenceDropped = {
  id: 'reference-dropped',
  kinds: { 'reference-dropped': { title: 'Reference entries that name no reference', expected: 'an http(s) URL' } },
} satisfies DataRule;

/** Entries that stand for "no reference": an empty list written as text, null words, dashes. */
const EMPTY_ENTRY = /^(?:\[\s*\]|none|null|n\/a|-+)?$/i;
/** A label on its own: "Ref:", "See:", "Source -", "Links:". */
const BARE_LABEL = /^(?:refs?|references?|see|sources?|links?|urls?|docs?|documentation|more|also)\s*[:\-–]$/i;

/** Whether a trimmed entry stands for "no reference". */
export const namesNoReference = (trimmed: string) => EMPTY_ENTRY.test(trimmed);

/** Whether a piece of an entry is a label on its own. */
export const isBareLabel = (text: string) => BARE_LABEL.test(text);
