/**
 * A deterministic synthetic corpus shaped like the public Mappings Explorer data: 33 sets over
 * 10 frameworks, 67,000 mapping objects, sets from 8 to 5,400 objects, ~15% of them with
 * comments of ~430 characters, sub-techniques, non-mappables of both shapes, padded and
 * spaced ids, renamed mapping types, older file shapes, CSV exports and exact duplicates.
 * The same seed always yields byte-identical files.
 */
import { corpusContext, type Corpus } from './set-shapes.ts';
import { nistSets } from './nist-sets.ts';
import { cloudSets } from './cloud-sets.ts';
import { kevSets } from './kev-sets.ts';
import { verisSets } from './veris-sets.ts';
import { controlSets } from './control-sets.ts';
import { techniqueTable } from './technique-table.ts';

export type { Corpus, CorpusFile, CorpusSetSummary } from './set-shapes.ts';

/** Generate the corpus: each framework's sets in a fixed order (the random draws follow it). */
export function generateCorpus(seed = 20260101): Corpus {
  const ctx = corpusContext(seed);
  nistSets(ctx);
  cloudSets(ctx);
  kevSets(ctx);
  verisSets(ctx);
  controlSets(ctx);
  techniqueTable(ctx);
  const { files, sets } = ctx;
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, sets };
}
