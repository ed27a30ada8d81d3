/**
 * Search: query in, ranked results out. Runs in the browser (in a Web Worker) and in tests.
 *
 * 1. Exact ids first: a technique id or a capability id in any spelling ("AC-4", "ac-04",
 *    "AC4") puts that entity first; a technique's sub-techniques follow it. Then ATT&CK names as
 *    written: "Phishing" is T1566, "Lateral Movement" the tactic.
 * 2. The query becomes concepts (src/lib/search/query.ts): words, synonym forms ("mfa"),
 *    compounds ("bruteforce" / "brute force"); each word matches the documents' vocabulary
 *    exactly, by stem, as a prefix (results appear while typing) or with a typo or two.
 * 3. Documents are ranked by relevance (src/lib/search/rank.ts: each concept once, by its best
 *    field, rare concepts weighing more), then by how the name matches the query as a whole (the
 *    whole name, its start, a run of it): a technique named by the query outranks the ones that
 *    merely contain its words, a parent its sub-techniques. Mapping notes rank with the rest, a
 *    step behind names. The result is one list in relevance order across kinds.
 */
import type { CommentDoc, EntityDoc } from './documents.ts';
import type { EntityKind, ResultKind } from './kinds.ts';
import { parseQuery, phraseForms, queryWords, type ParsedQuery } from './query.ts';
import { rankDocuments } from './rank.ts';
import { highlightRanges, idKey, noteTitle, snippet, techniqueQuery, words } from './search-text.ts';
import { stemOf, Vocabulary } from './word-index.ts';
import { pushTo } from '../core/multimap.ts';
import { required } from '../core/lookups.ts';
import { parentTechniqueId } from '../core/ids.ts';
import { withAnchor } from '../core/urls.ts';

/** Fields of an entity document, and their weights. */
const ENTITY_FIELDS = { id: 0, name: 1, aliases: 2, context: 3, keys: 4, text: 5 } as const;
// The texts given at build time weigh less than a name or a note: they say much about many things.
const ENTITY_WEIGHTS = [0.9, 1, 0.85, 0.35, 0.9, 0.3];
/** Fields of a mapping note: its text, and its title (capability, technique id and name). */
const NOTE_FIELDS = { text: 0, title: 1 } as const;
const NOTE_WEIGHTS = [0.75, 0.6];

/** Kinds a little ahead of others at equal relevance: what users look up most. */
const KIND_PRIOR: Record<EntityKind, number> = {
  technique: 0.05,
  tactic: 0.05,
  capability: 0.04,
  group: 0.02,
  framework: 0.02,
  set: 0,
  adversary: 0.03,
  campaign: 0.02,
  software: 0.03,
  mitigation: 0.02,
};
/** Which entity comes first when several share an exact id: a control before its group, and so on. */
const KIND_ORDER: Record<EntityKind, number> = {
  capability: 0,
  group: 1,
  technique: 2,
  tactic: 3,
  framework: 4,
  set: 5,
  adversary: 6,
  software: 7,
  campaign: 8,
  mitigation: 9,
};
/** At most this much for being the most mapped entity (a tie-breaker between equals). */
const POPULARITY = 0.03;
/** A note is a step behind a name holding the same words. */
const NOTE_PRIOR = -0.2;
/** Bonuses for the name (or, a little less, an alias) matching the query as a whole. */
const NAME_BONUS = { whole: 0.6, start: 0.3, run: 0.2, alias: 0.8, coverage: 0.1 } as const;
/** Score tiers (lower is better): exact ids, then exact ATT&CK names, then the ranked rest. */
const TIER = { id: -3, attackName: -2 } as const;

/** The entity index file: the documents (their vocabulary is built when loaded). */
export interface EntityIndexFile {
  version: 2;
  docs: EntityDoc[];
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
    url: withAnchor(`${file.techniqueBase}${technique}/`, rowId),
  }));
}

