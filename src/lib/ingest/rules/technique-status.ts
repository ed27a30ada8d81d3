/** Rows naming a technique their set's ATT&CK version does not have, or has revoked or deprecated: kept, and reported. */
import { DOMAINS } from '../../core/vocabulary.ts';
import type { DataRule } from './data-rule.ts';

export const techniqueStatus = {
  id: 'technique-status',
  kinds: {
    'technique-unknown': { title: "Techniques their set's ATT&CK version does not have", expected: "a technique of the set's ATT&CK version and domain" },
    'technique-revoked': { title: "Techniques revoked in their set's ATT&CK version", expected: "an active technique of the set's ATT&CK version" },
    'technique-deprecated': { title: "Techniques deprecated in their set's ATT&CK version", expected: "an active technique of the set's ATT&CK version" },
  },
  checkEntry({ report, set, techniques, attack, capabilityId, techniqueId, row }) {
    const status = techniques.statusIn(techniqueId, set.domain, set.attackVersion);
    const found = JSON.stringify(techniqueId);
    if (status.kind === 'unknown') {
      const elsewhere = status.elsewhere ? ` (it is a technique of ATT&CK ${DOMAINS[status.elsewhere].label})` : '';
      report.warn('technique-unknown', set.id, capabilityId, 'attack_object_id', found, `kept; ${attack} has no technique ${techniqueId}${elsewhere}`, row);
    } else if (status.kind === 'revoked') {
      report.warn(
        'technique-revoked',
        set.id,
        capabilityId,
        'attack_object_id',
        found,
        `kept; revoked in ${attack}${status.by ? `, replaced by ${status.by}` : ''}`,
        row,
      );
    } else if (status.kind === 'deprecated') {
      report.warn('technique-deprecated', set.id, capabilityId, 'attack_object_id', found, `kept; deprecated in ${attack}`, row);
    }
  },
} satisfies DataRule;
