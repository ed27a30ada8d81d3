/** Sets of an ATT&CK version the catalog lacks: their techniques are not checked, and they have no matrix or gaps. */
import type { DataRule } from './data-rule.ts';

export const attackVersionUnknown = {
  id: 'attack-version-unknown',
  kinds: { 'attack-version-unknown': { title: 'Sets of an ATT&CK version the catalog lacks', expected: 'an ATT&CK version in the catalog (npm run attack)' } },
  checkSet({ report, set, attack, catalogVersions }) {
    if (catalogVersions.includes(set.attackVersion)) return;
    report.warn(
      'attack-version-unknown',
      set.id,
      null,
      'attack_version',
      attack,
      `its techniques are not checked and it has no matrix or gaps; the catalog has ${catalogVersions.length ? catalogVersions.join(', ') : 'no version of this domain'} (add the version with npm run attack)`,
      { location: set.firstLocation, techniqueId: null, rowId: null },
    );
  },
} satisfies DataRule;
