/** Mappings of a scored type (technique_scores) without a score category or value: kept and shown as "not scored", left out of layer scores. */
import type { DataRule } from './data-rule.ts';

export const scoreMissing = {
  id: 'score-missing',
  kinds: { 'score-missing': { title: 'Scored mappings without a score', expected: 'a score category and value' } },
  checkMapping({ report, set, mapping, scored, row }) {
    if (!scored || (mapping.scoreCategory !== null && mapping.scoreValue !== null)) return;
    const missing = (
      [
        ['score_category', mapping.scoreCategory],
        ['score_value', mapping.scoreValue],
      ] as const
    )
      .filter(([, value]) => value === null)
      .map(([field]) => field);
    report.warn(
      'score-missing',
      set.id,
      mapping.capabilityId,
      missing.join(', '),
      `no ${missing.join(' and no ')}`,
      'kept and shown as "not scored"; left out of layer scores',
      row,
    );
  },
} satisfies DataRule;
