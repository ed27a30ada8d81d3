/**
 * Search: query in, ranked results out. Runs in the browser (in a Web Worker) and in tests.
 *
 * 1. IDs are exact before they are fuzzy: a technique id or a capability id in any spelling
 *    ("AC-4", "ac-04", "AC4") puts that entity first; a technique's sub-techniques follow it.
 * 2. Every query word is matched against the vocabulary of the documents: exactly, as a prefix
 *    (results appear while typing) or with a typo or two. Documents containing the most query
 *    words become the candidates: a few hundred at most, whatever the corpus size.
 * 3. fuse.js ranks the candidates (token search: each word fuzzy-matched, rare words weigh
 *    more), using the index prebuilt at build time (Fuse.createIndex / Fuse.parseIndex)
 *    narrowed to the candidates.
 */
import Fuse, { type FuseIndexRecords, type IFuseOptions } from 'fuse.js';
import type { CommentDoc, EntityDoc } from './documents.ts';
import type { EntityKind, ResultKind } from './kinds.ts';
import { boundedDistance, highlightRanges, idKey, noteTitle, snippet, techniqueQuery, typoBudget, words } from './text.ts';
import { pushTo } from '../multimap.ts';

const ENTITY_KEYS = [
  { name: 'id', weight: 3 },
  { name: 'name', weight: 2 },
  { name: 'aliases', weight: 1.5 },
  { name: 'context', weight: 0.5 },
] as const;

const COMMENT_KEYS = [
  { name: 'text', weight: 2 },
  { name: 'title', weight: 1 },
] as const;

/** Which entity comes first when several share an exact id: a control before its group, and so on. */
const KIND_ORDER: Record<EntityKind, number> = { capability: 0, group: 1, technique: 2, tactic: 3, framework: 4, set: 5 };

/** The entity index file: documents and their prebuilt Fuse index. */
export interface EntityIndexFile {
  version: 1;
  docs: EntityDoc[];
  fuse: { keys: unknown; records: FuseIndexRecords };
}

/**
 * The mapping-note index file, loaded after the entity index. Notes are packed as arrays, and
 * what can be derived (titles, links, framework names) is derived when it is loaded.
 */
export interface CommentIndexFile {
  version: 1;
  /** Technique pages' URL prefix: a note links to <prefix><technique>/#<row id>. */
  techniqueBase: string;
  frameworks: [id: string, name: string][];
  /** [capability, technique, technique name, framework index, versions, row id, text] */
  notes: [string, string, string | null, number, string, string, string][];
}

/** Pack notes for the index file. */
export function packComments(docs: readonly CommentDoc[], techniqueBase: string): CommentIndexFile {
  const frameworks: [string, string][] = [];
  const index = new Map<string, number>();
  const notes = docs.map((d): CommentIndexFile['notes'][number] => {
    let f = index.get(d.framework);
    if (f === undefined) {
      f = frameworks.push([d.framework, d.frameworkName]) - 1;
      index.set(d.framework, f);
    }
    return [d.capability, d.technique, d.techniqueName, f, d.versions, d.rowId, d.text];
  });
  return { version: 1, techniqueBase, frameworks, notes };
}

/** Unpack the notes of an index file. */
function unpackComments(file: CommentIndexFile): CommentDoc[] {
  return file.notes.map(([capability, technique, techniqueName, f, versions, rowId, text]) => ({
    kind: 'comment',
    capability,
    technique,
    techniqueName,
    title: noteTitle(capability, technique, techniqueName),
    rowId,
    framework: file.frameworks[f]![0],
    frameworkName: file.frameworks[f]![1],
    versions,
    text,
    url: `${file.techniqueBase}${technique}/#${rowId}`,
  }));
}

export interface SearchOptions {
  /** Only these kinds. */
  kinds?: readonly ResultKind[];
  /** Only this framework (techniques have none and are left out). */
  framework?: string;
  /** At most this many results in all. */
  limit?: number;
}

export interface SearchHit {
  kind: ResultKind;
  id: string;
  name: string;
  context: string;
  versions: string;
  framework: string | null;
  url: string;
  /** Lower is better; exact id matches are below 0. */
  score: number;
  /** The query is this entity's id, in one of its spellings: Enter may go straight to it. */
  exact: boolean;
  /** Where the query matched in `name`. */
  nameRanges: [number, number][];
  /** For notes: the part of the text that matched. */
  snippet?: { text: string; ranges: [number, number][] };
}

const FUSE_OPTIONS = {
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.4,
  useTokenSearch: true,
  minMatchCharLength: 2,
} satisfies IFuseOptions<unknown>;

