/**
 * A related_score that is not an ATT&CK technique id (for a sub-technique's score, the parent
 * technique it relates to: "T1078"): kept as written, and reported; a page shows it as text.
 */
import { TECHNIQUE_ID } from '../../core/vocabulary.ts';
import type { DataRule } from './data-rule.ts';
import { showControls } from './control-characters.ts';

export const relatedScoreUnknown = {
  id: 'related-score-unknown',
  kinds: {
    'related-score-unknown': {
      title: 'Related scores that are not technique ids',
      expected: 'an ATT&CK technique id like T1078 (the technique the score relates to)',
    },
  },
  checkMapping({ report, set, mapping, row }) {
    const related = mapping.relatedScore;
    if (related === null || TECHNIQUE_ID.test(related)) return;
    report.warn('related-score-unknown', set.id, mapping.capabilityId, 'related_score', showControls(related), 'kept as written: it names no technique', row);
  },
} satisfies DataRule;
