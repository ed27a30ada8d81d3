/**
 * What reading and matching description files can find wrong, named once: each kind with the
 * title its list gets on /data-quality/ and what was expected. Reading never stops on a bad
 * file or entry: it says where, what it found and what it did.
 */

export const DESCRIPTION_WARNING_KINDS = {
  'description-file-unreadable': { title: 'Description files that do not parse', expected: 'a JSON or YAML file' },
  'description-file-unrecognized': {
    title: 'Files in no description shape Mapscope knows',
    expected: 'a JSON list of {id, description}, or a YAML file with a description and an id or name',
  },
  'description-framework-unknown': {
    title: 'Description files for no framework Mapscope can tell',
    expected: 'a file name such as nist-rev5_descriptions.json, a known folder, or a YAML platform field',
  },
  'description-list-empty': { title: 'Description files with no entry', expected: 'at least one {id, description}' },
  'description-entry-malformed': { title: 'Description entries that are not {id, description}', expected: 'an object with a text id and a text description' },
  'description-id-blank': { title: 'Descriptions without an id', expected: 'a capability id' },
  'description-not-available': { title: 'Entries written "Not Available"', expected: 'a capability id and its description' },
  'description-text-empty': { title: 'Ids with an empty description', expected: 'a description' },
  'description-id-duplicate': { title: 'Ids listed twice in one file', expected: 'each id once per file' },
  'description-id-variant': {
    title: 'Ids listed twice in one file, spelled two ways (AC-4 and AC-04)',
    expected: 'each id once per file, in one spelling',
  },
  'description-html-repaired': {
    title: 'HTML descriptions with markup Mapscope does not render',
    expected: 'paragraphs, line breaks, quotes, emphasis, lists and links to http(s), without attributes',
  },
  'description-id-respelled': {
    title: 'Description ids spelled otherwise than the mappings',
    expected: 'the capability id as the mapping files write it',
  },
  'description-id-ccm-domain': {
    title: 'CSA CCM ids written IVS where the mappings write I&S',
    expected: 'the Infrastructure Security domain written I&S',
  },
  'description-id-separators': {
    title: 'Google Cloud ids written with other separators than the mappings',
    expected: 'the capability id as the mapping files write it',
  },
  'description-unmatched': {
    title: 'Descriptions of capabilities no mapping names',
    expected: 'a capability of a set of the same framework',
  },
} as const;

export type DescriptionWarningKind = keyof typeof DESCRIPTION_WARNING_KINDS;
export const DESCRIPTION_WARNING_KIND_IDS = Object.keys(DESCRIPTION_WARNING_KINDS) as [DescriptionWarningKind, ...DescriptionWarningKind[]];

/** Where in a description file: a JSON pointer (for YAML too, the path as a pointer) and, for YAML, the line. */
export interface DescriptionLocation {
  /** The file as the build names it: relative to the folder it was given in ("mappings/KEV/..."). */
  file: string;
  /** "" for the whole file, "/12/id" for an entry's field, "/description" in a YAML file. */
  pointer: string;
  /** 1-based, when the format has lines Mapscope can point to (YAML). */
  line?: number;
}

export interface DescriptionWarning extends DescriptionLocation {
  kind: DescriptionWarningKind;
  /** The framework the file describes, once known. */
  framework: string | null;
  /** "id", "description", "(file)". */
  field: string;
  expected: string;
  /** The value found, as JSON text so blanks and spaces show ("", "AC-4 "). */
  found: string;
  /** What Mapscope did with it. */
  action: string;
}

/** A warning of a kind, its `expected` from the vocabulary. */
export function descriptionWarning(
  kind: DescriptionWarningKind,
  where: DescriptionLocation,
  fields: { framework: string | null; field: string; found: string; action: string },
): DescriptionWarning {
  return { kind, ...where, ...fields, expected: DESCRIPTION_WARNING_KINDS[kind].expected };
}

/** A value as a warning quotes it: JSON, shortened. */
export function quoteFound(value: unknown, max = 120): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