/** Build the entity index file at build time. */
export function buildEntityIndex(docs: EntityDoc[]): EntityIndexFile {
  const index = Fuse.createIndex(ENTITY_KEYS as unknown as string[], docs);
  return { version: 1, docs, fuse: index.toJSON() as EntityIndexFile['fuse'] };
}

/** A collection of documents with its vocabulary: words -> documents, prefix and typo lookup. */
class Vocabulary {
  readonly postings = new Map<string, number[]>();
  private sorted: string[] = [];
  private readonly deletions = new Map<string, string[]>();
  private readonly byInitial = new Map<string, string[]>();

  add(doc: number, text: string): void {
    for (const word of words(text)) {
      const list = this.postings.get(word);
      if (!list) this.postings.set(word, [doc]);
      else if (list[list.length - 1] !== doc) list.push(doc);
    }
  }

  /** Call once after the last add. */
  seal(): void {
    this.sorted = [...this.postings.keys()].sort();
    for (const word of this.sorted) {
      if (word.length >= 4) {
        for (const variant of deletionsOf(word)) pushTo(this.deletions, variant, word);
      }
      pushTo(this.byInitial, word[0]!, word);
    }
  }

  /** Vocabulary words a query word stands for, with how well they match (1 exact .. 0.5 typo). */
  match(query: string, allowPrefix: boolean): Map<string, number> {
    const found = new Map<string, number>();
    if (this.postings.has(query)) found.set(query, 1);
    if (allowPrefix && query.length >= 2) {
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.sorted[mid]! < query) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo, n = 0; i < this.sorted.length && n < 200 && this.sorted[i]!.startsWith(query); i++, n++) {
        if (!found.has(this.sorted[i]!)) found.set(this.sorted[i]!, 0.8);
      }
    }
    const budget = typoBudget(query);
    if (budget > 0 && /\p{L}/u.test(query)) {
      for (const variant of [query, ...deletionsOf(query)]) {
        for (const word of this.deletions.get(variant) ?? []) {
          if (!found.has(word) && boundedDistance(query, word, 1) <= 1) found.set(word, 0.6);
        }
        if (this.postings.has(variant) && !found.has(variant) && variant !== query) found.set(variant, 0.6);
      }
      if (budget > 1) {
        for (const word of this.byInitial.get(query[0]!) ?? []) {
          if (!found.has(word) && Math.abs(word.length - query.length) <= 2 && boundedDistance(query, word, 2) <= 2) found.set(word, 0.5);
        }
      }
    }
    return found;
  }
}

/** Ids in order, parents before their sub-techniques: "T1566" < "T1566.001" < "T1660". */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function* deletionsOf(word: string): Generator<string> {
  for (let i = 0; i < word.length; i++) yield word.slice(0, i) + word.slice(i + 1);
}

interface Candidate {
  doc: number;
  /** How many query words the document holds. */
  covered: number;
  /** Sum over held words of match quality x word rarity. */
  weight: number;
}

/**
 * Documents holding the query words, rare words weighing more (IDF), best first. With `slack`
 * 1, documents that miss one word of a multi-word query stay in, ranked after the others:
 * "acess enforcment" finds AC-3 Access Enforcement first and AC-4 Information Flow Enforcement
 * soon after.
 */
function candidatesFor(
  vocabulary: Vocabulary,
  docCount: number,
  queryWords: string[],
  keep: (doc: number) => boolean,
  cap: number,
  slack = 0,
) {
  const byDoc = new Map<number, Candidate>();
  const matchedWords = new Set<string>();
  let totalWeight = 0;
  queryWords.forEach((word, i) => {
    const last = i === queryWords.length - 1;
    const matches = vocabulary.match(word, last || word.length >= 3);
    const best = new Map<number, number>();
    for (const [term, quality] of matches) {
      matchedWords.add(term);
      for (const doc of vocabulary.postings.get(term)!) {
        if ((best.get(doc) ?? 0) < quality) best.set(doc, quality);
      }
    }
    const rarity = Math.log(1 + docCount / (1 + best.size));
    totalWeight += rarity;
    for (const [doc, quality] of best) {
      if (!keep(doc)) continue;
      const c = byDoc.get(doc);
      if (c) {
        c.covered++;
        c.weight += quality * rarity;
      } else byDoc.set(doc, { doc, covered: 1, weight: quality * rarity });
    }
  });
  let maxCovered = 0;
  for (const c of byDoc.values()) if (c.covered > maxCovered) maxCovered = c.covered;
  const floor = maxCovered >= 2 ? maxCovered - slack : maxCovered;
  const candidates = [...byDoc.values()]
    .filter((c) => c.covered >= floor)
    .sort((a, b) => b.weight - a.weight || a.doc - b.doc)
    .slice(0, cap);
  const weightOf = new Map(candidates.map((c) => [c.doc, c.weight]));
  return { candidates, matchedWords, maxCovered, totalWeight: totalWeight || 1, weightOf };
}