/** Build the entity index file at build time. */
export function buildEntityIndex(docs: EntityDoc[]): EntityIndexFile {
  return { version: 2, docs };
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
  /** Lower is better; exact ids and exact ATT&CK names are below -1. */
  score: number;
  /** The query is this entity's id, in one of its spellings: Enter may go straight to it. */
  exact: boolean;
  /** Where the query matched in `name`. */
  nameRanges: [number, number][];
  /** For notes: the part of the text that matched. */
  snippet?: { text: string; ranges: [number, number][] };
  /** The same entry under other groups, each with its own page. */
  variants?: { id: string; context: string; url: string }[];
}

export interface Searcher {
  search(query: string, options?: SearchOptions): SearchHit[];
  /** Add the mapping notes when their index has arrived. */
  addComments(file: CommentIndexFile): void;
  readonly hasComments: boolean;
}

/** Ids in order, parents before their sub-techniques: "T1566" < "T1566.001" < "T1660". */
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Word sequences compared as a reader would: equal words, the last typed word also as the
 * start of a word (typing "powersh" names "PowerShell" whole).
 */
const sameAt = (name: readonly string[], form: readonly string[], at: number, k: number) =>
  name[at + k] === form[k] || (k === form.length - 1 && form[k]!.length >= 3 && name[at + k]!.startsWith(form[k]!));
const equalWords = (name: readonly string[], form: readonly string[]) => name.length === form.length && form.every((_, k) => sameAt(name, form, 0, k));
const startsWithWords = (name: readonly string[], form: readonly string[]) => form.length <= name.length && form.every((_, k) => sameAt(name, form, 0, k));
function containsRun(name: readonly string[], form: readonly string[]): boolean {
  for (let i = 0; i + form.length <= name.length; i++) if (form.every((_, k) => sameAt(name, form, i, k))) return true;
  return false;
}

/** How a name matches the query as a whole (0 when it does not). */
function wholeNameBonus(name: readonly string[], forms: readonly string[][], queryStems: ReadonlySet<string>): number {
  if (name.length === 0) return 0;
  let best = 0;
  for (const form of forms) {
    if (form.length === 0) continue;
    if (equalWords(name, form)) return NAME_BONUS.whole + NAME_BONUS.coverage;
    if (startsWithWords(name, form)) best = Math.max(best, NAME_BONUS.start);
    else if (containsRun(name, form)) best = Math.max(best, NAME_BONUS.run);
  }
  // A short name that is mostly the query before a long one that merely contains it.
  const covered = name.filter((w) => queryStems.has(w)).length / name.length;
  return best + NAME_BONUS.coverage * covered;
}

