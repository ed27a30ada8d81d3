/** Reference entries with whitespace, invisible characters, escaped tabs or stray quotes at either end: trimmed. */
import type { DataRule } from './data-rule.ts';

export const referenceTrimmed = {
  id: 'reference-trimmed',
  kinds: { 'reference-trimmed': { title: 'References with stray spaces, tabs or quotes', expected: 'an http(s) URL' } },
} satisfies DataRule;

/** Whitespace, invisible characters, and the escapes "\t", "\n", "\r" written out as text. */
const EDGE_SPACE = /^(?:[\s\u200b-\u200f\u2060\ufeff]|\\[tnr])+|(?:[\s\u200b-\u200f\u2060\ufeff]|\\[tnr])+$/g;
const EDGE_QUOTES = /^['"`‘’“”]+|['"`‘’“”]+$/g;

/** Strip whitespace, escaped tabs and stray quotes from both ends. */
export function trimEntry(entry: string): string {
  let text = entry;
  for (;;) {
    const next = text.replace(EDGE_SPACE, '').replace(EDGE_QUOTES, '');
    if (next === text) return text;
    text = next;
  }
}
