/**
 * What a query asks for: its concepts, each a set of alternative word sequences any of which
 * may match. A word is a concept; so is a synonym form ("mfa", "multi factor authentication":
 * every form of its group), two words a document writes as one ("brute force" / "bruteforce"),
 * and one word a document writes as two ("cloudtrail" / "cloud trail"). Little words ("and",
 * "of") are optional: they weigh little and need not match.
 */
import { SYNONYM_FORMS } from './synonyms.ts';
import { stemOf } from './word-index.ts';
import { words } from './search-text.ts';

export interface Concept {
  /** Alternative word sequences, the query's own words first; a document matching any of them holds the concept. */
  alternatives: string[][];
  /** A little word: it weighs little and a document need not hold it. */
  optional: boolean;
  /** The query's words this concept stands for, as typed. */
  typed: string[];
}

export interface ParsedQuery {
  /** The query's words, in order (single letters dropped unless the query is only those). */
  words: string[];
  concepts: Concept[];
}

const STOP_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'is', 'of', 'on', 'or', 'the', 'to', 'via', 'with']);

/** Meaningful words of a query, in order, each once (single letters are noise, except in a one-letter query). */
export function queryWords(query: string): string[] {
  const all = [...new Set(words(query))];
  const kept = all.filter((w) => w.length >= 2 || /\d/.test(w));
  return kept.length ? kept : all;
}

const sameWord = (a: string, b: string) => a === b || (a.length > 3 && b.length > 3 && stemOf(a) === stemOf(b));

/**
 * Parse a query. `known` says whether a word is in the documents' vocabulary, for compounds:
 * "bruteforce" is read as "brute force" too only when both halves are words of the documents.
 */
export function parseQuery(query: string, known: (word: string) => boolean): ParsedQuery {
  const tokens = queryWords(query);
  const concepts: Concept[] = [];
  const onlyLittle = tokens.every((t) => STOP_WORDS.has(t));
  for (let i = 0; i < tokens.length;) {
    // The longest synonym form starting here.
    const form = SYNONYM_FORMS.find((f) => f.words.length <= tokens.length - i && f.words.every((w, k) => sameWord(w, tokens[i + k]!)));
    if (form) {
      const typed = tokens.slice(i, i + form.words.length);
      concepts.push({ alternatives: dedupe([typed, ...form.group.map((g) => [...g])]), optional: false, typed });
      i += form.words.length;
      continue;
    }
    const word = tokens[i]!;
    const next = tokens[i + 1];
    if (next !== undefined && !STOP_WORDS.has(word) && !STOP_WORDS.has(next) && known(word + next)) {
      concepts.push({ alternatives: [[word, next], [word + next]], optional: false, typed: [word, next] });
      i += 2;
      continue;
    }
    const split = known(word) ? null : splitCompound(word, known);
    concepts.push({
      alternatives: split ? [[word], split] : [[word]],
      optional: STOP_WORDS.has(word) && !onlyLittle,
      typed: [word],
    });
    i += 1;
  }
  return { words: tokens, concepts };
}

/** "cloudtrail" -> ["cloud", "trail"] when both are known words (the most even split wins). */
function splitCompound(word: string, known: (word: string) => boolean): string[] | null {
  if (word.length < 6 || /\d/.test(word)) return null;
  let best: string[] | null = null;
  for (let at = 3; at <= word.length - 3; at++) {
    const [a, b] = [word.slice(0, at), word.slice(at)];
    if (known(a) && known(b) && (!best || Math.abs(a.length - b.length) < Math.abs(best[0]!.length - best[1]!.length))) best = [a, b];
  }
  return best;
}

function dedupe(alternatives: string[][]): string[][] {
  const seen = new Set<string>();
  return alternatives.filter((a) => {
    const key = a.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The query as whole phrases, for matching names as a whole: its words, and the same with each
 * concept's alternatives in place (at most `max` forms), stemmed.
 */
export function phraseForms(parsed: ParsedQuery, max = 8): string[][] {
  let forms: string[][] = [[]];
  for (const concept of parsed.concepts) {
    const next: string[][] = [];
    for (const form of forms) {
      for (const alternative of concept.alternatives) {
        if (next.length < max) next.push([...form, ...alternative]);
      }
    }
    forms = next;
  }
  return forms.map((f) => f.map(stemOf));
}