/** Create a searcher over an entity index (and, later, the comment index). */
export function createSearcher(entityFile: EntityIndexFile, commentFile?: CommentIndexFile): Searcher {
  const docs = entityFile.docs;
  const vocabulary = new Vocabulary();
  /** Exact keys -> document and, for a variant, which one. */
  const byKey = new Map<string, { doc: number; variant: number }[]>();
  docs.forEach((doc, i) => {
    vocabulary.add(i, ENTITY_FIELDS.id, doc.id);
    vocabulary.add(i, ENTITY_FIELDS.name, doc.name);
    vocabulary.add(i, ENTITY_FIELDS.aliases, doc.aliases.join(' '));
    vocabulary.add(i, ENTITY_FIELDS.context, doc.context);
    vocabulary.add(i, ENTITY_FIELDS.keys, doc.keys.map((k) => k.replace(/\./g, '')).join(' '));
    if (doc.text) vocabulary.add(i, ENTITY_FIELDS.text, doc.text);
    for (const key of doc.keys) pushTo(byKey, key, { doc: i, variant: -1 });
    doc.variants?.forEach((v, n) => {
      for (const key of v.keys) pushTo(byKey, key, { doc: i, variant: n });
    });
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
  const maxPopularity = Math.max(1, ...docs.map((d) => Math.log1p(d.mappings)));
  const nameStems: (string[][] | undefined)[] = [];
  /** A document's name, then its aliases, as stemmed words. */
  const namesOf = (i: number) => (nameStems[i] ??= [docs[i]!.name, ...docs[i]!.aliases].map((n) => words(n).map(stemOf)));

  let comments: { docs: CommentDoc[]; vocabulary: Vocabulary } | null = null;
  const addComments = (file: CommentIndexFile) => {
    const notes = unpackComments(file);
    const v = new Vocabulary();
    notes.forEach((doc, i) => {
      v.add(i, NOTE_FIELDS.text, doc.text);
      v.add(i, NOTE_FIELDS.title, `${doc.capability} ${doc.technique} ${doc.techniqueName ?? ''}`);
    });
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
    ...(doc.variants ? { variants: doc.variants.map(({ id, context, url }) => ({ id, context, url })) } : {}),
  });
  /** A variant found by its own id: its page, the others as its variants. */
  const variantHit = (doc: EntityDoc, n: number, score: number): SearchHit => {
    const variant = doc.variants![n]!;
    const others = [{ id: doc.id, context: doc.context, url: doc.url }, ...doc.variants!.filter((_, k) => k !== n)];
    return {
      ...entityHit(doc, score, [], true),
      id: variant.id,
      context: variant.context,
      url: variant.url,
      variants: others.map(({ id, context, url }) => ({ id, context, url })),
    };
  };

  function noteHits(parsed: ParsedQuery, options: SearchOptions, technique: string | null): SearchHit[] {
    if (!comments) return [];
    const c = comments;
    const parent = technique && (parentTechniqueId(technique) ?? technique);
    const found = rankDocuments(c.vocabulary, parsed.concepts, {
      fieldWeights: NOTE_WEIGHTS,
      keep: (doc) =>
        (!options.framework || c.docs[doc]!.framework === options.framework) &&
        (!parent || c.docs[doc]!.technique === technique || c.docs[doc]!.technique === parent),
      cap: 60,
      slack: 0,
    });
    // A word or two found in a long note says little: notes must hold most of a longer query.
    if (found.maxCovered < Math.min(found.required, 2)) return [];
    const phrase = parsed.words.join(' ');
    return found.ranked.slice(0, 20).map(({ doc: i, relevance }) => {
      const doc = c.docs[i]!;
      const ranges = highlightRanges(doc.text, found.matched);
      // The query as one run of the note's words: the phrase someone remembered.
      const whole = parsed.words.length >= 2 && words(doc.text).join(' ').includes(phrase) ? NAME_BONUS.start : 0;
      return {
        kind: 'comment' as const,
        id: doc.capability,
        name: doc.title,
        context: doc.frameworkName,
        versions: doc.versions,
        framework: doc.framework,
        url: doc.url,
        score: 1 - (relevance + whole + NOTE_PRIOR),
        exact: false,
        nameRanges: highlightRanges(doc.title, found.matched),
        snippet: snippet(doc.text, ranges),
      };
    });
  }

  function search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 50;
    const kinds = options.kinds && options.kinds.length ? new Set(options.kinds) : null;
    const allowed = (kind: ResultKind, framework: string | null) => (!kinds || kinds.has(kind)) && (!options.framework || framework === options.framework);
    const trimmed = query.trim();
    if ((trimmed.match(/[\p{L}\p{N}]/gu) ?? []).length < 2 && !byKey.has(idKey(trimmed))) return [];
    const hits: SearchHit[] = [];
    const taken = new Set<number>();

    // 1. Exact ids. "T1059.001" asks for T1059 and its sub-techniques too; "T1059" is its own parent.
    const technique = techniqueQuery(trimmed);
    const parent = technique && (parentTechniqueId(technique) ?? technique);
    if (technique && parent) {
      const exact = techniqueIndex.get(technique);
      const order: number[] = [];
      if (exact !== undefined) order.push(exact);
      if (technique !== parent && techniqueIndex.has(parent)) order.push(required(techniqueIndex, parent, 'technique'));
      for (const [id, i] of techniqueIndex) if (id.startsWith(`${parent}.`) && i !== exact) order.push(i);
      order.forEach((i, rank) => {
        if (allowed('technique', null)) hits.push(entityHit(docs[i]!, TIER.id + rank * 0.001, [], i === exact));
        taken.add(i);
      });
    }
    // An id pins its entity first when it is typed as an id: with a digit or punctuation
    // ("AC-4", "ac4", "aws_iam"). A plain word ("encryption", an Intel group's id) ranks by relevance.
    const idLike = /[\d_.\-:()]/.test(trimmed);
    const exactKeys = (idLike ? (byKey.get(idKey(trimmed)) ?? []) : []).slice().sort((a, b) => KIND_ORDER[docs[a.doc]!.kind] - KIND_ORDER[docs[b.doc]!.kind]);
    for (const { doc: i, variant } of exactKeys) {
      if (taken.has(i)) continue;
      taken.add(i);
      const doc = docs[i]!;
      if (!allowed(doc.kind, doc.framework)) continue;
      const score = TIER.id + 0.1 + hits.length * 0.001;
      hits.push(variant >= 0 ? variantHit(doc, variant, score) : entityHit(doc, score, [], true));
    }
    const words0 = queryWords(trimmed);
    // ATT&CK names as written: tactics first, then techniques, parents before sub-techniques.
    // Of techniques of one name (Enterprise's, ICS's, Mobile's), the most mapped first.
    const named = (byAttackName.get(words0.join(' ')) ?? [])
      .filter((i) => !taken.has(i))
      .sort((a, b) =>
        docs[a]!.kind !== docs[b]!.kind ? (docs[a]!.kind === 'tactic' ? -1 : 1) : docs[b]!.mappings - docs[a]!.mappings || compareIds(docs[a]!.id, docs[b]!.id),
      );
    for (const i of named) {
      taken.add(i);
      if (allowed(docs[i]!.kind, docs[i]!.framework)) hits.push(entityHit(docs[i]!, TIER.attackName + hits.length * 0.001, words0, true));
    }

    // 2-3. Everything else that holds the query, by relevance. A technique id asks for that
    // technique (done above), not for everything numbered alike.
    const parsed = parseQuery(trimmed, (word) => vocabulary.has(word) || (comments?.vocabulary.has(word) ?? false));
    if (!technique) {
      const found = rankDocuments(vocabulary, parsed.concepts, {
        fieldWeights: ENTITY_WEIGHTS,
        keep: (doc) => !taken.has(doc) && allowed(docs[doc]!.kind, docs[doc]!.framework),
        cap: 200,
        slack: 1,
      });
      const forms = phraseForms(parsed);
      const queryStems = new Set(forms.flat());
      for (const { doc: i, relevance } of found.ranked) {
        const doc = docs[i]!;
        const [name, ...aliases] = namesOf(i);
        const bonus = Math.max(wholeNameBonus(name!, forms, queryStems), ...aliases.map((a) => NAME_BONUS.alias * wholeNameBonus(a, forms, queryStems)));
        const prior = KIND_PRIOR[doc.kind] + POPULARITY * (Math.log1p(doc.mappings) / maxPopularity);
        hits.push(entityHit(doc, 1 - (relevance + bonus + prior), found.matched));
      }
    }

    // Mapping notes, when loaded.
    if (!kinds || kinds.has('comment')) hits.push(...noteHits(parsed, options, technique));

    return hits.sort((a, b) => a.score - b.score || compareIds(a.id, b.id)).slice(0, limit);
  }

  return {
    search,
    addComments,
    get hasComments() {
      return comments !== null;
    },
  };
}