/** Meaningful words of a query (single letters are noise, except in a one-word query). */
function queryWordsOf(query: string): string[] {
  const all = [...new Set(words(query))];
  const kept = all.filter((w) => w.length >= 2 || /\d/.test(w));
  return kept.length ? kept : all;
}

export interface Searcher {
  search(query: string, options?: SearchOptions): SearchHit[];
  /** Add the mapping notes when their index has arrived. */
  addComments(file: CommentIndexFile): void;
  readonly hasComments: boolean;
}

/** Create a searcher over an entity index (and, later, the comment index). */
export function createSearcher(entityFile: EntityIndexFile, commentFile?: CommentIndexFile): Searcher {
  const docs = entityFile.docs;
  const records = entityFile.fuse.records;
  const recordByDoc = new Map(records.map((r) => [r.i, r]));
  const vocabulary = new Vocabulary();
  const byKey = new Map<string, number[]>();
  docs.forEach((doc, i) => {
    vocabulary.add(i, `${doc.id} ${doc.name} ${doc.aliases.join(' ')} ${doc.context}`);
    for (const key of doc.keys) {
      pushTo(byKey, key, i);
      vocabulary.add(i, key.replace(/\./g, ''));
    }
  });
  vocabulary.seal();
  const techniqueIndex = new Map<string, number>();
  // ATT&CK's own names (tactics', techniques', and techniques' earlier ones), for exact matches.
  const byAttackName = new Map<string, number[]>();
  docs.forEach((doc, i) => {
    if (doc.kind === 'technique') techniqueIndex.set(doc.id, i);
    if (doc.kind === 'technique' || doc.kind === 'tactic') {
      for (const name of [doc.name, ...doc.aliases]) pushTo(byAttackName, words(name).join(' '), i);
    }
  });

  let comments: { docs: CommentDoc[]; vocabulary: Vocabulary } | null = null;
  const addComments = (file: CommentIndexFile) => {
    const notes = unpackComments(file);
    const v = new Vocabulary();
    notes.forEach((doc, i) => v.add(i, `${doc.text} ${doc.capability} ${doc.technique}`));
    v.seal();
    comments = { docs: notes, vocabulary: v };
  };
  if (commentFile) addComments(commentFile);

  const entityHit = (doc: EntityDoc, score: number, terms: Iterable<string>, exact = false): SearchHit => ({
    kind: doc.kind,
    id: doc.id,
    name: doc.name,
    context: doc.context,
    versions: doc.versions,
    framework: doc.framework,
    url: doc.url,
    score,
    exact,
    nameRanges: highlightRanges(doc.name, terms),
  });

  function search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 50;
    const kinds = options.kinds && options.kinds.length ? new Set(options.kinds) : null;
    const allowed = (kind: ResultKind, framework: string | null) =>
      (!kinds || kinds.has(kind)) && (!options.framework || framework === options.framework);
    const trimmed = query.trim();
    if ((trimmed.match(/[\p{L}\p{N}]/gu) ?? []).length < 2 && !byKey.has(idKey(trimmed))) return [];
    const hits: SearchHit[] = [];
    const taken = new Set<number>();
    const queryWords = queryWordsOf(trimmed);

    // 1. Exact ids.
    const technique = techniqueQuery(trimmed);
    // "T1059.001" asks for T1059 and its sub-techniques too; "T1059" is its own parent.
    const parent = technique?.split('.')[0];
    if (technique && parent) {
      const exact = techniqueIndex.get(technique);
      const order: number[] = [];
      if (exact !== undefined) order.push(exact);
      if (technique !== parent && techniqueIndex.has(parent)) order.push(techniqueIndex.get(parent)!);
      for (const [id, i] of techniqueIndex) if (id.startsWith(`${parent}.`) && i !== exact) order.push(i);
      order.forEach((i, rank) => {
        if (allowed('technique', null)) hits.push(entityHit(docs[i]!, -1 + rank * 0.001, [], i === exact));
        taken.add(i);
      });
    }
    const key = idKey(trimmed);
    for (const i of (byKey.get(key) ?? []).slice().sort((a, b) => KIND_ORDER[docs[a]!.kind] - KIND_ORDER[docs[b]!.kind])) {
      if (taken.has(i)) continue;
      taken.add(i);
      if (allowed(docs[i]!.kind, docs[i]!.framework)) hits.push(entityHit(docs[i]!, -0.9 + hits.length * 0.001, [], true));
    }

    // 1b. ATT&CK names as written: "Phishing" is T1566 before anything that mentions phishing,
    // "Lateral Movement" the tactic. Tactics first, then techniques, parents before sub-techniques.
    const named = (byAttackName.get(queryWords.join(' ')) ?? [])
      .filter((i) => !taken.has(i))
      .sort((a, b) => (docs[a]!.kind === docs[b]!.kind ? compareIds(docs[a]!.id, docs[b]!.id) : docs[a]!.kind === 'tactic' ? -1 : 1));
    for (const i of named) {
      taken.add(i);
      if (allowed(docs[i]!.kind, docs[i]!.framework)) hits.push(entityHit(docs[i]!, -0.8 + hits.length * 0.001, queryWords, true));
    }

    // 2. Candidates by vocabulary, 3. ranked by fuse.js. A technique id asks for that technique
    // (done above), not for everything numbered alike.
    const { candidates, matchedWords, totalWeight: entityWeight } = technique
      ? { candidates: [] as Candidate[], matchedWords: new Set<string>(), totalWeight: 1 }
      : candidatesFor(vocabulary, docs.length, queryWords, (doc) => !taken.has(doc) && allowed(docs[doc]!.kind, docs[doc]!.framework), 120, 1);
    if (candidates.length) {
      const subset = Fuse.parseIndex<EntityDoc>({
        keys: entityFile.fuse.keys,
        records: candidates.map((c) => recordByDoc.get(c.doc)!).filter(Boolean),
      } as Parameters<typeof Fuse.parseIndex>[0]);
      const fuse = new Fuse(docs, { ...FUSE_OPTIONS, keys: ENTITY_KEYS as unknown as string[] }, subset);
      const coverage = new Map(candidates.map((c) => [c.doc, c]));
      const ranked = fuse.search(trimmed, { limit: limit * 2 });
      const seenFuse = new Set<number>();
      for (const r of ranked) {
        seenFuse.add(r.refIndex);
        const c = coverage.get(r.refIndex)!;
        // fuse.js ranks; how much of the query (rare words counting more) a document holds breaks its near-ties.
        const score = (r.score ?? 0.5) + (1 - c.weight / entityWeight) * 0.6;
        hits.push(entityHit(docs[r.refIndex]!, score, matchedWords));
      }
      // Candidates fuse.js scored below its threshold still contain the words: keep them, last.
      for (const c of candidates) {
        if (!seenFuse.has(c.doc) && c.covered === queryWords.length) {
          hits.push(entityHit(docs[c.doc]!, 0.9 + (1 - c.weight / entityWeight) * 0.6, matchedWords));
        }
      }
    }

    // Mapping notes, when loaded.
    if (comments && (!kinds || kinds.has('comment'))) {
      const c = comments;
      const found = candidatesFor(
        c.vocabulary,
        c.docs.length,
        queryWords,
        (doc) =>
          (!options.framework || c.docs[doc]!.framework === options.framework) &&
          (!parent || c.docs[doc]!.technique === technique || c.docs[doc]!.technique === parent),
        60,
      );
      if (found.candidates.length && found.maxCovered >= Math.min(queryWords.length, 2)) {
        const subsetDocs = found.candidates.map((x) => c.docs[x.doc]!);
        const fuse = new Fuse(subsetDocs, { ...FUSE_OPTIONS, keys: COMMENT_KEYS as unknown as string[] });
        for (const r of fuse.search(trimmed, { limit: 20 })) {
          const doc = r.item;
          const ranges = highlightRanges(doc.text, found.matchedWords);
          hits.push({
            kind: 'comment',
            id: doc.capability,
            name: doc.title,
            context: doc.frameworkName,
            versions: doc.versions,
            framework: doc.framework,
            url: doc.url,
            // Notes rank like entities, a little behind: a word in a long note means less than in a name.
            score: (r.score ?? 0.5) + (1 - (found.weightOf.get(found.candidates[r.refIndex]!.doc) ?? 0) / found.totalWeight) * 0.6 + 0.2,
            exact: false,
            nameRanges: highlightRanges(doc.title, found.matchedWords),
            snippet: snippet(doc.text, ranges),
          });
        }
      }
    }

    return hits.sort((a, b) => a.score - b.score).slice(0, limit);
  }

  return {
    search,
    addComments,
    get hasComments() {
      return comments !== null;
    },
  };
}
