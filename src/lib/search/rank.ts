/**
 * Relevance of documents to a query's concepts. Each concept counts once per document, by its
 * best match over the document's fields (a word repeated in id, alias and name counts once),
 * weighed by the field (a name more than a note) and by the concept's rarity (IDF), and the sum
 * is divided by what a document holding every concept exactly in a field of weight 1 would get:
 * a relevance from 0 to 1, comparable across collections.
 */
import type { Concept } from './query.ts';
import { entryDoc, entryField, type Vocabulary } from './word-index.ts';

export interface RankedDoc {
  doc: number;
  /** 0..1: how much of the query the document holds, and how well. */
  relevance: number;
  /** Required concepts held. */
  covered: number;
}

export interface Ranking {
  ranked: RankedDoc[];
  /** Vocabulary words that matched (for highlighting). */
  matched: Set<string>;
  /** Required concepts in the query, and the most any document held. */
  required: number;
  maxCovered: number;
}

export interface RankOptions {
  /** Weight of each field (index = field number). */
  fieldWeights: readonly number[];
  /** Whether a document may be returned. */
  keep: (doc: number) => boolean;
  /** At most this many documents. */
  cap: number;
  /**
   * Documents missing this many required concepts of a query of two or more stay in, ranked
   * lower: "acess enforcment" finds AC-3 Access Enforcement first, and Information Flow Enforcement.
   */
  slack: number;
}

/** A match through another form than the one typed. */
const ALTERNATIVE_DISCOUNT = 0.95;
/** Weight of an optional concept (a little word) against a required one. */
const OPTIONAL_WEIGHT = 0.2;

/** Best match value (quality x field weight) of one concept in each document. */
function conceptMatches(
  vocabulary: Vocabulary,
  concept: Concept,
  lastConcept: boolean,
  fieldWeights: readonly number[],
  matched: Set<string>,
): Map<number, number> {
  const best = new Map<number, number>();
  const put = (doc: number, value: number) => {
    if ((best.get(doc) ?? 0) < value) best.set(doc, value);
  };
  concept.alternatives.forEach((alternative, a) => {
    // Another form than the one typed (a synonym, a compound) counts a little less.
    const discount = a === 0 ? 1 : ALTERNATIVE_DISCOUNT;
    // Per word: entry (document and field) -> quality; a prefix counts for the last word typed
    // and for any word of three letters or more.
    const perWord = alternative.map((word, k) => {
      const byEntry = new Map<number, number>();
      const allowPrefix = (lastConcept && k === alternative.length - 1) || word.length >= 3;
      for (const [term, quality] of vocabulary.match(word, allowPrefix)) {
        matched.add(term);
        for (const entry of vocabulary.entries(term)) if ((byEntry.get(entry) ?? 0) < quality) byEntry.set(entry, quality);
      }
      return byEntry;
    });
    // A sequence of words matches where all of them are in one field of one document.
    const [first, ...rest] = perWord;
    for (const [entry, quality] of first!) {
      let q = quality;
      for (const other of rest) {
        const o = other.get(entry);
        if (o === undefined) {
          q = 0;
          break;
        }
        q = Math.min(q, o);
      }
      if (q > 0) put(entryDoc(entry), q * discount * (fieldWeights[entryField(entry)] ?? 0));
    }
  });
  return best;
}

/** Rank the documents of a vocabulary for a query's concepts. */
export function rankDocuments(vocabulary: Vocabulary, concepts: readonly Concept[], options: RankOptions): Ranking {
  const matched = new Set<string>();
  const docs = new Map<number, { relevance: number; covered: number }>();
  const total = vocabulary.documents;
  let possible = 0;
  concepts.forEach((concept, i) => {
    const best = conceptMatches(vocabulary, concept, i === concepts.length - 1, options.fieldWeights, matched);
    const weight = Math.log(1 + total / (1 + best.size)) * (concept.optional ? OPTIONAL_WEIGHT : 1);
    // Out of a full match in a field of weight 1: collections with lighter fields (notes) rank lower.
    possible += weight;
    for (const [doc, value] of best) {
      const d = docs.get(doc);
      if (d) {
        d.relevance += weight * value;
        if (!concept.optional) d.covered++;
      } else docs.set(doc, { relevance: weight * value, covered: concept.optional ? 0 : 1 });
    }
  });
  const required = concepts.filter((c) => !c.optional).length;
  let maxCovered = 0;
  for (const [doc, d] of docs) if (d.covered > maxCovered && options.keep(doc)) maxCovered = d.covered;
  const floor = Math.max(1, maxCovered >= 2 ? maxCovered - options.slack : maxCovered);
  const ranked: RankedDoc[] = [];
  for (const [doc, d] of docs) {
    if ((d.covered >= floor || required === 0) && options.keep(doc)) ranked.push({ doc, relevance: possible ? d.relevance / possible : 0, covered: d.covered });
  }
  ranked.sort((a, b) => b.relevance - a.relevance || a.doc - b.doc);
  return { ranked: ranked.slice(0, options.cap), matched, required, maxCovered };
}
