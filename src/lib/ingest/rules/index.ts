/**
 * The data rules: what the data step mends, chooses or reports while it reads and normalizes
 * the input files, one module per rule with the warnings it gives. Their order is the order
 * /data-quality/ and the build summary list the warnings in, and the order the normalizer
 * applies each hook (data-rule.ts). The warning kinds are the rules' own (WARNING_KINDS derives
 * from this list); a new rule is a module here, added to it. Browser-safe.
 */
import { attackVersionInferred } from './attack-version-inferred.ts';
import { attackVersionUnknown } from './attack-version-unknown.ts';
import { controlCharacters } from './control-characters.ts';
import type { DataRule, WarningKindInfo } from './data-rule.ts';
import { descriptionIrregular } from './description-irregular.ts';
import { descriptionVaries } from './description-varies.ts';
import { duplicateObjects } from './duplicate-objects.ts';
import { fieldUnknown } from './field-unknown.ts';
import { frameworkVersionRespelled } from './framework-version-respelled.ts';
import { referenceDropped } from './reference-dropped.ts';
import { referenceNotALink } from './reference-not-a-link.ts';
import { referenceRejoined } from './reference-rejoined.ts';
import { referenceSplit } from './reference-split.ts';
import { referenceTrimmed } from './reference-trimmed.ts';
import { referenceUnwrapped } from './reference-unwrapped.ts';
import { relatedScoreUnknown } from './related-score-unknown.ts';
import { scoreMissing } from './score-missing.ts';
import { setFieldDiffers } from './set-field-differs.ts';
import { setMetadataDiffers } from './set-metadata-differs.ts';
import { stixIdMissing } from './stix-id-missing.ts';
import { techniqueStatus } from './technique-status.ts';

const RULES = [
  referenceTrimmed,
  referenceSplit,
  referenceRejoined,
  referenceDropped,
  referenceUnwrapped,
  referenceNotALink,
  scoreMissing,
  relatedScoreUnknown,
  descriptionVaries,
  attackVersionInferred,
  techniqueStatus,
  stixIdMissing,
  attackVersionUnknown,
  fieldUnknown,
  setFieldDiffers,
  setMetadataDiffers,
  frameworkVersionRespelled,
  duplicateObjects,
  descriptionIrregular,
  controlCharacters,
] as const;

export const DATA_RULES: readonly DataRule[] = RULES;

/** A kind of warning the data step gives: "reference-trimmed", "score-missing". */
export type WarningKind = KindsOf<(typeof RULES)[number]>;
type KindsOf<Rule> = Rule extends { kinds: infer Kinds } ? keyof Kinds & string : never;

/** Every rule's warning kinds, each given by one rule only. */
function kindsOf(rules: readonly DataRule[]): Record<string, WarningKindInfo> {
  const kinds: Record<string, WarningKindInfo> = {};
  for (const rule of rules) {
    for (const [kind, info] of Object.entries(rule.kinds)) {
      if (Object.hasOwn(kinds, kind)) throw new Error(`internal error: the warning kind ${kind} has two rules`);
      kinds[kind] = info;
    }
  }
  return kinds;
}

/** The warning kinds, in the rules' order: each one's title and what was expected. */
export const WARNING_KINDS = /* @__PURE__ */ kindsOf(RULES) as Readonly<Record<WarningKind, WarningKindInfo>>;
export const WARNING_KIND_IDS = /* @__PURE__ */ Object.keys(WARNING_KINDS) as [WarningKind, ...WarningKind[]];
