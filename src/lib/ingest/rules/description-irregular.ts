/**
 * Capability texts given with --descriptions (src/lib/descriptions/): every irregularity of the
 * Mappings Explorer description files and of the OSCAL catalogs is a warning of one of these
 * kinds, never a stop. The reading and matching give them (descriptions/load-descriptions.ts);
 * the normalizer applies no hook of this rule.
 */
import { DESCRIPTION_WARNING_KINDS } from '../../descriptions/description-warnings.ts';
import type { DataRule } from './data-rule.ts';

export const descriptionIrregular = {
  id: 'description-irregular',
  kinds: {
    ...DESCRIPTION_WARNING_KINDS,
    'control-catalog-unreadable': { title: 'OSCAL catalogs Mapscope cannot read', expected: 'an OSCAL 1.x JSON catalog of NIST SP 800-53' },
    'control-text-mended': { title: 'OSCAL catalog text shown as best Mapscope could', expected: 'controls, parts and parameters as OSCAL defines them' },
  },
} as const satisfies DataRule;
