/**
 * Mappings whose technique the ATT&CK catalog has no STIX id for in the set's version and domain
 * (a mobile technique in an enterprise set): kept everywhere else, but a STIX relationship needs
 * the attack-pattern's id as its target, so the set's bundle leaves them out, and says so here
 * rather than only in the build's line.
 */
import type { DataRule } from './data-rule.ts';

export const stixIdMissing = {
  id: 'stix-id-missing',
  kinds: {
    'stix-id-missing': {
      title: 'Mappings left out of the STIX bundle',
      expected: "a technique the ATT&CK catalog has a STIX id for in the set's ATT&CK version",
    },
  },
  checkMapping({ report, set, mapping, techniques, attack, row }) {
    if (techniques.stixIdIn(mapping.techniqueId, set.domain, set.attackVersion) !== null) return;
    report.warn(
      'stix-id-missing',
      set.id,
      mapping.capabilityId,
      'attack_object_id',
      JSON.stringify(mapping.techniqueId),
      `left out of the set's STIX bundle: the catalog has no STIX id for ${mapping.techniqueId} in ${attack}`,
      row,
    );
  },
} satisfies DataRule;
