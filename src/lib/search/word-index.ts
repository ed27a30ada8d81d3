/**
 * The words of a collection of documents, and where each occurs (document and field): what a
 * query word stands for (the word itself, a word of the same stem, a word it begins, a word one
 * or two typos away) and which documents hold it.
 */
import { stemmer } from 'stemmer';
import { pushTo } from '../core/multimap.ts';
import { boundedDistance, typoBudget, words } from './search-text.ts';

/** Fields per document (an entry packs document and field into one number). */
const FIELD_BITS = 3;
const FIELD_MASK = (1 << FIELD_BITS) - 1;

export const entryDoc = (entry: number) => entry >>> FIELD_BITS;
export const entryField = (entry: number) => entry & FIELD_MASK;

/** How well a vocabulary word matches a query word. */
export const MATCH = { exact: 1, stem: 0.9, prefix: 0.7, typo: 0.6, typo2: 0.5 } as const;

const stems = new Map<string, string>();
/** A word's stem (English, Porter): "patching" -> "patch", "logs" -> "log". Words with digits stay as they are. */
export function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = word.length < 3 || /\d/.test(word) ? word : stemmer(word);
    stems.set(word, stem);
  }
  return stem;
}

function* deletionsOf(word: string): Generator<string> {
  for (let i = 0; i < word.length; i++) yield word.slice(0, i) + word.slice(i + 1);
}

export class Vocabulary {
  /** word -> entries (document << 3 | field), in the order added. */
  private readonly postings = new Map<string, number[]>();
  private readonly byStem = new Map<string, string[]>();
  private sorted: string[] = [];
  private readonly deletions = new Map<string, string[]>();
  private readonly byInitial = new Map<string, string[]>();
  private docCount = 0;

  /** Index a field of a document (fields 0..7). */
  add(doc: number, field: number, text: string): void {
    const entry = (doc << FIELD_BITS) | field;
    if (doc + 1 > this.docCount) this.docCount = doc + 1;
    for (const word of words(text)) {
      const list = this.postings.get(word);
      if (!list) this.postings.set(word, [entry]);
      else if (list[list.length - 1] !== entry) list.push(entry);
    }
  }

  /** Call once after the last add. */
  seal(): void {
    this.sorted = [...this.postings.keys()].sort();
    for (const word of this.sorted) {
      pushTo(this.byStem, stemOf(word), word);
      if (word.length >= 4) for (const variant of deletionsOf(word)) pushTo(this.deletions, variant, word);
      pushTo(this.byInitial, word[0]!, word);
    }
  }

  get documents(): number {
    return this.docCount;
  }

  has(word: string): boolean {
    return this.postings.has(word);
  }

  /** Where a vocabulary word occurs. */
  entries(word: string): readonly number[] {
    return this.postings.get(word) ?? [];
  }

  /** Vocabulary words a query word stands for, with how well each matches (see MATCH). */
  match(query: string, allowPrefix: boolean): Map<string, number> {
    const found = new Map<string, number>();
    const put = (word: string, quality: number) => {
      if ((found.get(word) ?? 0) < quality) found.set(word, quality);
    };
    if (this.postings.has(query)) put(query, MATCH.exact);
    for (const word of this.byStem.get(stemOf(query)) ?? []) put(word, MATCH.stem);
    if (allowPrefix && query.length >= 2) {
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.sorted[mid]! < query) lo = mid + 1;
        else hi = mid;
      }
      // A longer typed part is a surer sign of the word meant.
      for (let i = lo, n = 0; i < this.sorted.length && n < 200 && this.sorted[i]!.startsWith(query); i++, n++) {
        const word = this.sorted[i]!;
        put(word, MATCH.prefix + 0.15 * (query.length / word.length));
      }
    }
    const budget = typoBudget(query);
    if (budget > 0 && /\p{L}/u.test(query)) {
      for (const variant of [query, ...deletionsOf(query)]) {
        for (const word of this.deletions.get(variant) ?? []) {
          if (!found.has(word) && boundedDistance(query, word, 1) <= 1) put(word, MATCH.typo);
        }
        if (variant !== query && this.postings.has(variant)) put(variant, MATCH.typo);
      }
      if (budget > 1) {
        for (const word of this.byInitial.get(query[0]!) ?? []) {
          if (!found.has(word) && Math.abs(word.length - query.length) <= 2 && boundedDistance(query, word, 2) <= 2) put(word, MATCH.typo2);
        }
      }
    }
    return found;
  }
}
